// Registers the windowed stream types with KGroupedStream#windowedBy (kind name → type).
import type { SessionWindowedKStream } from './session-windowed-kstream.js';
import type { SlidingWindowedKStream } from './sliding-windowed-kstream.js';
import type { TimeWindowedKStream } from './time-windowed-kstream.js';

declare module '../../dsl/kgrouped-stream.js' {
  interface WindowedStreams<K, V> {
    time: TimeWindowedKStream<K, V>;
    sliding: SlidingWindowedKStream<K, V>;
    session: SessionWindowedKStream<K, V>;
  }
}
