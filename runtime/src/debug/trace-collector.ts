// The debugger's DebugTracer: turns the engine's enter/leave/note calls during a replay into, per input record,
// the tree of node visits (the "trace id" of a visit is its input number and step index), the outputs each
// input caused, late records with their reasons, join attempts and what each aggregation saw before an update.
import type { StateStore, StreamRecord } from '../processor/api.js';
import type { DebugNote, DebugTracer } from './tracer.js';
import { formatDuration, formatTime, lateReason } from './time-text.js';
import { isChange, stableKey } from './values.js';

export interface TraceStep {
  /** Index of this visit in its input's trace. */
  readonly index: number;
  readonly node: string;
  /** The visit of the node that forwarded this record; -1 for the source. */
  readonly parent: number;
  readonly key: unknown;
  /** The value as it reached `node`, i.e. the value after the parent's step. */
  readonly value: unknown;
  readonly timestamp: number;
}

export interface InputTrace {
  /** The input record's number in the replay (0-based); -1 for visits outside any input (punctuation). */
  readonly input: number;
  readonly steps: TraceStep[];
}

export interface TracedOutput {
  readonly input: number;
  /** The sink visit in the input's trace. */
  readonly step: number;
  readonly sink: string;
  /** Null when the sink picks its topic per record. */
  readonly topic: string | null;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
}

export interface LateRecord {
  readonly input: number;
  readonly node: string;
  readonly timestamp: number;
  readonly window: { readonly start: number; readonly end: number };
  readonly streamTime: number;
  /** Window end + grace: the node's stream time from which the window takes no more records. */
  readonly closeAt: number;
  readonly reason: string;
}

export interface JoinAttempt {
  readonly input: number;
  readonly step: number;
  readonly node: string;
  readonly key: unknown;
  readonly timestamp: number;
  /** Timestamps of the other side this record can meet. */
  readonly range: { readonly from: number; readonly to: number };
  /** The other side's buffered records for this key when the record arrived. */
  readonly partners: ReadonlyArray<{ readonly timestamp: number; readonly value: unknown }>;
  /** Whether the join forwarded anything for this record. */
  matched: boolean;
  /** For a record that met nothing: why. */
  reason: string | null;
}

/** What an aggregation (any node forwarding table updates) did with one record. */
export interface AggregationStep {
  readonly node: string;
  readonly key: unknown;
  /** The record the node received (the update). */
  readonly update: unknown;
  /** The aggregate before it (the node's last result for this key, else the Change's old value). */
  readonly previous: unknown;
  readonly result: unknown;
}

export type WindowsNote = Extract<DebugNote, { kind: 'windows' }>;
export type SuppressNote = Extract<DebugNote, { kind: 'suppress' }>;
export type JoinNote = Extract<DebugNote, { kind: 'join' }>;

interface WindowEntry {
  readonly key: { readonly key: unknown; readonly window: { readonly start: number } };
  readonly value: unknown;
}

export class TraceCollector implements DebugTracer {
  readonly traces: InputTrace[] = [];
  readonly outputs: TracedOutput[] = [];
  readonly late: LateRecord[] = [];
  readonly joins: JoinAttempt[] = [];
  /** Per input: the aggregation steps, by the visit index of the child that received the Change. */
  readonly aggregations = new Map<number, Map<number, AggregationStep>>();
  readonly windows = new Map<string, WindowsNote>();
  readonly suppress = new Map<string, SuppressNote>();
  readonly joinSides = new Map<string, JoinNote>();
  /** Largest timestamp each node has seen (the stream time windowed operators keep). */
  readonly nodeStreamTime = new Map<string, number>();

  private input = -1;
  private current: InputTrace = { input: -1, steps: [] };
  private readonly open: number[] = [];
  private readonly openJoins = new Map<number, JoinAttempt>();
  private readonly lastResult = new Map<string, Map<string, unknown>>();
  private readonly aggregationByParent = new Map<number, AggregationStep>();

  /** Topics the topology reads itself (repartition topics, user topics it writes and reads again). */
  private readonly consumed: Set<string>;
  /** Per topic the topology reads: sink visits of the current input whose record is still to be read back. */
  private readonly hops = new Map<string, number[]>();

  constructor(
    private readonly sinkTopics: ReadonlyMap<string, string | null>,
    private readonly sourceTopics: ReadonlyMap<string, readonly string[]>,
    private readonly store: (name: string) => StateStore | null,
  ) {
    this.consumed = new Set([...sourceTopics.values()].flat());
  }

  /** Starts the trace of input `n`; visits until the next call belong to it. */
  beginInput(n: number): void {
    this.input = n;
    this.current = { input: n, steps: [] };
    this.traces[n] = this.current;
    this.open.length = 0;
    this.openJoins.clear();
    this.aggregationByParent.clear();
    this.hops.clear();
  }

