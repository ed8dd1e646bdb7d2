import { readFileSync } from 'node:fs';
import { loadDocument, type TopologyDocument } from '@topograph/document';
import type { StudioEvent } from '@topograph/api';
import type { StudioHost } from '../../host/src/studio-host.js';

export function exampleDocument(name: string): TopologyDocument {
  const text = readFileSync(new URL(`../../examples/${name}.topology.json`, import.meta.url), 'utf8');
  const loaded = loadDocument(text);
  if (!loaded.document) throw new Error(`examples/${name}: ${JSON.stringify(loaded.problems)}`);
  return loaded.document;
}

/** Records every event of a host and waits for ones matching a predicate. */
export class EventLog {
  readonly events: StudioEvent[] = [];
  private waiters: Array<{ match: (e: StudioEvent) => boolean; resolve: (e: StudioEvent) => void }> = [];
  readonly unsubscribe: () => void;

  constructor(host: StudioHost) {
    this.unsubscribe = host.subscribe((event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** Resolves with the first event (past or future) that matches; the test's timeout bounds the wait. */
  next<T extends StudioEvent>(match: (e: StudioEvent) => e is T, since?: number): Promise<T>;
  next(match: (e: StudioEvent) => boolean, since?: number): Promise<StudioEvent>;
  next(match: (e: StudioEvent) => boolean, since = 0): Promise<StudioEvent> {
    const seen = this.events.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  console(sessionId: string): string {
    return this.events
      .filter((e) => e.type === 'console' && e.sessionId === sessionId)
      .map((e) => (e.type === 'console' ? e.text : ''))
      .join('');
  }
}
