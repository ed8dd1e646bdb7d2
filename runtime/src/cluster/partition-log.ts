import type { Headers } from '../processor/api.js';
import type { StoredRecord } from '../raw-record.js';
import { bytesKey } from '../state/bytes.js';

/** A record as stored on a partition: bytes, like a broker stores them. */
export type LogRecord = StoredRecord;

export interface RetentionPolicy {
  /** Segments whose newest record is older than this are deleted; negative means keep forever. */
  readonly retentionMs: number;
  /** Oldest segments are deleted while the partition is larger than this; negative means unbounded. */
  readonly retentionBytes: number;
  /** A new segment starts once the active one holds this many bytes. */
  readonly segmentBytes: number;
  /** A new segment starts once the active one is this old (by wall clock), so time retention can progress. */
  readonly segmentMs: number;
  /**
   * `compact` topics (changelogs) are never trimmed by retention, since restoring state needs every key;
   * instead their closed segments are compacted to the latest record per key.
   */
  readonly cleanupPolicy: 'delete' | 'compact';
}

export class OffsetOutOfRangeError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
    readonly logStartOffset: number,
    readonly highWatermark: number,
  ) {
    super(
      `offset ${offset} is out of range for ${topic}-${partition} (log start ${logStartOffset}, high watermark ${highWatermark})`,
    );
    this.name = 'OffsetOutOfRangeError';
  }
}

interface Segment {
  readonly baseOffset: number;
  readonly createdAtMs: number;
  readonly records: LogRecord[];
  bytes: number;
  maxTimestamp: number;
  /** Compacted: offsets have gaps, so positions are found by search rather than arithmetic. */
  readonly sparse: boolean;
}

// A broker's per-record overhead is roughly this many bytes (offset delta, timestamp delta, lengths,
// attributes); counting it keeps retention.bytes close to what Kafka would count.
const RECORD_OVERHEAD_BYTES = 16;

export function recordSize(
  key: Uint8Array | null,
  value: Uint8Array | null,
  headers: Headers | undefined,
): number {
  let size = RECORD_OVERHEAD_BYTES + (key?.length ?? 0) + (value?.length ?? 0);
  if (headers !== undefined && headers.size > 0) {
    for (const [name, headerValue] of headers) size += name.length + headerValue.length;
  }
  return size;
}

