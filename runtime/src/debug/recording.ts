// A run's input and output records, bounded, and their file form (`<name>.recording.json`). The recorder keeps
// raw bytes, as the cluster stored them, so a replay deserializes them with the topology's own serdes.
import { base64ToBytes, bytesToBase64 } from './base64.js';

export type RecordDirection = 'in' | 'out';

export interface RecordedRecord {
  /** Position in the whole run (0 = the first record recorded), kept when older records are dropped. */
  readonly seq: number;
  readonly direction: RecordDirection;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  /** Header values as bytes (string headers are stored UTF-8 encoded). */
  readonly headers: ReadonlyArray<readonly [string, Uint8Array]>;
}

export interface RecordingLimits {
  /** Most records kept (inputs and outputs together); default 100,000. */
  readonly maxRecords: number;
  /** Most bytes kept (keys, values, headers, topic names, plus a fixed overhead per record); default 64 MiB. */
  readonly maxBytes: number;
}

export const DEFAULT_RECORDING_LIMITS: RecordingLimits = { maxRecords: 100_000, maxBytes: 64 * 1024 * 1024 };

/** Bookkeeping bytes counted per record besides its payload (offsets, timestamp, seq), so empty records count. */
const RECORD_OVERHEAD_BYTES = 32;

export function recordBytes(r: Omit<RecordedRecord, 'seq'>): number {
  let n = RECORD_OVERHEAD_BYTES + r.topic.length + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const [name, value] of r.headers) n += name.length + value.length;
  return n;
}

/**
 * Keeps the latest records of a run within `limits`: when a record would exceed either bound, the oldest are
 * dropped (and counted in `dropped`) until it fits. A single record larger than `maxBytes` is dropped itself.
 */
export class Recorder {
  readonly limits: RecordingLimits;
  private buffer: RecordedRecord[] = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 0;
  private droppedCount = 0;

  constructor(limits: Partial<RecordingLimits> = {}) {
    this.limits = { ...DEFAULT_RECORDING_LIMITS, ...limits };
    if (!(this.limits.maxRecords >= 1) || !(this.limits.maxBytes >= 1))
      throw new RangeError(
        `recording limits must be at least 1 record and 1 byte, got ${this.limits.maxRecords} records and ${this.limits.maxBytes} bytes`,
      );
  }

  add(record: Omit<RecordedRecord, 'seq'>): void {
    const size = recordBytes(record);
    const entry: RecordedRecord = { ...record, seq: this.nextSeq++ };
    if (size > this.limits.maxBytes) {
      this.droppedCount++;
      return;
    }
    while (
      this.size > 0 &&
      (this.size + 1 > this.limits.maxRecords || this.bytes + size > this.limits.maxBytes)
    )
      this.dropOldest();
    this.buffer.push(entry);
    this.bytes += size;
  }

  /** Records kept, oldest first. */
  records(): RecordedRecord[] {
    return this.buffer.slice(this.head);
  }

  get size(): number {
    return this.buffer.length - this.head;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Records dropped to stay within the limits since the recording started. */
  get dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.buffer = [];
    this.head = 0;
    this.bytes = 0;
    this.nextSeq = 0;
    this.droppedCount = 0;
  }

  private dropOldest(): void {
    const oldest = this.buffer[this.head] as RecordedRecord;
    this.bytes -= recordBytes(oldest);
    this.head++;
    this.droppedCount++;
    // Compacting once the dead prefix is half the array keeps drops O(1) amortised without shifting each time.
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
  }
}

export interface Recording {
  /** The document the run came from (its name), for the reader's orientation. */
  readonly document: string;
  readonly applicationId: string;
  /** Wall-clock time the recording started (ms since the epoch). */
  readonly startedAt: number;
  /** Records dropped to stay within the limits; the recording then starts mid-run. */
  readonly dropped: number;
  readonly records: readonly RecordedRecord[];
}

export const RECORDING_FORMAT = 'topograph-recording';
export const RECORDING_VERSION = 1;

/**
 * The file form: one record per line (git shows an added record as one added line), bytes in base64 next to a
 * readable UTF-8 copy when the bytes are text, so a diff of a JSON topic can be read without decoding.
 */
