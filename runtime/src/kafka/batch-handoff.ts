import type { FetchedRecord } from '../streams/transport.js';

interface PendingBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly FetchedRecord[];
  /** Index of the first record not yet handed out. */
  next: number;
  readonly settle: (outcome: 'processed' | 'dropped') => void;
}

/**
 * Turns kafkajs' push-based `eachBatch` into the runner's pull-based `poll()`. A batch handler `offer`s its
 * records and stays blocked until the runner has taken all of them and come back for more — the runner's
 * loop only polls again after it has processed the previous records and awaited their output — so kafkajs
 * never runs ahead of processing, and a rebalance (which waits for handlers) cannot overtake a batch in
 * flight. At most one batch per partition is pending, because kafkajs hands out a partition's next batch only
 * after its handler for the previous one has resolved.
 */
export class BatchHandoff {
  private readonly pending: PendingBatch[] = [];
  /** Batches fully handed out in the last `take`; they count as processed when the runner takes again. */
  private handedOut: PendingBatch[] = [];
  private wakeWaiter: (() => void) | undefined;
  private woken = false;

  /** Resolves 'processed' once the runner has processed every record, or 'dropped' when they were discarded. */
  offer(
    topic: string,
    partition: number,
    records: readonly FetchedRecord[],
  ): Promise<'processed' | 'dropped'> {
    if (records.length === 0) return Promise.resolve('processed');
    return new Promise((settle) => {
      this.pending.push({ topic, partition, records, next: 0, settle });
      this.wake();
    });
  }

  /**
   * Up to `max` records of `eligible` (not paused) partitions, waiting up to `waitMs` for some. Records the
   * caller took before are settled as processed first. Returns early (possibly empty) on `wakeup()`.
   */
  async take(
    max: number,
    waitMs: number,
    eligible: (topic: string, partition: number) => boolean = () => true,
  ): Promise<FetchedRecord[]> {
    this.settleHandedOut();
    if (!this.pending.some((b) => eligible(b.topic, b.partition)) && !this.woken && waitMs > 0) {
      await this.waitForOffer(waitMs);
    }
    this.woken = false;
    const out: FetchedRecord[] = [];
    for (let i = 0; out.length < max && i < this.pending.length;) {
      const batch = this.pending[i]!;
      if (!eligible(batch.topic, batch.partition)) {
        i++;
        continue;
      }
      const end = Math.min(batch.records.length, batch.next + (max - out.length));
      for (let r = batch.next; r < end; r++) out.push(batch.records[r]!);
      batch.next = end;
      if (batch.next === batch.records.length) {
        this.pending.splice(i, 1);
        this.handedOut.push(batch);
      } else {
        i++;
      }
    }
    return out;
  }

  /** Makes a pending or the next `take` return at once. */
  wakeup(): void {
    this.woken = true;
    this.wake();
  }

  /** Discards the pending records of partitions that `keep` rejects (revoked ones); their handlers resolve. */
  drop(keep: (topic: string, partition: number) => boolean): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const batch = this.pending[i]!;
      if (keep(batch.topic, batch.partition)) continue;
      this.pending.splice(i, 1);
      batch.settle('dropped');
    }
  }

  /** Settles everything, e.g. on close, so no kafkajs handler stays blocked. */
  releaseAll(): void {
    this.settleHandedOut();
    this.drop(() => false);
  }

  get size(): number {
    return this.pending.length;
  }

  private settleHandedOut(): void {
    const done = this.handedOut;
    this.handedOut = [];
    for (const batch of done) batch.settle('processed');
  }

  private wake(): void {
    const waiter = this.wakeWaiter;
    this.wakeWaiter = undefined;
    waiter?.();
  }

  private waitForOffer(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeWaiter = undefined;
        resolve();
      }, waitMs);
      this.wakeWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