/**
 * One partition's log: segments of offsets. With the delete policy, retention drops whole segments from the
 * front, moving the log start offset forward; with the compact policy, closed segments are rewritten to keep
 * only the latest record of each key, as Kafka's log cleaner does (offsets keep their numbers, with gaps).
 */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private nextOffset = 0;
  private startOffset = 0;
  private totalBytes = 0;
  /** Size of the closed segments right after the last compaction. */
  private compactedBytes = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly retention: RetentionPolicy,
  ) {}

  get highWatermark(): number {
    return this.nextOffset;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get sizeBytes(): number {
    return this.totalBytes;
  }

  append(
    key: Uint8Array | null,
    value: Uint8Array | null,
    timestamp: number,
    headers: Headers,
    nowMs: number,
  ): number {
    const size = recordSize(key, value, headers);
    let active = this.segments[this.segments.length - 1];
    if (
      active === undefined ||
      (active.records.length > 0 &&
        (active.bytes + size > this.retention.segmentBytes ||
          nowMs - active.createdAtMs >= this.retention.segmentMs))
    ) {
      active = {
        baseOffset: this.nextOffset,
        createdAtMs: nowMs,
        records: [],
        bytes: 0,
        maxTimestamp: -1,
        sparse: false,
      };
      this.segments.push(active);
      // Retention and compaction only touch closed segments, so a roll is the moment there may be work.
      this.enforceRetention(nowMs);
      this.maybeCompact();
    }
    const offset = this.nextOffset++;
    // Stored with its topic and partition so a fetch can hand out the stored object itself, with no copy.
    active.records.push({
      topic: this.topic,
      partition: this.partition,
      offset,
      timestamp,
      key,
      value,
      headers,
    });
    active.bytes += size;
    if (timestamp > active.maxTimestamp) active.maxTimestamp = timestamp;
    this.totalBytes += size;
    return offset;
  }

  /** Up to `maxRecords` records from `offset`; empty at the high watermark. */
  read(offset: number, maxRecords: number): LogRecord[] {
    if (offset < this.startOffset || offset > this.nextOffset) {
      throw new OffsetOutOfRangeError(this.topic, this.partition, offset, this.startOffset, this.nextOffset);
    }
    const out: LogRecord[] = [];
    let index = this.segmentIndexOf(offset);
    let from = offset;
    while (out.length < maxRecords && index < this.segments.length) {
      const segment = this.segments[index]!;
      const records = segment.records;
      for (let i = indexIn(segment, from); i < records.length && out.length < maxRecords; i++) {
        out.push(records[i]!);
      }
      index++;
      from = -1;
    }
    return out;
  }

  /** Deletes the segments that retention allows to delete; returns how many records went. */
  enforceRetention(nowMs: number): number {
    if (this.retention.cleanupPolicy === 'compact') return 0;
    let removed = 0;
    const { retentionMs, retentionBytes } = this.retention;
    // Unlike Kafka, the active (last) segment is never deleted: a record produced with an old event timestamp
    // (common with test data) stays readable at least until its segment rolls.
    while (this.segments.length > 1) {
      const oldest = this.segments[0]!;
      const expired = retentionMs >= 0 && nowMs - oldest.maxTimestamp > retentionMs;
      // Like Kafka, size retention only deletes a segment when the log stays at or above the limit without it.
      const oversized = retentionBytes >= 0 && this.totalBytes - oldest.bytes >= retentionBytes;
      if (!expired && !oversized) break;
      this.segments.shift();
      this.totalBytes -= oldest.bytes;
      removed += oldest.records.length;
      // deleteRecordsBefore may already have moved the start past this segment's end.
      this.startOffset = Math.max(this.startOffset, this.segments[0]!.baseOffset);
    }
    return removed;
  }

  /**
   * Kafka's DeleteRecords: moves the log start offset up to `offset` (at most the high watermark) and frees
   * the segments wholly below it. Returns the log start offset afterwards.
   */
  deleteRecordsBefore(offset: number): number {
    const target = Math.min(offset, this.nextOffset);
    if (target <= this.startOffset) return this.startOffset;
    // A closed segment ends where the next one begins.
    while (this.segments.length > 1 && this.segments[1]!.baseOffset <= target) {
      const oldest = this.segments.shift()!;
      this.totalBytes -= oldest.bytes;
      if (this.retention.cleanupPolicy === 'compact')
        this.compactedBytes = Math.max(0, this.compactedBytes - oldest.bytes);
    }
    this.startOffset = target;
    return target;
  }

  /**
   * Compacts the closed segments into one holding the latest record of each key, once they have doubled in
   * size since the last compaction (so the work stays proportional to what is written).
   */
  private maybeCompact(): void {
    if (this.retention.cleanupPolicy !== 'compact' || this.segments.length < 3) return;
    const active = this.segments[this.segments.length - 1]!;
    const closedBytes = this.totalBytes - active.bytes;
    if (closedBytes < Math.max(2 * this.compactedBytes, 2 * this.retention.segmentBytes)) return;
    const latest = new Map<string, number>();
    for (const segment of this.segments) {
      for (const record of segment.records)
        if (record.key !== null) latest.set(bytesKey(record.key), record.offset);
    }
    const closed = this.segments.slice(0, -1);
    const kept: LogRecord[] = [];
    let bytes = 0;
    let maxTimestamp = -1;
    for (const segment of closed) {
      for (const record of segment.records) {
        // Keyless records cannot be compacted (Kafka refuses them on compacted topics); keep them.
        if (record.key !== null && latest.get(bytesKey(record.key)) !== record.offset) continue;
        kept.push(record);
        bytes += recordSize(record.key, record.value, record.headers);
        if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
      }
    }
    const compacted: Segment = {
      baseOffset: closed[0]!.baseOffset,
      createdAtMs: closed[0]!.createdAtMs,
      records: kept,
      bytes,
      maxTimestamp,
      sparse: true,
    };
    this.segments.splice(0, closed.length, compacted);
    this.totalBytes = bytes + active.bytes;
    this.compactedBytes = bytes;
  }

  /** The segment holding `offset`: the last one whose base offset is <= offset. */
  private segmentIndexOf(offset: number): number {
    // Binary search for the last segment whose base offset is <= offset.
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Index of the first record at or after `offset` in a segment (-1: from its start). */
function indexIn(segment: Segment, offset: number): number {
  if (offset < 0) return 0;
  if (!segment.sparse) return Math.max(0, offset - segment.baseOffset);
  const records = segment.records;
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (records[mid]!.offset < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
