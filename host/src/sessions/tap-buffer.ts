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

/** The latest KEEP records of one tap, overwritten in place: no allocation per record. */
class Ring {
  readonly keys: unknown[] = new Array(KEEP);
  readonly values: unknown[] = new Array(KEEP);
  readonly times = new Float64Array(KEEP);
  /** Records seen since the last flush. */
  count = 0;
  next = 0;

  take(): TappedRecord[] {
    const n = Math.min(this.count, KEEP);
    const out: TappedRecord[] = [];
    for (let i = n; i > 0; i--) {
      const at = (this.next - i + KEEP) % KEEP;
      out.push({
        key: toWire(this.keys[at]),
        value: toWire(this.values[at]),
        timestamp: this.times[at] ?? 0,
      });
    }
    this.count = 0;
    return out;
  }
}

/**
 * Collects the latest records of the active taps and flushes them a few times a second. An inactive tap
 * costs one Set lookup per record, an active one three array writes; records are converted for the wire only
 * when flushed, so a busy edge costs little more than an idle one.
 */
export class TapBuffer {
  private readonly rings = new Map<string, Ring>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly flush: (tapId: string, records: TappedRecord[]) => void) {}

  readonly record = (tapId: string, key: unknown, value: unknown): void => {
    const ring = this.rings.get(tapId);
    if (ring === undefined) return;
    const at = ring.next;
    ring.keys[at] = key;
    ring.values[at] = value;
    ring.times[at] = Date.now();
    ring.next = at + 1 === KEEP ? 0 : at + 1;
    ring.count++;
  };

  activate(tapIds: readonly string[]): void {
    for (const id of [...this.rings.keys()]) if (!tapIds.includes(id)) this.rings.delete(id);
    for (const id of tapIds) if (!this.rings.has(id)) this.rings.set(id, new Ring());
    if (this.rings.size > 0 && this.timer === null) this.timer = setInterval(() => this.drain(), FLUSH_MS);
    if (this.rings.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private drain(): void {
    for (const [tapId, ring] of this.rings) if (ring.count > 0) this.flush(tapId, ring.take());
  }
}
