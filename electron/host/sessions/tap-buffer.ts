import { toWire } from './wire-value.js';

/** Name of the global the instrumented topology's tap peeks call (see instrument.ts). */
export const TAP_GLOBAL = '__topographTap';
const KEEP = 50;
const FLUSH_MS = 250;

export interface TappedRecord {
  key: unknown;
  value: unknown;
  timestamp: number;
}

/**
 * Collects the latest records of the active taps and flushes them a few times a second. An inactive tap
 * costs one Set lookup per record, which is what keeps sessions with taps near the speed of those without.
 */
export class TapBuffer {
  private readonly active = new Set<string>();
  private readonly pending = new Map<string, TappedRecord[]>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly flush: (tapId: string, records: TappedRecord[]) => void) {}

  readonly record = (tapId: string, key: unknown, value: unknown): void => {
    if (!this.active.has(tapId)) return;
    let list = this.pending.get(tapId);
    if (!list) this.pending.set(tapId, (list = []));
    list.push({ key: toWire(key), value: toWire(value), timestamp: Date.now() });
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
  };

  activate(tapIds: readonly string[]): void {
    this.active.clear();
    for (const id of tapIds) this.active.add(id);
    if (this.active.size > 0 && this.timer === null) this.timer = setInterval(() => this.drain(), FLUSH_MS);
    if (this.active.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private drain(): void {
    for (const [tapId, records] of this.pending) if (records.length > 0) this.flush(tapId, records);
    this.pending.clear();
  }
}
