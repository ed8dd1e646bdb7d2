// What a suppression is configured with, apart from the Suppressed class that builds it: the suppress operator
// and its processor read these, so they do not import Suppressed (which imports them to apply itself).

/** How many records a suppression buffer may hold (a byte limit is not offered: records are kept as objects). */
export interface BufferConfig {
  readonly maxRecords: number;
  /** What to do when the buffer is full: emit the oldest record early, or fail the task. */
  readonly onFull: 'emitEarly' | 'shutDown';
}

export const BufferConfig = {
  unbounded(): BufferConfig {
    return { maxRecords: Number.POSITIVE_INFINITY, onFull: 'shutDown' };
  },
  /** At most `n` records; when full the oldest is emitted early (untilTimeLimit only). */
  maxRecords(n: number): BufferConfig {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`BufferConfig.maxRecords needs a whole number of records ≥ 0, got ${String(n)}`);
    }
    return { maxRecords: n, onFull: 'emitEarly' };
  },
} as const;

export type SuppressionMode =
  { readonly kind: 'untilWindowCloses' } | { readonly kind: 'untilTimeLimit'; readonly timeToWaitMs: number };

/** What the suppress operator reads of a Suppressed. */
export interface SuppressionSpec {
  readonly mode: SuppressionMode;
  readonly bufferConfig: BufferConfig;
  readonly name: string | undefined;
}
