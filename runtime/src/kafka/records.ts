// Conversions between kafkajs' message shapes (Buffers, string offsets and timestamps, header objects) and the
// transport's byte-level records.

import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { Headers } from '../processor/api.js';
import type { FetchedRecord, OutgoingRecord } from '../streams/transport.js';

export function toBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toKafkaHeaders(headers: Headers | undefined): IHeaders | undefined {
  if (headers === undefined || headers.size === 0) return undefined;
  const out: IHeaders = {};
  for (const [name, value] of headers) out[name] = typeof value === 'string' ? value : toBuffer(value)!;
  return out;
}

export function fromKafkaHeaders(headers: IHeaders | undefined): Headers {
  const out: Headers = new Map();
  if (headers === undefined) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    // Kafka allows repeated header names; kafkajs groups them into an array. The last one wins, as Java's
    // Headers.lastHeader does.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out.set(name, typeof last === 'string' ? last : new Uint8Array(last));
  }
  return out;
}

export function toKafkaMessage(record: OutgoingRecord, partition: number): Message {
  return {
    key: toBuffer(record.key),
    value: toBuffer(record.value),
    partition,
    timestamp: String(record.timestamp),
    headers: toKafkaHeaders(record.headers),
  };
}

export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): FetchedRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key,
    value: message.value,
    headers: fromKafkaHeaders(message.headers),
  };
}
