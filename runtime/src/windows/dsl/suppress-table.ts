import type { Change } from '../../dsl/change.js';
import { KTable, type KTableInternals } from '../../dsl/ktable.js';
import type { TableState } from '../../dsl/table-processors.js';
import { defaultSerde } from '../../serdes/serdes.js';
import { Stores } from '../../state/stores.js';
import { suppressSupplier, windowEndOf } from '../processors/suppress.js';
import type { SuppressionSpec } from '../suppression-config.js';
import { SuppressionBuffer } from '../suppression-buffer.js';
import type { Windowed } from '../window.js';
import { registerWindowedTable, windowedTableGrace } from './windowed-tables.js';

const SUPPRESS_NAME = 'KTABLE-SUPPRESS-';

/** Kafka's KTableImpl#suppress: a KTABLE-SUPPRESS processor with its buffer store, then a new (unqueryable) table. */
export function suppressTable<K, V>(table: KTableInternals<K, V>, suppressed: SuppressionSpec): KTable<K, V> {
  const ctx = table.context;
  const graceMs = windowedTableGrace(table.state);
  if (suppressed.mode.kind === 'untilWindowCloses' && graceMs === undefined) {
    throw new TypeError(
      'Suppressed.untilWindowCloses() applies only to windowed tables (the result of windowedBy(...))',
    );
  }
  const name = suppressed.name ?? ctx.names.newProcessorName(SUPPRESS_NAME);
  const storeName =
    suppressed.name !== undefined ? `${suppressed.name}-store` : ctx.names.newStoreName(SUPPRESS_NAME);
  const state: TableState = { storeName: null, sendOldValues: false };
  const supplier = suppressSupplier<K, V>({
    storeName,
    suppressed,
    ...(graceMs === undefined
      ? {}
      : // Only windowed tables register a grace, so their keys are Windowed — the check above makes this sound.
        { graceMs, windowEnd: (key: K) => windowEndOf(key as unknown as Windowed<unknown>) }),
    sendOldValues: () => state.sendOldValues,
  });
  ctx.addProcessor<K, Change<V>>(name, supplier, table.nodeName);
  const keySerde = table.keySerde ?? defaultSerde<K>();
  const valueSerde = table.valueSerde ?? defaultSerde<V>();
  ctx.topology.addStateStore(
    Stores.storeBuilder(storeName, () => new SuppressionBuffer<K, V>(storeName, keySerde, valueSerde)),
    name,
  );
  // A suppressed windowed table is still windowed, so it can be suppressed again as in Kafka.
  if (graceMs !== undefined) registerWindowedTable(state, graceMs);
  return new KTable<K, V>(ctx, name, table.keySerde, table.valueSerde, state, { kind: 'store' });
}
