// @topograph/runtime/internals: what benches and tests drive or inspect below the public API (a StreamTask fed
// by hand, the byte helpers the hand-written baselines share with the serdes, the shapes DSL operators build
// with). Nothing here is a stable contract for applications; the public API is ./index.ts.

export { StreamTask, type StreamTaskOptions } from './engine/stream-task.js';
export { GlobalTask } from './engine/global-task.js';
export type { RecordCollector } from './engine/record-collector.js';
export { internalContext, type InternalProcessorContext } from './engine/internal-context.js';
export { LatencyHistogram } from './metrics/latency-histogram.js';
export { DslContext } from './dsl/dsl-context.js';
export { changeSerde } from './dsl/change.js';
export type { TableState } from './dsl/table-processors.js';
export type {
  BuiltTable,
  KStreamInternals,
  KTableInternals,
  KTableValueGetter,
  KTableValueGetterSupplier,
} from './dsl/internals.js';
export type { KGroupedStreamInternals } from './dsl/kgrouped-stream.js';
export type { ChangeLogger, ManagedStateStore } from './state/store.js';
export { encodeUtf8 } from './serdes/utf8.js';
export { readInt64BE, writeInt64BE } from './serdes/big-endian.js';