  enter(node: string, record: StreamRecord<unknown, unknown>): void {
    const steps = this.current.steps;
    const parent =
      this.open.length > 0
        ? (this.open[this.open.length - 1] as number)
        : steps.length > 0
          ? this.hopParent(node)
          : -1;
    const step: TraceStep = {
      index: steps.length,
      node,
      parent,
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
    };
    steps.push(step);
    this.open.push(step.index);
    const seen = this.nodeStreamTime.get(node);
    if (seen === undefined || record.timestamp > seen) this.nodeStreamTime.set(node, record.timestamp);
    if (parent >= 0) this.markJoinMatched(parent);
    if (parent >= 0 && isChange(record.value)) this.noteAggregation(steps[parent] as TraceStep, step);
    const join = this.joinSides.get(node);
    if (join) this.beginJoin(join, step);
    const topic = this.sinkTopics.get(node);
    if (topic !== undefined && topic !== null && this.consumed.has(topic)) {
      let queue = this.hops.get(topic);
      if (!queue) this.hops.set(topic, (queue = []));
      queue.push(step.index);
    } else if (topic !== undefined) {
      this.outputs.push({
        input: this.input,
        step: step.index,
        sink: node,
        topic,
        key: record.key,
        value: record.value,
        timestamp: record.timestamp,
      });
    }
  }

  leave(_node: string): void {
    const index = this.open.pop();
    if (index === undefined) return;
    const attempt = this.openJoins.get(index);
    if (attempt) {
      this.openJoins.delete(index);
      if (!attempt.matched) attempt.reason = missReason(attempt);
    }
  }

  note(node: string, note: DebugNote): void {
    switch (note.kind) {
      case 'windows':
        this.windows.set(node, note);
        return;
      case 'suppress':
        this.suppress.set(node, note);
        return;
      case 'join':
        this.joinSides.set(node, note);
        return;
      case 'late': {
        const type = this.windows.get(node)?.type ?? 'time';
        this.late.push({
          input: this.input,
          node,
          timestamp: note.timestamp,
          window: note.window,
          streamTime: note.streamTime,
          closeAt: note.window.end + note.graceMs,
          reason: lateReason({ ...note, windowType: type }),
        });
        return;
      }
    }
  }

  /**
   * A source entered after the input's first pass read a record some sink of this input wrote (the driver
   * processes those after the input, in the order they were written): that sink's visit is its parent.
   */
  private hopParent(source: string): number {
    for (const topic of this.sourceTopics.get(source) ?? []) {
      const queue = this.hops.get(topic);
      if (queue && queue.length > 0) return queue.shift() as number;
    }
    return -1;
  }

  private noteAggregation(parent: TraceStep, child: TraceStep): void {
    let byChild = this.aggregations.get(this.input);
    if (!byChild) this.aggregations.set(this.input, (byChild = new Map()));
    // A node with several children forwards one Change to each: the first child's visit records it.
    const known = this.aggregationByParent.get(parent.index);
    if (known) {
      byChild.set(child.index, known);
      return;
    }
    const change = child.value as { newValue: unknown; oldValue: unknown };
    let results = this.lastResult.get(parent.node);
    if (!results) this.lastResult.set(parent.node, (results = new Map()));
    const id = stableKey(child.key);
    const previous = results.has(id) ? results.get(id) : change.oldValue;
    results.set(id, change.newValue);
    const step: AggregationStep = {
      node: parent.node,
      key: child.key,
      update: parent.value,
      previous,
      result: change.newValue,
    };
    this.aggregationByParent.set(parent.index, step);
    byChild.set(child.index, step);
  }

  private beginJoin(join: JoinNote, step: TraceStep): void {
    const store = this.store(join.otherStore) as { all?: () => WindowEntry[] } | null;
    const id = stableKey(step.key);
    const partners =
      store
        ?.all?.()
        .filter((e) => stableKey(e.key.key) === id)
        .map((e) => ({ timestamp: e.key.window.start, value: e.value })) ?? [];
    const attempt: JoinAttempt = {
      input: this.input,
      step: step.index,
      node: step.node,
      key: step.key,
      timestamp: step.timestamp,
      range: { from: step.timestamp - join.beforeMs, to: step.timestamp + join.afterMs },
      partners,
      matched: false,
      reason: null,
    };
    this.joins.push(attempt);
    this.openJoins.set(step.index, attempt);
  }

  private markJoinMatched(parentIndex: number): void {
    const attempt = this.openJoins.get(parentIndex);
    if (attempt) attempt.matched = true;
  }
}

function missReason(a: JoinAttempt): string {
  const window = `[${formatTime(a.range.from)}, ${formatTime(a.range.to)}]`;
  if (a.partners.length === 0)
    return `no record with this key on the other side (this record could meet timestamps ${window})`;
  let nearest = a.partners[0] as { timestamp: number };
  for (const p of a.partners)
    if (Math.abs(p.timestamp - a.timestamp) < Math.abs(nearest.timestamp - a.timestamp)) nearest = p;
  const delta = nearest.timestamp - a.timestamp;
  const side = delta < 0 ? 'before' : 'after';
  const allowed = delta < 0 ? a.timestamp - a.range.from : a.range.to - a.timestamp;
  return (
    `the nearest record with this key on the other side is at ${formatTime(nearest.timestamp)}, ` +
    `${formatDuration(Math.abs(delta))} ${side} this one; the join window reaches ${formatDuration(allowed)} ${side} (${window})`
  );
}
