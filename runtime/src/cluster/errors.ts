/** Errors with the names Kafka gives them, so callers (and the kafka transport) can treat both alike. */
export class KafkaProtocolError extends Error {
  constructor(
    readonly type:
      | 'UNKNOWN_TOPIC_OR_PARTITION'
      | 'INVALID_TOPIC_EXCEPTION'
      | 'INVALID_PARTITIONS'
      | 'TOPIC_ALREADY_EXISTS'
      | 'UNKNOWN_MEMBER_ID'
      | 'ILLEGAL_GENERATION'
      | 'REBALANCE_IN_PROGRESS'
      | 'PRODUCER_FENCED'
      | 'INVALID_TXN_STATE',
    message: string,
  ) {
    super(message);
    this.name = 'KafkaProtocolError';
  }
}
