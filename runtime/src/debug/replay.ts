// Deterministic replay of recorded input records on the TopologyTestDriver: step forward and back, jump to a
// record or a time, and read the state at that point. Stepping forward processes one more record on the live
// driver; going back starts a fresh driver (and a freshly built topology) from the first record, so every
// position is reached by exactly the same sequence of calls and shows the same state however it was reached.
import type { StateStore } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import { TopologyTestDriver } from '../test-driver/topology-test-driver.js';
import type { TestInputTopic } from '../test-driver/test-input-topic.js';
import type { Topology } from '../topology/topology.js';
import {
  joinSideViews,
  storeView,
  suppressViews,
  windowedNodeViews,
  type JoinSideView,
  type StoreView,
  type SuppressView,
  type WindowedNodeView,
} from './inspect.js';
import type { RecordedRecord } from './recording.js';
import type { ReplayInput } from './replay-input.js';

import {
  TraceCollector,
  type InputTrace,
  type JoinAttempt,
  type LateRecord,
  type TracedOutput,
} from './trace-collector.js';
import { explainOutput, type OutputExplanation } from './why.js';

export type { ReplayInput } from './replay-input.js';

export interface ReplayOptions {
  /** The application id internal topics are named with; match the recorded run's. */
  readonly applicationId?: string;
  /** The driver's mocked wall clock (default 0, so a replay never depends on when it runs). */
  readonly wallClockStart?: number;
}

export interface NodeCounts {
  readonly name: string;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly errors: number;
  readonly lateDrops: number;
  readonly droppedRecords: number;
}

export interface DebugState {
  /** How many inputs have been processed (0 = none; `total` = all). */
  readonly position: number;
  readonly total: number;
  /** The last processed input and its path through the nodes. */
  readonly current: { readonly input: ReplayInput; readonly trace: InputTrace } | null;
  readonly nodes: readonly NodeCounts[];
  readonly streamTime: {
    readonly sources: ReadonlyArray<{
      readonly topic: string;
      readonly partition: number;
      readonly time: number;
    }>;
    /** Stateful nodes (those with stores) and windowed operators. */
    readonly nodes: ReadonlyArray<{ readonly node: string; readonly time: number }>;
  };
  readonly stores: readonly StoreView[];
  readonly windows: readonly WindowedNodeView[];
  readonly late: readonly LateRecord[];
  readonly suppress: readonly SuppressView[];
  readonly joins: readonly JoinSideView[];
  readonly joinAttempts: readonly JoinAttempt[];
  readonly outputs: readonly TracedOutput[];
}

/** The inputs of a recording, in the order they were recorded. */
export function replayInputs(records: readonly RecordedRecord[]): ReplayInput[] {
  return records
    .filter((r) => r.direction === 'in')
    .map((r) => ({
      topic: r.topic,
      partition: r.partition,
      key: r.key,
      value: r.value,
      timestamp: r.timestamp,
      headers: new Map(r.headers.map(([k, v]) => [k, v])),
    }));
}

/** States kept for going back without a re-run; a step back through the last ones is then instant. */
const STATE_CACHE = 512;

export class Replay {
  private driver!: TopologyTestDriver;
  private collector!: TraceCollector;
  private topics = new Map<string, TestInputTopic<Uint8Array, Uint8Array>>();
  /** Inputs the driver has processed. */
  private done = 0;
  /** The point shown: `done`, or an earlier point whose state is cached. */
  private shown = 0;
  /**
   * States already computed, by position: a replay is deterministic, so going back to one of them needs no
   * re-run (most recently used last; at most STATE_CACHE entries).
   */
  private readonly states = new Map<number, DebugState>();
  /** Stream time per source partition after each processed input (index n − 1 for position n). */
  private sourceTimes: Map<string, number>[] = [];
  /** Processors connected to a store (the topology's stateful nodes). */
  private storeNodes: string[] = [];
  private readonly storeLookup = (name: string): StateStore | null => this.driver.getStateStore(name);

  constructor(
    private readonly build: () => Topology,
    readonly inputs: readonly ReplayInput[],
    private readonly options: ReplayOptions = {},
  ) {
    this.restart();
  }

  get position(): number {
    return this.shown;
  }

  get total(): number {
    return this.inputs.length;
  }

  stepForward(): void {
    if (this.shown < this.inputs.length) this.jumpTo(this.shown + 1);
  }

  stepBack(): void {
    if (this.shown > 0) this.jumpTo(this.shown - 1);
  }

  /**
   * Moves to the point after `n` inputs (clamped to [0, total]): forward on the live driver, back to a state
   * computed before from the cache, else back by re-running from the first input.
   */
  jumpTo(n: number): void {
    if (!Number.isInteger(n)) throw new RangeError(`jumpTo expects a whole number of records, got ${n}`);
    const target = Math.max(0, Math.min(n, this.inputs.length));
    if (target === this.done || (target < this.done && this.states.has(target))) {
      this.shown = target;
      return;
    }
    if (target < this.done) this.restart();
    while (this.done < target) this.processNext();
    this.shown = target;
  }

  /** Moves to the last point whose stream time (largest input timestamp so far) is at most `time`. */
  jumpToTime(time: number): void {
    let n = 0;
    let streamTime = Number.NEGATIVE_INFINITY;
    for (const input of this.inputs) {
      streamTime = Math.max(streamTime, input.timestamp);
      if (streamTime > time) break;
      n++;
    }
    this.jumpTo(n);
  }

