import { useEffect } from 'react';
import { useDesigner } from '../store/store.js';
import { checkLambdas } from './lambda-check.js';
import { loadMonaco } from './load.js';

/** Type-checks the document's lambdas in the background after each change and publishes their errors. */
export function useLambdaCheck(delayMs = 350): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let run = 0;
    const check = () => {
      const mine = ++run;
      const doc = useDesigner.getState().history.present;
      void loadMonaco()
        .then((monaco) => checkLambdas(monaco, doc))
        .then((problems) => {
          // A newer check started meanwhile: its result wins.
          if (mine === run) useDesigner.getState().setLambdaProblems(problems);
        })
        .catch((e: unknown) => {
          console.error(e);
          useDesigner.getState().notify('error', `Type check failed: ${String(e)}`);
        });
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
  }, [delayMs]);
}
