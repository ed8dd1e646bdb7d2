// The embedded cluster of a run session, recording what the session's records go through: every record
// produced to a source topic (the Producer panel, generators) is an input, every record the topology writes
// to a sink topic an output. Internal topics (repartition, changelog) are not recorded: a replay recreates them.
import { MemoryCluster, Recorder, type ProduceRecord, type RecordingLimits } from '@topograph/runtime';

type ProduceResults = ReturnType<MemoryCluster['produce']>;

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

  override produce(topicName: string, records: readonly ProduceRecord[]): ProduceResults {
    const results = super.produce(topicName, records);
    const direction = this.inputs.has(topicName) ? 'in' : this.outputs.has(topicName) ? 'out' : null;
    if (direction === null) return results;
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as ProduceRecord;
      const result = results[i] as ProduceResults[number];
      this.recorder.add({
        direction,
        topic: topicName,
        partition: result.partition,
        offset: result.offset,
        timestamp: result.timestamp,
        key: bytes(record.key),
        value: bytes(record.value),
        headers: headersOf(record.headers),
      });
    }
    return results;
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