  /** "Why this output?" for the `index`-th output so far (in the order the sinks wrote them). */
  explain(index: number): OutputExplanation {
    const output = this.collector.outputs[index];
    if (!output || output.input >= this.shown)
      throw new RangeError(`no output ${index}: ${this.outputsShown()} outputs up to this point`);
    return explainOutput(output, this.collector, this.inputs[output.input] ?? null);
  }

  state(): DebugState {
    const cached = this.states.get(this.shown);
    if (cached) {
      // Most recently used last, so eviction drops the state looked at longest ago.
      this.states.delete(this.shown);
      this.states.set(this.shown, cached);
      return cached;
    }
    if (this.shown !== this.done) {
      // Not cached (cannot happen through jumpTo, which checks the cache): reach the point by a re-run.
      const target = this.shown;
      this.restart();
      while (this.done < target) this.processNext();
      this.shown = target;
    }
    const state = this.computeState();
    this.states.set(this.shown, state);
    if (this.states.size > STATE_CACHE) this.states.delete(this.states.keys().next().value as number);
    return state;
  }

  private outputsShown(): number {
    let n = 0;
    for (const o of this.collector.outputs) if (o.input < this.shown) n++;
    return n;
  }

  /** The state at `done` (the driver's own point). */
  private computeState(): DebugState {
    const d = this.driver;
    const counts = new Map<string, NodeCounts>();
    for (const m of d.nodeMetrics()) {
      const c = counts.get(m.nodeName);
      counts.set(m.nodeName, {
        name: m.nodeName,
        recordsIn: (c?.recordsIn ?? 0) + m.recordsIn,
        recordsOut: (c?.recordsOut ?? 0) + m.recordsOut,
        errors: (c?.errors ?? 0) + m.errors,
        lateDrops: (c?.lateDrops ?? 0) + m.lateDrops,
        droppedRecords: (c?.droppedRecords ?? 0) + m.droppedRecords,
      });
    }
    const last = this.done > 0 ? this.done - 1 : -1;
    const sources = [...(this.sourceTimes[last] ?? new Map<string, number>())].map(([id, time]) => {
      const at = id.lastIndexOf(':');
      return { topic: id.slice(0, at), partition: Number(id.slice(at + 1)), time };
    });
    const statefulNodes = this.statefulNodes();
    const collector = this.collector;
    return {
      position: this.done,
      total: this.inputs.length,
      current:
        last >= 0
          ? { input: this.inputs[last] as ReplayInput, trace: collector.traces[last] as InputTrace }
          : null,
      nodes: [...counts.values()],
      streamTime: {
        sources,
        nodes: [...collector.nodeStreamTime]
          .filter(([node]) => statefulNodes.has(node))
          .map(([node, time]) => ({ node, time })),
      },
      stores: [...d.getAllStateStores().values()].map(storeView),
      windows: windowedNodeViews(collector, this.storeLookup),
      late: [...collector.late],
      suppress: suppressViews(collector, this.storeLookup),
      joins: joinSideViews(collector, this.storeLookup),
      joinAttempts: collector.joins.map((j) => ({ ...j, partners: [...j.partners] })),
      outputs: [...collector.outputs],
    };
  }

  close(): void {
    this.driver.close();
  }

  private restart(): void {
    this.driver?.close();
    const topology = this.build();
    const builder = topology.internalBuilder;
    const applicationId = this.options.applicationId ?? 'topograph-replay';
    const sinks = new Map<string, string | null>();
    const sources = new Map<string, string[]>();
    this.storeNodes = [];
    for (const def of builder.nodes.values())
      if (def.kind === 'processor' && def.stores.length > 0) this.storeNodes.push(def.name);
      else if (def.kind === 'source')
        sources.set(
          def.name,
          def.topics.map((t) => builder.resolveTopic(applicationId, t)),
        );
      else if (def.kind === 'sink')
        sinks.set(
          def.name,
          typeof def.topic === 'string' ? builder.resolveTopic(applicationId, def.topic) : null,
        );
    this.collector = new TraceCollector(sinks, sources, this.storeLookup);
    this.driver = new TopologyTestDriver(topology, {
      applicationId,
      initialWallClockTime: this.options.wallClockStart ?? 0,
      tracer: this.collector,
    });
    this.topics = new Map();
    this.done = 0;
    this.shown = 0;
    this.sourceTimes = [];
  }

  private processNext(): void {
    const n = this.done;
    const input = this.inputs[n] as ReplayInput;
    let topic = this.topics.get(input.topic);
    if (!topic) {
      topic = this.driver.createInputTopic(input.topic, {
        keySerde: Serdes.bytes(),
        valueSerde: Serdes.bytes(),
      });
      this.topics.set(input.topic, topic);
    }
    this.collector.beginInput(n);
    topic.pipeRecord({
      key: input.key,
      value: input.value,
      timestamp: input.timestamp,
      headers: input.headers ?? new Map(),
    });
    const times = new Map(this.sourceTimes[n - 1] ?? []);
    const id = `${input.topic}:${input.partition}`;
    times.set(id, Math.max(times.get(id) ?? Number.NEGATIVE_INFINITY, input.timestamp));
    this.sourceTimes[n] = times;
    this.done = n + 1;
  }

  private statefulNodes(): Set<string> {
    const c = this.collector;
    return new Set([...this.storeNodes, ...c.windows.keys(), ...c.suppress.keys(), ...c.joinSides.keys()]);
  }
}
