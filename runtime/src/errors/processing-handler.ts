// What happens to a record whose processing throws in user code (a lambda, a Processor, a serializer at a
// sink). Mirrors Kafka Streams' ProcessingExceptionHandler (KIP-1033): fail stops the task, logAndContinue
// skips the record, deadLetter writes the original input record to a topic. Every outcome is counted in the
// failing node's error metric.

export type ProcessingHandler =
  | { readonly kind: 'fail' }
  | { readonly kind: 'logAndContinue' }
  | { readonly kind: 'deadLetter'; readonly topic: string };

export const ProcessingHandlers = {
  fail: (): ProcessingHandler => ({ kind: 'fail' }),
  logAndContinue: (): ProcessingHandler => ({ kind: 'logAndContinue' }),
  deadLetter: (topic: string): ProcessingHandler => {
    if (typeof topic !== 'string' || topic.length === 0) throw new Error('deadLetter needs a topic name');
    return { kind: 'deadLetter', topic };
  },
} as const;
