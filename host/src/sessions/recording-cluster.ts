// The embedded cluster of a run session, recording what the session's records go through: every record
// produced to a source topic (the Producer panel, generators) is an input, every record the topology writes
// to a sink topic an output. Internal topics (repartition, changelog) are not recorded: a replay recreates them.
import {
  MemoryCluster,
  Recorder,
  type ProduceRecord,
  type ProduceResult,
  type RecordingLimits,
  type TopicProduceRecord,
} from '@topograph/runtime';

const encoder = new TextEncoder();

export class RecordingCluster extends MemoryCluster {
  readonly recorder: Recorder;
  readonly startedAt = Date.now();

  constructor(
    private readonly inputs: ReadonlySet<string>,
    private readonly outputs: ReadonlySet<string>,
    limits: Partial<RecordingLimits> = {},
  ) {
    super();
    this.recorder = new Recorder(limits);
  }

  override produce(topicName: string, records: readonly ProduceRecord[]): ProduceResult[] {
    const results = super.produce(topicName, records);
    for (let i = 0; i < records.length; i++)
      this.record(records[i] as ProduceRecord, results[i] as ProduceResult);
    return results;
  }

  // The in-memory transport writes a task's output, whichever topics it goes to, in one call.
  override produceInOrder(records: readonly TopicProduceRecord[]): ProduceResult[] {
    const results = super.produceInOrder(records);
    for (let i = 0; i < records.length; i++) {
      this.record(records[i] as TopicProduceRecord, results[i] as ProduceResult);
    }
    return results;
  }

  private record(record: ProduceRecord, result: ProduceResult): void {
    const direction = this.inputs.has(result.topic) ? 'in' : this.outputs.has(result.topic) ? 'out' : null;
    if (direction === null) return;
    this.recorder.add({
      direction,
      topic: result.topic,
      partition: result.partition,
      offset: result.offset,
      timestamp: result.timestamp,
      key: bytes(record.key),
      value: bytes(record.value),
      headers: headersOf(record.headers),
    });
  }
}

const NO_HEADERS: ReadonlyArray<readonly [string, Uint8Array]> = [];

/** Most records carry no headers: those share one empty list rather than allocating per record. */
function headersOf(headers: ProduceRecord['headers']): ReadonlyArray<readonly [string, Uint8Array]> {
  if (headers === undefined || headers.size === 0) return NO_HEADERS;
  return [...headers].map(([k, v]) => [k, typeof v === 'string' ? encoder.encode(v) : v] as const);
}

function bytes(v: ProduceRecord['key']): Uint8Array | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? encoder.encode(v) : v;
}
