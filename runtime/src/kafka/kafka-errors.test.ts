import { KafkaJSError, KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isLostGenerationCommit, isMembershipRace, kafkaErrorType } from './kafka-errors.js';

// kafkajs builds protocol errors from the broker's error entry (message, type, code), as here.
const entry = (type: string, code: number): Error => Object.assign(new Error(type), { type, code });

// kafkajs' typings omit the options argument its retrier passes (`{ cause }`); the runtime class takes it.
const NonRetriable = KafkaJSNonRetriableError as unknown as new (
  error: Error,
  options: { cause: Error },
) => Error;

describe('kafka error classification', () => {
  it('finds the Kafka error type through kafkajs retry wrappers', () => {
    const protocol = new KafkaJSProtocolError(entry('ILLEGAL_GENERATION', 22));
    const wrapped = new NonRetriable(protocol, { cause: protocol });
    expect(kafkaErrorType(wrapped)).toBe('ILLEGAL_GENERATION');
    expect(isLostGenerationCommit(wrapped)).toBe(true);
    expect(isMembershipRace(wrapped)).toBe(false);
  });

  it('recognises the SyncGroup race and leaves other errors alone', () => {
    expect(isMembershipRace(new KafkaJSProtocolError(entry('INVALID_REQUEST', 42)))).toBe(true);
    expect(kafkaErrorType(new KafkaJSError('connection closed'))).toBeUndefined();
    expect(isLostGenerationCommit(new Error('ILLEGAL_GENERATION'))).toBe(false);
    expect(isLostGenerationCommit('ILLEGAL_GENERATION')).toBe(false);
  });
});
