import type { ProcessorContext } from '../processor/api.js';
import type { NodeMetrics } from '../metrics/node-metrics.js';
import type { DebugTracer } from '../debug/tracer.js';

/**
 * The context every processor really receives. Built-in operators (DSL, windows, joins) use the extra members
 * to count drops on their own node; user processors see only ProcessorContext.
 */
export interface InternalProcessorContext<KForward, VForward> extends ProcessorContext<KForward, VForward> {
  readonly nodeName: string;
  readonly metrics: NodeMetrics;
  /** Timestamp of the record being processed (or of the punctuation). */
  currentTimestamp(): number;
  /** The debugger's tracer during a replay; absent or null otherwise (operators call `tracer?.note`). */
  readonly tracer?: DebugTracer | null;
}

export function internalContext<K, V>(context: ProcessorContext<K, V>): InternalProcessorContext<K, V> {
  if (!('metrics' in context) || !('nodeName' in context)) {
    throw new TypeError('built-in processors run only inside a StreamTask or the TopologyTestDriver');
  }
  return context as InternalProcessorContext<K, V>;
}
