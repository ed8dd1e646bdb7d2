import { validateDocument, type Analysis, type Problem } from '@topograph/codegen';
import { useMemo } from 'react';
import { useDesigner } from '../store/store.js';

/** Validation of the current document plus the lambda type errors, recomputed when either changes. */
export function useValidation(): { problems: Problem[]; analysis: Analysis | undefined } {
  const doc = useDesigner((s) => s.history.present);
  const lambda = useDesigner((s) => s.lambdaProblems);
  const validation = useMemo(() => validateDocument(doc), [doc]);
  return useMemo(
    () => ({ problems: [...validation.problems, ...lambda], analysis: validation.analysis }),
    [validation, lambda],
  );
}
