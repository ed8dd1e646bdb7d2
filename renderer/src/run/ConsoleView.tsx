import { useEffect, useRef } from 'react';
import { useRun } from './run-store.js';

export function ConsoleView() {
  const lines = useRun((s) => s.console);
  const end = useRef<HTMLDivElement>(null);
  // A block body: current Chromium's scrollIntoView returns a Promise, and an arrow returning it made React
  // call that Promise as the effect's cleanup ("l is not a function"), unmounting the whole app.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lines]);
  return (
    <pre className="run-console" data-testid="run-console">
      {lines.length === 0 && <span className="run-system">No output yet.</span>}
      {lines.map((l) => (
        <span key={l.seq} className={`run-${l.stream}`}>
          {l.text}
        </span>
      ))}
      <div ref={end} />
    </pre>
  );
}
