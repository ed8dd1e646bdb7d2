// The stream debugger's part of the studio API: a session's recording (summary, save beside the document,
// load), and the replay of it (seek, state at a point, why an output). Values are JSON (see wire-value.ts).
import { z } from 'zod';

/** Where to move a replay: to the point after `record` inputs, to a stream time, or one input either way. */
export const debugSeekSchema = z.union([
  z.object({ record: z.number().int().min(0) }).strict(),
  z.object({ time: z.number().finite() }).strict(),
  z.object({ step: z.union([z.literal(1), z.literal(-1)]) }).strict(),
]);
export type DebugSeek = z.output<typeof debugSeekSchema>;

/** `<name>.recording.json`, workspace-relative. */
export const recordingPathSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !p.includes('\0') && !/^([/\\]|[A-Za-z]:)/.test(p) && !p.split(/[/\\]/).includes('..'), {
    message: 'a path is relative to the workspace, without ".."',
  })
  .refine((p) => p.endsWith('.recording.json'), 'a recording ends in .recording.json');

export interface RecordingSummary {
  /** `live`: the running session's own recording; else the file it was loaded from. */
  source: 'live' | string;
  records: number;
  inputs: number;
  outputs: number;
  /** Records dropped to stay within the limits (the oldest). */
  dropped: number;
  bytes: number;
  maxRecords: number;
  maxBytes: number;
}

export interface SavedRecording {
  path: string;
  records: number;
  dropped: number;
}

export interface SavedTest {
  /** The test file and the generated code it imports, workspace-relative. */
  test: string;
  topology: string;
  inputs: number;
  outputs: number;
}

export interface DebugPathStep {
  node: string;
  key: unknown;
  value: unknown;
  timestamp: number;
  keyAfter: unknown;
  valueAfter: unknown;
  aggregation: { node: string; key: unknown; update: unknown; previous: unknown; result: unknown } | null;
}

export interface DebugTraceStep {
  index: number;
  node: string;
  parent: number;
  key: unknown;
  value: unknown;
  timestamp: number;
}

export interface DebugOutput {
  /** The input that caused it (0-based). */
  input: number;
  sink: string;
  topic: string | null;
  key: unknown;
  value: unknown;
  timestamp: number;
}

export interface DebugWindow {
  key: unknown;
  start: number;
  end: number;
  closeAt: number;
  closed: boolean;
  value: unknown;
}

export interface DebugView {
  position: number;
  total: number;
  /** The last processed input, deserialized, and its visits of the nodes. */
  current: {
    index: number;
    topic: string;
    partition: number;
    timestamp: number;
    key: unknown;
    value: unknown;
    steps: DebugTraceStep[];
  } | null;
  nodes: Array<{
    name: string;
    recordsIn: number;
    recordsOut: number;
    errors: number;
    lateDrops: number;
    droppedRecords: number;
  }>;
  streamTime: {
    sources: Array<{ topic: string; partition: number; time: number }>;
    nodes: Array<{ node: string; time: number }>;
  };
  stores: Array<{
    name: string;
    type: string;
    entries: Array<{
      key: unknown;
      value: unknown;
      window?: { start: number; end: number };
      timestamp?: number;
    }>;
  }>;
  windows: Array<{
    node: string;
    store: string;
    type: 'time' | 'sliding' | 'session';
    sizeMs: number;
    advanceMs: number;
    graceMs: number;
    streamTime: number | null;
    windows: DebugWindow[];
  }>;
  late: Array<{
    input: number;
    node: string;
    timestamp: number;
    window: { start: number; end: number };
    streamTime: number;
    closeAt: number;
    reason: string;
  }>;
  suppress: Array<{
    node: string;
    store: string;
    untilWindowCloses: boolean;
    streamTime: number | null;
    entries: Array<{ key: unknown; value: unknown; bufferTime: number; emitAt: number }>;
  }>;
  joins: Array<{
    node: string;
    isLeftSide: boolean;
    beforeMs: number;
    afterMs: number;
    graceMs: number;
    outer: boolean;
    otherStore: string;
    buffered: Array<{ key: unknown; value: unknown; timestamp: number; meets: { from: number; to: number } }>;
  }>;
  joinAttempts: Array<{
    input: number;
    node: string;
    key: unknown;
    timestamp: number;
    range: { from: number; to: number };
    partners: Array<{ timestamp: number; value: unknown }>;
    matched: boolean;
    reason: string | null;
  }>;
  outputs: DebugOutput[];
}

export interface DebugExplanation {
  output: DebugOutput;
  inputIndex: number;
  input: { topic: string; partition: number; timestamp: number } | null;
  path: DebugPathStep[];
}
