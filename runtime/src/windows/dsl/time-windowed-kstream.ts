import type { Change } from '../../dsl/change.js';
import type { KGroupedStreamInternals } from '../../dsl/kgrouped-stream.js';
import type { TableState } from '../../dsl/table-processors.js';
import type { ProcessorSupplier } from '../../processor/api.js';
import { windowAggregateSupplier } from '../processors/window-aggregate.js';
import type { FixedWindowsSpec, Windowed } from '../window.js';
import { WindowStoreAggregations, type AggregationFunctions } from './window-store-aggregations.js';

/** A grouped stream windowed by tumbling or hopping TimeWindows (Kafka's TimeWindowedKStream). */
export class TimeWindowedKStream<K, V> extends WindowStoreAggregations<K, V> {
  constructor(
    grouped: KGroupedStreamInternals<K, V>,
    private readonly windows: FixedWindowsSpec,
  ) {
    super(grouped);
  }

  protected override windowSizeMs(): number {
    return this.windows.size();
  }

  protected override retentionMs(): number {
    return this.windows.size() + this.windows.gracePeriodMs();
  }

  protected override graceMs(): number {
    return this.windows.gracePeriodMs();
  }

  protected override processor<A>(
    storeName: string,
    fns: AggregationFunctions<K, V, A>,
    state: TableState,
  ): ProcessorSupplier<K, V, Windowed<K>, Change<A>> {
    return windowAggregateSupplier<K, V, A>({
      storeName,
      windows: this.windows,
      ...fns,
      sendOldValues: () => state.sendOldValues,
      emitOnWindowClose: this.emit.emitsOnWindowClose,
    });
  }
}
