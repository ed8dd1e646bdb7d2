import { validateDocument, type Analysis, type Problem } from '@topograph/document';
import { useMemo } from 'react';
import { useDesigner } from '../store/store.js';
import { mergeProblems, useHostProblems } from './host-problems.js';

/**
 * Validation of the current document, the lambda type errors and the host's type errors of the generated
 * code, recomputed when any changes.
 */
const NONE: Problem[] = [];

export function useValidation(): { problems: Problem[]; analysis: Analysis | undefined } {
  const doc = useDesigner((s) => s.history.present);
  const lambda = useDesigner((s) => s.lambdaProblems);
  // Only the current document's: another's (the one opened before, the text before an edit) would point at
  // code that is no longer there.
  const host = useHostProblems((s) => (s.doc === doc ? s.problems : NONE));
  const validation = useMemo(() => validateDocument(doc), [doc]);
  return useMemo(
    () => ({
      problems: [...validation.problems, ...mergeProblems(lambda, host)],
      analysis: validation.analysis,
    }),
    [validation, lambda, host],
  );
}