export function serializeRecording(recording: Recording): string {
  const head = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    document: recording.document,
    applicationId: recording.applicationId,
    startedAt: recording.startedAt,
    dropped: recording.dropped,
  };
  const lines = recording.records.map((r) => JSON.stringify(recordToJson(r)));
  const headText = JSON.stringify(head).slice(0, -1);
  if (lines.length === 0) return `${headText},"records":[]}\n`;
  return `${headText},"records":[\n${lines.join(',\n')}\n]}\n`;
}

export class RecordingFormatError extends Error {
  override readonly name = 'RecordingFormatError';
}

export function parseRecording(text: string): Recording {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RecordingFormatError(`not a recording: ${e instanceof Error ? e.message : String(e)}`);
  }
  const o = object(raw, 'recording');
  if (o.format !== RECORDING_FORMAT)
    throw new RecordingFormatError(`not a recording: "format" must be "${RECORDING_FORMAT}"`);
  if (o.version !== RECORDING_VERSION)
    throw new RecordingFormatError(
      `recording version ${String(o.version)} is not supported (this designer reads version ${RECORDING_VERSION})`,
    );
  if (!Array.isArray(o.records)) throw new RecordingFormatError('recording: "records" must be an array');
  return {
    document: str(o.document, 'document'),
    applicationId: str(o.applicationId, 'applicationId'),
    startedAt: num(o.startedAt, 'startedAt'),
    dropped: num(o.dropped, 'dropped'),
    records: o.records.map((r, i) => recordFromJson(r, `records[${i}]`)),
  };
}

interface RecordJson {
  seq: number;
  dir: RecordDirection;
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  text?: { key?: string; value?: string };
  headers?: Record<string, string>;
}

function recordToJson(r: RecordedRecord): RecordJson {
  const text: { key?: string; value?: string } = {};
  const keyText = readableText(r.key);
  const valueText = readableText(r.value);
  if (keyText !== null) text.key = keyText;
  if (valueText !== null) text.value = valueText;
  return {
    seq: r.seq,
    dir: r.direction,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: r.key === null ? null : bytesToBase64(r.key),
    value: r.value === null ? null : bytesToBase64(r.value),
    ...(keyText !== null || valueText !== null ? { text } : {}),
    ...(r.headers.length > 0
      ? { headers: Object.fromEntries(r.headers.map(([k, v]) => [k, bytesToBase64(v)])) }
      : {}),
  };
}

function recordFromJson(raw: unknown, where: string): RecordedRecord {
  const o = object(raw, where);
  const dir = o.dir;
  if (dir !== 'in' && dir !== 'out') throw new RecordingFormatError(`${where}.dir must be "in" or "out"`);
  const headers = o.headers === undefined ? {} : object(o.headers, `${where}.headers`);
  return {
    seq: num(o.seq, `${where}.seq`),
    direction: dir,
    topic: str(o.topic, `${where}.topic`),
    partition: num(o.partition, `${where}.partition`),
    offset: num(o.offset, `${where}.offset`),
    timestamp: num(o.timestamp, `${where}.timestamp`),
    key: bytesOrNull(o.key, `${where}.key`),
    value: bytesOrNull(o.value, `${where}.value`),
    headers: Object.entries(headers).map(([k, v]) => [k, bytes(v, `${where}.headers.${k}`)] as const),
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are valid UTF-8 without control characters other than tab/newline. */
function readableText(b: Uint8Array | null): string | null {
  if (b === null || b.length === 0) return null;
  try {
    const s = decoder.decode(b);
    // eslint-disable-next-line no-control-regex -- control characters mark binary data (e.g. a long serde)
    return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(s) ? null : s;
  } catch {
    return null;
  }
}

function object(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new RecordingFormatError(`${where} must be an object`);
  return v as Record<string, unknown>;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new RecordingFormatError(`${where} must be a string`);
  return v;
}

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new RecordingFormatError(`${where} must be a number`);
  return v;
}

function bytes(v: unknown, where: string): Uint8Array {
  try {
    return base64ToBytes(str(v, where));
  } catch (e) {
    if (e instanceof RecordingFormatError) throw e;
    throw new RecordingFormatError(`${where} is not base64`);
  }
}

function bytesOrNull(v: unknown, where: string): Uint8Array | null {
  return v === null ? null : bytes(v, where);
}
