import './kafkajs-fixes.js';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

interface RawMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

// kafkajs' consumer Batch, which applies the read-committed filter (the one the fix replaces).
const Batch = createRequire(import.meta.url)('kafkajs/src/consumer/batch.js') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: {
    partition: number;
    highWatermark: string;
    abortedTransactions: unknown[];
    messages: RawMessage[];
  },
) => { messages: RawMessage[] };

const record = (offset: number, producerId: string, inTransaction = true): RawMessage => ({
  offset: String(offset),
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  isControlRecord: false,
  batchContext: { producerId, inTransaction },
});
const abortMarker = (offset: number, producerId: string): RawMessage => ({
  ...record(offset, producerId),
  key: Buffer.from([0, 0, 0, 0]),
  isControlRecord: true,
});

it('filters the records of every aborted transaction a fetch starts inside, not only the first', () => {
  // Two tasks' producers (ids 1 and 2) wrote the partition in transactions that were aborted; the fetch
  // starts at 10, inside both. kafkajs 2.2 alone hands out offset 10 (producer 2) as committed.
  const batch = new Batch('t', '10', {
    partition: 0,
    highWatermark: '16',
    abortedTransactions: [
      { producerId: '1', firstOffset: '5' },
      { producerId: '2', firstOffset: '8' },
    ],
    messages: [
      record(10, '2'),
      record(11, '1'),
      record(12, '2'),
      abortMarker(13, '1'),
      abortMarker(14, '2'),
      record(15, '3', false),
    ],
  });
  expect(batch.messages.map((m) => m.offset)).toEqual(['15']);
});
