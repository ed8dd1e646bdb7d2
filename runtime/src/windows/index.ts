// Windows, window/session stores, windowed aggregations and suppression (re-exported by the package index).
import './dsl/windowed-streams.js';

export { TimeWindows } from './time-windows.js';
export { SlidingWindows } from './sliding-windows.js';
export { SessionWindows } from './session-windows.js';
export { JoinWindows } from './join-windows.js';
export { EmitStrategy } from './emit-strategy.js';
export { Suppressed, BufferConfig, type SuppressionMode } from './suppressed.js';
export type { Window, Windowed } from './window.js';
export { windowedToString } from './window.js';
export {
  InMemoryWindowStore,
  type WindowStore,
  type ReadOnlyWindowStore,
  type TimestampedValue,
  type WindowedKeyValue,
  type WindowStoreOptions,
} from './window-store.js';
export {
  InMemorySessionStore,
  type SessionStore,
  type ReadOnlySessionStore,
  type SessionKeyValue,
} from './session-store.js';
export { TimestampedWindowStore } from './timestamped-window-store.js';
export { timeWindowedSerde, sessionWindowedSerde } from './windowed-serdes.js';
export { TimeWindowedKStream } from './dsl/time-windowed-kstream.js';
export { SlidingWindowedKStream } from './dsl/sliding-windowed-kstream.js';
export { SessionWindowedKStream, type Merger } from './dsl/session-windowed-kstream.js';
