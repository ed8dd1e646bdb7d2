import type { Headers } from '../processor/api.js';

/** A record as stored on a partition: bytes, like a broker stores them. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: Headers;
}

export interface RetentionPolicy {
  /** Segments whose newest record is older than this are deleted; negative means keep forever. */
  readonly retentionMs: number;
  /** Oldest segments are deleted while the partition is larger than this; negative means unbounded. */
  readonly retentionBytes: number;
  /** A new segment starts once the active one holds this many bytes. */
  readonly segmentBytes: number;
  /** A new segment starts once the active one is this old (by wall clock), so time retention can progress. */
  readonly segmentMs: number;
  /** `compact` topics (changelogs) are never trimmed by retention: restoring state needs every key. */
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
 * One partition's log: segments of contiguous offsets. Nothing is ever rewritten (no compaction); retention
 * only drops whole segments from the front, moving the log start offset forward, as Kafka's delete policy does.
 */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private nextOffset = 0;
  private startOffset = 0;
  private totalBytes = 0;

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
      active = { baseOffset: this.nextOffset, createdAtMs: nowMs, records: [], bytes: 0, maxTimestamp: -1 };
      this.segments.push(active);
      // Retention only ever deletes closed segments, so a roll is the moment there may be one to delete.
      this.enforceRetention(nowMs);
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
    let position = offset;
    while (out.length < maxRecords && index < this.segments.length) {
      const segment = this.segments[index]!;
      const records = segment.records;
      for (let i = position - segment.baseOffset; i < records.length && out.length < maxRecords; i++) {
        out.push(records[i]!);
      }
      index++;
      position = segment.baseOffset + records.length;
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
      this.startOffset = Math.max(this.startOffset, oldest.baseOffset + oldest.records.length);
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
    while (this.segments.length > 1) {
      const oldest = this.segments[0]!;
      if (oldest.baseOffset + oldest.records.length > target) break;
      this.segments.shift();
      this.totalBytes -= oldest.bytes;
    }
    this.startOffset = target;
    return target;
  }

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
