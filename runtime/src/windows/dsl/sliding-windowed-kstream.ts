import type { Change } from '../../dsl/change.js';
import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import type { TableState } from '../../dsl/table-processors.js';
import type { ProcessorSupplier } from '../../processor/api.js';
import { slidingWindowAggregateSupplier } from '../processors/sliding-window-aggregate.js';
import type { SlidingWindowsSpec, Windowed } from '../window.js';
import { WindowStoreAggregations, type AggregationFunctions } from './window-store-aggregations.js';

/** A grouped stream windowed by SlidingWindows (Kafka's SlidingWindowedKStream). */
export class SlidingWindowedKStream<K, V> extends WindowStoreAggregations<K, V> {
  constructor(
    grouped: KGroupedStreamInternals<K, V>,
    private readonly windows: SlidingWindowsSpec,
  ) {
    super(grouped);
  }

  protected override windowSizeMs(): number {
    return this.windows.timeDifferenceMs;
  }

  // Kafka keeps 2·d + grace: creating a right window can need the window of a record up to 2·d earlier.
  protected override retentionMs(): number {
    return 2 * this.windows.timeDifferenceMs + this.windows.gracePeriodMs();
  }

  protected override graceMs(): number {
    return this.windows.gracePeriodMs();
  }

  protected override processor<A>(
    storeName: string,
    fns: AggregationFunctions<K, V, A>,
    state: TableState,
  ): ProcessorSupplier<K, V, Windowed<K>, Change<A>> {
    return slidingWindowAggregateSupplier<K, V, A>({
      storeName,
      windows: this.windows,
      ...fns,
      sendOldValues: () => state.sendOldValues,
      emitOnWindowClose: this.emit.emitsOnWindowClose,
    });
  }
}
