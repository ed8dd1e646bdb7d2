// Events the host pushes to the renderer (WebSocket in browser mode, an IPC channel in Electron).
import type { SessionStatus, TapTargetKey, TopicRecord } from './results.js';

export interface ConsoleEvent {
  type: 'console';
  sessionId: string;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  at: number;
}

/** An exception thrown while processing, pinned to the node whose code threw. */
export interface SessionErrorEvent {
  type: 'error';
  sessionId: string;
  message: string;
  stack: string | null;
  /** The canvas node whose processor threw (null when the error is not from a node). */
  nodeId: string | null;
  /** Where in the generated code (`topology.ts`, 1-based) it was thrown, when the stack shows it. */
  file: string | null;
  line: number | null;
  column: number | null;
  at: number;
}

export interface NodeMetricsView {
  nodeId: string;
  recordsIn: number;
  recordsOut: number;
  inPerSec: number;
  outPerSec: number;
  p99Ms: number | null;
  errors: number;
  lateDrops: number;
  /** In-rate per snapshot over the last minute, oldest first (the node's sparkline). */
  sparkline: number[];
}

export interface MetricsEvent {
  type: 'metrics';
  sessionId: string;
  at: number;
  intervalMs: number;
  nodes: NodeMetricsView[];
  /** Records per second along each canvas edge (the source node's out-rate). */
  edges: Array<{ edgeId: string; perSec: number }>;
  stores: Array<{ name: string; nodeId: string | null; entries: number }>;
  /** Consumer lag per source topic, summed over partitions. */
  sources: Array<{ topic: string; lag: number }>;
}

export interface TapEvent {
  type: 'tap';
  sessionId: string;
  tap: TapTargetKey;
  /** The latest records seen since the previous tap event, oldest first. */
  records: TopicRecord[];
}

export interface StatusEvent {
  type: 'status';
  status: SessionStatus;
}

export type StudioEvent = ConsoleEvent | SessionErrorEvent | MetricsEvent | TapEvent | StatusEvent;
