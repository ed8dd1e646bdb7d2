import type { Problem, TopologyDocument } from '@topograph/document';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { StudioClient } from '../api/client.js';
import { useDesigner } from '../store/store.js';

/**
 * The host's type errors of the generated code (`codegen.generate`), for the document they were computed from.
 * Validation problems are the designer's own (it validates as the host does), so only the compiler's errors
 * are kept: a sink serde that does not fit its records, a result type a lambda does not return, …
 */
export const useHostProblems = create<{ doc: TopologyDocument | null; problems: Problem[] }>()(() => ({
  doc: null,
  problems: [],
}));

/** The compiler's findings among a generate result's diagnostics (codes `ts<n>` and `syntax`). */
export const compilerProblems = (diagnostics: readonly Problem[]): Problem[] =>
  diagnostics.filter((p) => /^ts\d+$/.test(p.code) || p.code === 'syntax');

const key = (p: Problem): string =>
  [p.nodeId ?? '', p.field ?? '', p.line ?? '', p.column ?? '', p.message].join('\u0000');

/**
 * Lambda errors and the host's errors together, each once: the host checks the lambdas again inside the whole
 * file and finds the same errors at the same place inside the field.
 */
export function mergeProblems(lambda: readonly Problem[], host: readonly Problem[]): Problem[] {
  const seen = new Set(lambda.map(key));
  // A lambda that does not parse breaks the statement around it; the lambda's own error says where.
  const unparsed = new Set(lambda.filter((p) => p.severity === 'error').map((p) => p.nodeId));
  const syntax = (p: Problem) => p.code === 'syntax' || /^ts1\d{3}$/.test(p.code);
  return [...lambda, ...host.filter((p) => !seen.has(key(p)) && !(syntax(p) && unparsed.has(p.nodeId)))];
}

/** Asks the host to generate and type-check the document shortly after each change. */
export function useHostCheck(studio: StudioClient, delayMs = 600): void {
  useEffect(() => {
    const host = studio.host;
    if (!host) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let run = 0;
    const check = () => {
      const mine = ++run;
      const doc = useDesigner.getState().history.present;
      host.call('codegen.generate', { document: doc }).then(
        (r) => {
          // A newer check started meanwhile: its result wins.
          if (mine === run) useHostProblems.setState({ doc, problems: compilerProblems(r.diagnostics) });
        },
        (e: unknown) => {
          if (mine !== run) return;
          useHostProblems.setState({
            doc,
            problems: [
              { severity: 'error', code: 'host', message: `The host could not check the code: ${String(e)}` },
            ],
          });
        },
      );
    };
    check();
    const unsub = useDesigner.subscribe((s, prev) => {
      if (s.history.present === prev.history.present) return;
      clearTimeout(timer);
      timer = setTimeout(check, delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, [studio, delayMs]);
}
