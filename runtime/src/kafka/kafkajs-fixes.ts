// A fix for kafkajs 2.2's read-committed filtering, installed before kafkajs loads (import this module before
// anything that imports kafkajs). kafkajs' filterAbortedMessages steps into at most ONE aborted transaction per
// record: when a fetch starts inside two or more aborted transactions (several producers — under
// exactly_once_v2, several tasks — writing the same partition, then aborted), the records of all but the first
// are handed out as if committed. Seen as duplicates after a zombie's transactions were aborted. This version
// enters every aborted transaction whose first offset the record has reached.

import { createRequire, Module } from 'node:module';

interface Message {
  readonly offset: string;
  readonly key: Buffer | null | undefined;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}

interface AbortedTransaction {
  readonly firstOffset: string;
  readonly producerId: string;
}

const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

function filterAbortedMessages({
  messages,
  abortedTransactions,
}: {
  messages: Message[];
  abortedTransactions?: AbortedTransaction[];
}): Message[] {
  if (abortedTransactions === undefined || abortedTransactions.length === 0) return messages;
  const pending = [...abortedTransactions].sort((a, b) => compare(a.firstOffset, b.firstOffset));
  const aborted = new Set<string>();
  return messages.filter((message) => {
    while (pending.length > 0 && compare(message.offset, pending[0]!.firstOffset) >= 0) {
      aborted.add(String(pending.shift()!.producerId));
    }
    const producerId = String(message.batchContext.producerId);
    if (message.key != null && Buffer.from(message.key).equals(ABORT_MARKER_KEY)) {
      aborted.delete(producerId);
      return true;
    }
    return !(aborted.has(producerId) && message.batchContext.inTransaction);
  });
}

/** Offsets are decimal strings of int64s. */
function compare(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const FIXED = Symbol.for('topograph.kafkajs.filterAbortedMessages');
Object.defineProperty(filterAbortedMessages, FIXED, { value: true });

const require = createRequire(import.meta.url);
const filename = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
const cached = require.cache[filename];
if (cached === undefined) {
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = filterAbortedMessages;
  require.cache[filename] = module;
} else if ((cached.exports as Record<symbol, unknown>)[FIXED] !== true) {
  // Not thrown: a host that loaded kafkajs first still works, as it did before this fix.
  process.stderr.write(
    'warning: kafkajs was loaded before runtime/src/kafka/kafkajs-fixes.ts; read-committed consumers may ' +
      'see records of aborted transactions (import @topograph/runtime/kafka before kafkajs)\n',
  );
}
