// The stream debugger's runtime part: recording, deterministic replay, traces and "why this output?".
export type { DebugNote, DebugTracer } from './tracer.js';
export {
  DEFAULT_RECORDING_LIMITS,
  parseRecording,
  Recorder,
  RECORDING_FORMAT,
  RecordingFormatError,
  recordBytes,
  serializeRecording,
  type RecordDirection,
  type RecordedRecord,
  type Recording,
  type RecordingLimits,
} from './recording.js';
export {
  Replay,
  replayInputs,
  type DebugState,
  type NodeCounts,
  type ReplayInput,
  type ReplayOptions,
} from './replay.js';
export type {
  AggregationStep,
  InputTrace,
  JoinAttempt,
  LateRecord,
  TracedOutput,
  TraceStep,
} from './trace-collector.js';
export type {
  JoinSideView,
  StoreEntryView,
  StoreView,
  SuppressView,
  WindowedNodeView,
  WindowView,
} from './inspect.js';
export type { OutputExplanation, PathStep } from './why.js';
export { formatDuration, formatTime, lateReason } from './time-text.js';
