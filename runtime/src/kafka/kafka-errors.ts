// Classifying kafkajs errors by the Kafka error they carry, for the few cases the transport recovers from.

/** The Kafka error type (e.g. 'ILLEGAL_GENERATION') of a kafkajs error, looking through its retry wrappers. */
export function kafkaErrorType(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * librdkafka's mock coordinator answers a follower's SyncGroup with INVALID_REQUEST when the leader's
 * SyncGroup completed the generation first (members joining at the same moment); kafkajs deems that fatal.
 * Rejoining is the right response: the member simply takes part in the next generation.
 */
export function isMembershipRace(error: unknown): boolean {
  return kafkaErrorType(error) === 'INVALID_REQUEST';
}

const LOST_GENERATION = new Set(['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID']);

/** A commit that lost a race with a rebalance: the member is no longer in the generation it committed in. */
export function isLostGenerationCommit(error: unknown): boolean {
  const type = kafkaErrorType(error);
  return type !== undefined && LOST_GENERATION.has(type);
}
