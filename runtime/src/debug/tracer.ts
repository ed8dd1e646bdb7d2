// The one hook the engine offers the debugger. A StreamTask given a tracer calls it as records move through
// its nodes; without one (every run but a debugger's replay) it costs one null check per node visit and
// allocates nothing.
import type { StreamRecord } from '../processor/api.js';

export interface DebugTracer {
  /** `record` reaches `node` (a source's deserialized record, or what a parent forwarded), before it runs. */
  enter(node: string, record: StreamRecord<unknown, unknown>): void;
  /** `node` has finished with the record of the matching `enter` (also when it threw). */
  leave(node: string): void;
  /** A fact an operator knows about time and windows that its outputs alone do not show. */
  note(node: string, note: DebugNote): void;
}

export type DebugNote =
  /** A windowed aggregation's windows (sent once, from `init`). Sliding: size = time difference. */
  | {
      readonly kind: 'windows';
      readonly type: 'time' | 'sliding' | 'session';
      readonly store: string;
      readonly sizeMs: number;
      readonly advanceMs: number;
      readonly graceMs: number;
    }
  /** A record dropped because the window it belongs to had closed (end + grace ≤ the node's stream time). */
  | {
      readonly kind: 'late';
      readonly timestamp: number;
      readonly window: { readonly start: number; readonly end: number };
      readonly streamTime: number;
      readonly graceMs: number;
    }
  /** A suppress node: an entry is emitted once the node's stream time reaches its buffer time + duration. */
  | {
      readonly kind: 'suppress';
      readonly store: string;
      readonly durationMs: number;
      readonly untilWindowCloses: boolean;
    }
  /** One side of a stream–stream join: a record at t meets the other side's records in [t − before, t + after]. */
  | {
      readonly kind: 'join';
      readonly isLeftSide: boolean;
      readonly otherStore: string;
      readonly beforeMs: number;
      readonly afterMs: number;
      readonly graceMs: number;
      readonly outer: boolean;
    };
