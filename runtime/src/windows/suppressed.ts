import type { KTable, KTableInternals } from '../dsl/ktable.js';
import { suppressTable } from './dsl/suppress-table.js';
import { BufferConfig, type SuppressionMode, type SuppressionSpec } from './suppression-config.js';
import { requireMillis } from './window.js';

export { BufferConfig, type SuppressionMode } from './suppression-config.js';

/** How KTable#suppress holds back updates (Kafka's Suppressed); build one with the static factories. */
export class Suppressed implements SuppressionSpec {
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
