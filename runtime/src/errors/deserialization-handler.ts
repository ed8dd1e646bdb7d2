// What happens to a record whose key or value cannot be deserialized. Mirrors Kafka Streams'
// DeserializationExceptionHandler: fail stops the task, logAndContinue skips the record, deadLetter forwards
// the raw bytes to a topic. Every outcome is counted in the source node's error metric.

export type DeserializationHandler =
  | { readonly kind: 'fail' }
  | { readonly kind: 'logAndContinue' }
  | { readonly kind: 'deadLetter'; readonly topic: string };

export const DeserializationHandlers = {
  fail: (): DeserializationHandler => ({ kind: 'fail' }),
  logAndContinue: (): DeserializationHandler => ({ kind: 'logAndContinue' }),
  deadLetter: (topic: string): DeserializationHandler => {
    if (topic.length === 0) throw new Error('deadLetter needs a topic name');
    return { kind: 'deadLetter', topic };
  },
} as const;

/** Raised when processing must stop; carries where it happened so the designer can point at the node. */
export class StreamsProcessingError extends Error {
  override readonly name = 'StreamsProcessingError';
  constructor(
    message: string,
    readonly nodeName: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
