import type { ProduceRecord } from '@topograph/api';

const TICK_MS = 100;

/**
 * Produces test records at a steady rate by cycling through sample records with fresh timestamps. Fractional
 * per-tick counts carry over, so 3 records/s really gives 3 a second.
 */
export class RecordGenerator {
  private readonly timer: ReturnType<typeof setInterval>;
  private next = 0;
  private owed = 0;

  constructor(
    private readonly samples: readonly ProduceRecord[],
    private readonly ratePerSec: number,
    private readonly emit: (records: ProduceRecord[]) => unknown,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.owed += (this.ratePerSec * TICK_MS) / 1000;
    const count = Math.floor(this.owed);
    if (count === 0) return;
    this.owed -= count;
    const now = Date.now();
    const batch: ProduceRecord[] = [];
    for (let i = 0; i < count; i++) {
      const sample = this.samples[this.next++ % this.samples.length];
      if (sample) batch.push({ key: sample.key, value: sample.value, timestamp: now });
    }
    this.emit(batch);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
