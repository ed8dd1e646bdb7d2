// "Why this output?": the input record that caused an output, the nodes it went through with the record after
// each of them, and what each aggregation on the way did (its previous aggregate and the update).
import type { AggregationStep, TraceCollector, TracedOutput, TraceStep } from './trace-collector.js';
import type { ReplayInput } from './replay-input.js';

export interface PathStep {
  readonly node: string;
  readonly key: unknown;
  /** The record as it reached the node. */
  readonly value: unknown;
  readonly timestamp: number;
  /** The record the node passed on along this path (for the sink: what it wrote). */
  readonly keyAfter: unknown;
  readonly valueAfter: unknown;
  /** Set when the node forwarded a table update: the aggregate before and after, and the record it received. */
  readonly aggregation: AggregationStep | null;
}

export interface OutputExplanation {
  readonly output: TracedOutput;
  /** The input's number in the replay and the record as recorded; null for output of a punctuation. */
  readonly inputIndex: number;
  readonly input: ReplayInput | null;
  /** Source first, sink last. */
  readonly path: readonly PathStep[];
}

export function explainOutput(
  output: TracedOutput,
  collector: TraceCollector,
  input: ReplayInput | null,
): OutputExplanation {
  const steps = collector.traces[output.input]?.steps ?? [];
  const chain: TraceStep[] = [];
  for (let s: TraceStep | undefined = steps[output.step]; s; s = s.parent >= 0 ? steps[s.parent] : undefined)
    chain.push(s);
  chain.reverse();
  const aggregations = collector.aggregations.get(output.input);
  const path = chain.map((s, i): PathStep => {
    const next = chain[i + 1];
    return {
      node: s.node,
      key: s.key,
      value: s.value,
      timestamp: s.timestamp,
      keyAfter: next ? next.key : s.key,
      valueAfter: next ? next.value : s.value,
      aggregation: next ? (aggregations?.get(next.index) ?? null) : null,
    };
  });
  return { output, inputIndex: output.input, input: output.input >= 0 ? input : null, path };
}
