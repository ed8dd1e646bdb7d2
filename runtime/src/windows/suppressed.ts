import type { KTable, KTableInternals } from '../dsl/ktable.js';
import { suppressTable } from './dsl/suppress-table.js';
import { requireMillis } from './window.js';

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

/** How KTable#suppress holds back updates (Kafka's Suppressed); build one with the static factories. */
export class Suppressed {
  private constructor(
    readonly mode: SuppressionMode,
    readonly bufferConfig: BufferConfig,
    readonly name: string | undefined,
  ) {}

  /** Emits only the final result of each window, once stream time passes window end + grace. */
  static untilWindowCloses(bufferConfig: BufferConfig = BufferConfig.unbounded()): Suppressed {
    if (bufferConfig.onFull === 'emitEarly') {
      // Kafka rejects this too: emitting early would break the "final result only" promise.
      throw new RangeError(
        'Suppressed.untilWindowCloses needs a buffer that shuts down when full (unbounded)',
      );
    }
    return new Suppressed({ kind: 'untilWindowCloses' }, bufferConfig, undefined);
  }

  /** Holds each key's latest update until `timeToWaitMs` of stream time after its first buffered update. */
  static untilTimeLimit(
    timeToWaitMs: number,
    bufferConfig: BufferConfig = BufferConfig.unbounded(),
  ): Suppressed {
    requireMillis(timeToWaitMs, 'Suppressed time limit');
    return new Suppressed({ kind: 'untilTimeLimit', timeToWaitMs }, bufferConfig, undefined);
  }

  /** Names the suppression processor (and its buffer store, `<name>-store`). */
  withName(name: string): Suppressed {
    return new Suppressed(this.mode, this.bufferConfig, name);
  }

  /** Used by KTable#suppress. */
  applyTo<K, V>(table: KTableInternals<K, V>): KTable<K, V> {
    return suppressTable(table, this);
  }
}
