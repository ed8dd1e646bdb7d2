import {
  applyFix,
  applyFixes,
  CLASS_LABELS,
  fixLabel,
  loadDocument,
  type Change,
  type CompatReport,
} from '@topograph/document';
import { GIT_REVISION } from '@topograph/api';
import { useState } from 'react';
import type { StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';
import { askText } from '../ui/ask.js';
import { baselineKey, useBaselines } from './baseline.js';
import { isCurrent, useCurrentBaseline, useUpgrade } from './check.js';
import './upgrade.css';
import { useSelection } from '../store/selection.js';

const ORDER = { incompatible: 0, 'state-lost': 1, stranded: 2, compatible: 3 } as const;

/**
 * The Upgrade tab: the document's deployed version (baseline), what deploying the canvas over it would do to
 * the running application's state, a fix per rename, and the reset plan where state cannot be kept.
 */
export function UpgradePanel({ studio }: { studio: StudioClient }) {
  const baseline = useCurrentBaseline();
  if (!studio.host)
    return (
      <p className="muted panel-empty">
        The upgrade check runs the generated code for its names: it needs the Topograph host (npm start).
      </p>
    );
  return (
    <div className="upgrade" data-testid="upgrade-panel">
      <BaselineBar />
      {baseline ? <ReportView /> : <NoBaseline />}
    </div>
  );
}

function NoBaseline() {
  return (
    <p className="muted">
      Set the version that is deployed: the canvas is then checked against it as you edit, and nodes whose
      change would lose the running application's state are marked.
    </p>
  );
}

function BaselineBar() {
  const baseline = useCurrentBaseline();
  const filePath = useDesigner((s) => s.filePath);
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = () => {
    const s = useDesigner.getState();
    return baselineKey(s.filePath, s.history.present);
  };
  const takeSaved = () => {
    const s = useDesigner.getState();
    const { document } = loadDocument(s.savedText);
    if (!document || s.filePath === null)
      return setError('Save the document first: its saved file is the baseline.');
    setError(null);
    useBaselines.getState().set(key(), { kind: 'document', document }, `saved file ${s.filePath}`);
  };
  const takeRevision = async () => {
    const path = useDesigner.getState().filePath;
    if (path === null) return;
    const revision = await askText({
      title: 'Deployed git revision',
      label: 'Tag, branch or commit of the workspace',
      initial: 'HEAD',
      confirm: 'Use as deployed version',
      help: `${path} as committed there is the deployed version.`,
      validate: (v) => (GIT_REVISION.test(v.trim()) ? null : 'Give a tag, branch or commit'),
    });
    if (revision === null) return;
    setError(null);
    useBaselines.getState().set(key(), { kind: 'git', path, revision }, `${path} at git ${revision}`);
  };
  const takePasted = () => {
    if (!/(Source|Processor|Sink):/.test(text))
      return setError('That is not a describe() text (no "Source:" lines).');
    setError(null);
    useBaselines.getState().set(key(), { kind: 'describe', text }, 'pasted describe()');
    setPasting(false);
    setText('');
  };
  return (
    <div className="upgrade-baseline">
      <span data-testid="upgrade-baseline">
        {baseline ? (
          <>
            Deployed version: <strong>{baseline.label}</strong>
          </>
        ) : (
          'No deployed version set.'
        )}
      </span>
      <button
        type="button"
        onClick={takeSaved}
        disabled={filePath === null}
        title={filePath === null ? 'Save the document first' : `Use ${filePath} as saved now`}
      >
        Use the saved file
      </button>
      <button
        type="button"
        onClick={() => void takeRevision()}
        disabled={filePath === null}
        title={
          filePath === null ? 'Save the document first' : `${filePath} at a git revision of the workspace`
        }
      >
        Git revision…
      </button>
      <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
        Paste describe()…
      </button>
      {baseline && (
        <button type="button" onClick={() => useBaselines.getState().clear(key())}>
          Clear
        </button>
      )}
      {error && <span className="inline-problem error">{error}</span>}
      {pasting && (
        <div className="upgrade-paste">
          <textarea
            aria-label="describe() of the running application"
            placeholder="Paste topology.describe().toString() of the running application"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={6}
            spellCheck={false}
          />
          <button type="button" onClick={takePasted} disabled={text.trim() === ''}>
            Use as deployed version
          </button>
        </div>
      )}
    </div>
  );
}

function ReportView() {
  const present = useDesigner((s) => s.history.present);
  const baseline = useCurrentBaseline();
  const state = useUpgrade();
  const { report, error } = state;
  if (error) return <p className="inline-problem error">The upgrade check failed: {error}</p>;
  if (!report) return <p className="muted">Checking…</p>;
  const current = isCurrent(state, present, baseline);
  const sorted = [...report.changes].sort((a, b) => ORDER[a.class] - ORDER[b.class]);
  const fixable = report.changes.filter((c) => c.fix && c.class !== 'compatible');
  return (
    <div className={current ? '' : 'stale'}>
      <p className={`upgrade-verdict ${report.verdict}`} data-testid="upgrade-verdict" data-current={current}>
        {verdictText(report)}
        {!current && <span className="muted"> (checking the latest edit…)</span>}
        {current && fixable.length > 1 && (
          <button type="button" onClick={() => useDesigner.getState().change(applyFixes(present, fixable))}>
            Fix all ({fixable.length})
          </button>
        )}
      </p>
      {sorted.length > 0 && (
        <ul className="upgrade-changes">
          {sorted.map((c, i) => (
            <ChangeItem key={i} change={c} actionable={current} />
          ))}
        </ul>
      )}
      {report.plan.needed && (
        <details className="upgrade-plan" data-testid="upgrade-plan">
          <summary>Without the fixes: the reset plan</summary>
          <ol>
            {report.plan.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

const verdictText = (r: CompatReport): string =>
  r.changes.length === 0
    ? 'Nothing the running application keeps changes: a rolling upgrade keeps its state.'
    : r.verdict === 'compatible'
      ? 'Compatible: the new version keeps the running application’s state.'
      : r.verdict === 'incompatible'
        ? 'Incompatible: the new version cannot read what the running one kept.'
        : r.verdict === 'state-lost'
          ? 'State lost: the new version starts without some of the running application’s state.'
          : 'Records stranded: the new version leaves records of the running one unread.';

function ChangeItem({ change: c, actionable }: { change: Change; actionable: boolean }) {
  const select = useSelection((s) => s.select);
  return (
    <li className={`upgrade-change ${c.class}`} data-testid="upgrade-change" data-class={c.class}>
      <span className="upgrade-class">{CLASS_LABELS[c.class]}</span>
      <span className="upgrade-summary">
        {c.summary}
        {c.nodeId !== undefined && (
          <button type="button" className="link" onClick={() => select([c.nodeId as string])}>
            {c.nodeId}
          </button>
        )}
      </span>
      <span className="upgrade-consequence">{c.consequence}</span>
      {c.fix && c.class !== 'compatible' && (
        <button
          type="button"
          className="upgrade-fix"
          disabled={!actionable}
          onClick={() => {
            const s = useDesigner.getState();
            if (c.fix) s.change(applyFix(s.history.present, c.fix));
          }}
        >
          Fix: {fixLabel(c.fix)}
        </button>
      )}
    </li>
  );
}
