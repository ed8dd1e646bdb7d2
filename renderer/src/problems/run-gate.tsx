import type { Studio } from '@topograph/api';
import { hasErrors, type Problem, type TopologyDocument } from '@topograph/document';
import { create } from 'zustand';
import { useDesigner } from '../store/store.js';
import { Modal } from '../ui/Modal.js';
import { compilerProblems, mergeProblems } from './host-problems.js';

interface Pending {
  problems: Problem[];
  answer: (run: boolean) => void;
}

const useRunGate = create<{ pending: Pending | null }>()(() => ({ pending: null }));

/**
 * Before a run: asks the host to type-check the document about to run and, when it does not, asks the user
 * whether to run it anyway, saying why. Resolves true to go ahead.
 */
export async function confirmRun(studio: Studio, document: TopologyDocument): Promise<boolean> {
  const { diagnostics } = await studio.call('codegen.check', { document });
  const errors = mergeProblems(
    diagnostics.filter((p) => !/^ts\d+$|^syntax$/.test(p.code)),
    mergeProblems(useDesigner.getState().lambdaProblems, compilerProblems(diagnostics)),
  ).filter((p) => p.severity === 'error');
  if (!hasErrors(errors)) return true;
  useRunGate.getState().pending?.answer(false);
  return new Promise<boolean>((resolve) => {
    useRunGate.setState({
      pending: {
        problems: errors,
        answer: (run) => {
          useRunGate.setState({ pending: null });
          resolve(run);
        },
      },
    });
  });
}

const where = (p: Problem, labelOf: (id: string) => string): string =>
  [p.nodeId !== undefined ? labelOf(p.nodeId) : 'document', p.field].filter(Boolean).join(' · ') +
  (p.line !== undefined ? ` ${p.line}:${p.column ?? 1}` : '');

const SHOWN = 8;

/**
 * The in-app confirmation of a run that does not type-check, in the designer's one dialog (ui/Modal): Enter
 * on the focused "Cancel" or Escape does not run, "Run anyway" does.
 */
export function RunGateDialog() {
  const pending = useRunGate((s) => s.pending);
  const doc = useDesigner((s) => s.history.present);
  if (!pending) return null;
  const labelOf = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const count = pending.problems.length;
  return (
    <Modal
      title={`Run anyway? The topology does not type-check (${count} error${count === 1 ? '' : 's'})`}
      onClose={() => pending.answer(false)}
      role="alertdialog"
      testId="run-gate"
    >
      <p className="muted">
        The session would fail where the code does not compile, or process records wrongly.
      </p>
      <ul className="run-gate-problems">
        {pending.problems.slice(0, SHOWN).map((p, i) => (
          <li key={i} className="inline-problem error">
            <strong>{where(p, labelOf)}</strong> {p.message}
          </li>
        ))}
        {count > SHOWN && <li className="muted">… and {count - SHOWN} more in Problems</li>}
      </ul>
      <div className="modal-actions">
        {/* The safe answer has focus, so an Enter meant for something else does not run broken code. */}
        <button type="button" autoFocus onClick={() => pending.answer(false)}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => pending.answer(true)}>
          Run anyway
        </button>
      </div>
    </Modal>
  );
}
