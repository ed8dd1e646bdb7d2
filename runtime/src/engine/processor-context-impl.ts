import { StreamsProcessingError } from '../errors/deserialization-handler.js';
import type { NodeMetrics } from '../metrics/node-metrics.js';
import type {
  Cancellable,
  PunctuationType,
  RecordMetadata,
  StateStore,
  StreamRecord,
} from '../processor/api.js';
import type { DebugTracer } from '../debug/tracer.js';
import type { InternalProcessorContext } from './internal-context.js';
import type { PunctuationQueue } from './punctuation-queue.js';

/** What a processor's context reads from its task. */
export interface ContextTask {
  readonly applicationId: string;
  readonly taskId: string;
  readonly punctuations: PunctuationQueue;
  /** The debugger's tracer during a replay, else null. */
  readonly tracer: DebugTracer | null;
  recordMetadata(): RecordMetadata | null;
  streamTime(): number;
  wallClock(): number;
  currentTimestamp(): number;
  localStore(name: string): StateStore | undefined;
  globalStore(name: string): StateStore | undefined;
}

/** The node the context belongs to. */
export interface ContextNode {
  readonly name: string;
  readonly metrics: NodeMetrics;
  /** Stores connected to the processor: the only local stores it may read. */
  readonly storeNames: readonly string[];
  /** The task's one forwarding path from this node (StreamTask#forwardTo). */
  forward(record: StreamRecord<unknown, unknown>, childName: string | undefined): void;
  /** Runs a punctuator as this node, so its errors name it. */
  runInNode(fn: () => void): void;
}

/** Kafka's ProcessorContextImpl: one per node of a task. */
export function processorContext(
  task: ContextTask,
  node: ContextNode,
): InternalProcessorContext<unknown, unknown> {
  const connected = new Set(node.storeNames);
  return {
    applicationId: task.applicationId,
    taskId: task.taskId,
    nodeName: node.name,
    metrics: node.metrics,
    tracer: task.tracer,
    recordMetadata: () => task.recordMetadata(),
    currentStreamTimeMs: () => task.streamTime(),
    currentSystemTimeMs: () => task.wallClock(),
    currentTimestamp: () => task.currentTimestamp(),
    forward: (record, childName) => node.forward(record, childName),
    schedule: (
      intervalMs: number,
      type: PunctuationType,
      punctuator: (timestamp: number) => void,
    ): Cancellable => {
      const first = type === 'STREAM_TIME' ? 0 : task.wallClock() + intervalMs;
      return task.punctuations.schedule(intervalMs, type, first, (ts) =>
        node.runInNode(() => punctuator(ts)),
      );
    },
    getStateStore: <S extends StateStore>(name: string): S => {
      const store = (connected.has(name) ? task.localStore(name) : undefined) ?? task.globalStore(name);
      if (!store) {
        throw new StreamsProcessingError(
          `processor "${node.name}" has no access to store "${name}"; connect it to the processor`,
          node.name,
        );
      }
      return store as S;
    },
    commit: () => {
      // Commits are driven by the runner's commit interval; a request needs no action in a synchronous task.
    },
  };
}
