import { internalContext, type InternalProcessorContext } from '../../engine/internal-context.js';
import type { Processor, ProcessorSupplier, StreamRecord } from '../../processor/api.js';
import type { SuppressionSpec } from '../suppression-config.js';
import type { SuppressionBuffer } from '../suppression-buffer.js';
import type { Windowed } from '../window.js';
import type { Change } from '../../dsl/change.js';

export interface SuppressOptions<K> {
  readonly storeName: string;
  readonly suppressed: SuppressionSpec;
  /** The upstream windowed aggregation's grace period (untilWindowCloses waits for it after the window end). */
  readonly graceMs?: number;
  /** Buffer time of a key: the window end for untilWindowCloses (only windowed keys reach it). */
  readonly windowEnd?: (key: K) => number;
  /** Forward old values with the final result (KTable#suppress keeps Change pairs for downstream tables). */
  readonly sendOldValues?: () => boolean;
}

/**
 * Kafka's KTableSuppressProcessor: buffers the latest update per key and releases it once stream time has
 * passed its buffer time plus the suppression duration (window end + grace, or first update + time limit).
 * Tombstones for windows that were never emitted are dropped, since downstream never saw those windows.
 */
export function suppressSupplier<K, V>(
  options: SuppressOptions<K>,
): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  return () => new SuppressProcessor<K, V>(options);
}

export function windowEndOf<K>(key: Windowed<K>): number {
  return key.window.end;
}

class SuppressProcessor<K, V> implements Processor<K, Change<V>, K, Change<V>> {
  private context!: InternalProcessorContext<K, Change<V>>;
  private buffer!: SuppressionBuffer<K, V>;
  private observedStreamTime = Number.NEGATIVE_INFINITY;
  private readonly durationMs: number;
  private readonly finalResultsOnly: boolean;

  constructor(private readonly options: SuppressOptions<K>) {
    const s = options.suppressed.mode;
    this.finalResultsOnly = s.kind === 'untilWindowCloses';
    if (this.finalResultsOnly && (options.windowEnd === undefined || options.graceMs === undefined)) {
      throw new TypeError('Suppressed.untilWindowCloses() applies only to windowed KTables');
    }
    this.durationMs = s.kind === 'untilWindowCloses' ? (options.graceMs ?? 0) : s.timeToWaitMs;
  }

  init(context: InternalProcessorContext<K, Change<V>>): void {
    this.context = internalContext(context);
    this.buffer = context.getStateStore(this.options.storeName);
    this.context.tracer?.note(this.context.nodeName, {
      kind: 'suppress',
      store: this.options.storeName,
      durationMs: this.durationMs,
      untilWindowCloses: this.finalResultsOnly,
    });
  }

  process(record: StreamRecord<K, Change<V>>): void {
    this.observedStreamTime = Math.max(this.observedStreamTime, record.timestamp);
    const bufferTime = this.finalResultsOnly
      ? (this.options.windowEnd as (key: K) => number)(record.key)
      : record.timestamp;
    this.buffer.put(
      record.key,
      bufferTime,
      record.value.newValue,
      record.value.oldValue,
      record.timestamp,
      record.headers,
    );
    this.enforceConstraints();
  }

  private enforceConstraints(): void {
    const expiryTime = this.observedStreamTime - this.durationMs;
    const { maxRecords } = this.options.suppressed.bufferConfig;
    const evicted = this.buffer.evictWhile(
      (oldest, size) => oldest.bufferTime <= expiryTime || size > maxRecords,
    );
    const sendOld = this.options.sendOldValues?.() ?? false;
    for (const r of evicted) {
      if (r.value === null && this.finalResultsOnly) continue;
      this.context.forward({
        key: r.key,
        value: { newValue: r.value, oldValue: sendOld ? r.oldValue : null },
        timestamp: r.timestamp,
        headers: r.headers,
      });
    }
  }
}
