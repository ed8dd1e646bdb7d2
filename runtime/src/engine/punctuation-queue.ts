import type { Cancellable, PunctuationType } from '../processor/api.js';

interface Schedule {
  readonly intervalMs: number;
  readonly type: PunctuationType;
  readonly run: (timestamp: number) => void;
  next: number;
  cancelled: boolean;
}

/**
 * Punctuators of one task, split by time type. Like Kafka's PunctuationSchedule, a punctuator fires once per
 * check even if several intervals elapsed, and its next time is realigned past `now`.
 */
export class PunctuationQueue {
  private readonly schedules: Schedule[] = [];

  schedule(
    intervalMs: number,
    type: PunctuationType,
    firstTime: number,
    run: (timestamp: number) => void,
  ): Cancellable {
    if (!Number.isFinite(intervalMs) || intervalMs < 1) {
      throw new RangeError(`punctuation interval must be at least 1 ms, got ${intervalMs}`);
    }
    const entry: Schedule = { intervalMs, type, run, next: firstTime, cancelled: false };
    this.schedules.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
        const i = this.schedules.indexOf(entry);
        if (i >= 0) this.schedules.splice(i, 1);
      },
    };
  }

  /** Runs every due punctuator of `type`; returns whether any ran. */
  punctuate(
    type: PunctuationType,
    now: number,
    invoke: (run: (timestamp: number) => void, now: number) => void,
  ): boolean {
    let ran = false;
    for (const entry of [...this.schedules]) {
      if (entry.type !== type || entry.cancelled || now < entry.next) continue;
      entry.next += entry.intervalMs * Math.max(1, Math.floor((now - entry.next) / entry.intervalMs) + 1);
      invoke(entry.run, now);
      ran = true;
    }
    return ran;
  }

  get size(): number {
    return this.schedules.length;
  }
}
