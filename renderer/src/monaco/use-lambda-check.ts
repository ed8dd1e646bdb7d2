import type { TopologyDocument } from '@topograph/document';
import { useEffect } from 'react';
import { useInferredTypes } from '../store/inferred.js';
import { useDesigner } from '../store/store.js';
import { inferResultTypes } from './infer-results.js';
import { checkLambdas } from './lambda-check.js';
import { loadMonaco } from './load.js';
import { resultKey, UNSET, withResultTypes } from './result-types.js';
import type { Monaco } from './setup.js';
import { notify } from '../store/ui.js';

/**
 * Type-checks the document's lambdas in the background after each change and publishes their errors; after an
 * edit (not on opening a document, which stays as it was saved) it also fills in the result types TypeScript
 * infers for fields left `unknown` (result-types.ts).
 */
export function useLambdaCheck(delayMs = 350): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let run = 0;
    const check = (infer: boolean) => {
      const mine = ++run;
      const doc = useDesigner.getState().history.present;
      void loadMonaco()
        .then(async (monaco) => {
          const problems = await checkLambdas(monaco, doc);
          // A newer check started meanwhile: its result wins.
          if (mine !== run) return;
          useDesigner.getState().setLambdaProblems(problems);
          if (infer) await inferInto(monaco, doc, () => mine === run);
        })
        .catch((e: unknown) => {
          console.error(e);
          notify('error', `Type check failed: ${String(e)}`);
        });
    };
    check(false);
    const unsub = useDesigner.subscribe((s, prev) => {
      if (s.history.present === prev.history.present) return;
      const loaded = s.loads !== prev.loads;
      if (loaded) useInferredTypes.setState({ types: new Map() });
      clearTimeout(timer);
      timer = setTimeout(() => check(!loaded), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, [delayMs]);
}

/**
 * Writes the inferred result types into the document as part of the edit that caused them, where the field is
 * still the designer's to fill and the lambda is still the one inferred from.
 */
async function inferInto(monaco: Monaco, doc: TopologyDocument, current: () => boolean): Promise<void> {
  const results = await inferResultTypes(monaco, doc, useInferredTypes.getState().types);
  if (!current() || results.length === 0) return;
  const s = useDesigner.getState();
  const now = s.history.present;
  const types = new Map(useInferredTypes.getState().types);
  const fresh = results.filter(({ target, code }) => {
    const config = now.nodes.find((n) => n.id === target.nodeId)?.config;
    const value = config?.[target.field];
    return config?.[target.lambda] === code && (value === UNSET || types.get(resultKey(target)) === value);
  });
  for (const r of fresh) types.set(resultKey(r.target), r.type);
  useInferredTypes.setState({ types });
  const next = withResultTypes(now, fresh);
  if (next !== now) s.amend(next);
}
