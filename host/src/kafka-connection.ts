import type { KafkaTransportOptions } from '@topograph/runtime/kafka';
import type { KafkaConnection } from './profiles.js';

/** How the runtime's Kafka transport reaches a cluster: the part of its options a profile decides. */
export type KafkaClientSettings = Pick<KafkaTransportOptions, 'brokers' | 'ssl' | 'sasl'>;

/**
 * The one mapping from a profile's connection to the runtime's Kafka client settings; the topic browser, the
 * topic reader and the session's streams, producer and reset all connect with it.
 */
export function kafkaClientSettings(connection: KafkaConnection): KafkaClientSettings {
  const { brokers, ssl, sasl } = connection;
  if (!sasl) return { brokers, ssl };
  const { username, password } = sasl;
  // kafkajs types SASL as one object type per mechanism; naming the mechanism picks its member.
  switch (sasl.mechanism) {
    case 'plain':
      return { brokers, ssl, sasl: { mechanism: 'plain', username, password } };
    case 'scram-sha-256':
      return { brokers, ssl, sasl: { mechanism: 'scram-sha-256', username, password } };
    case 'scram-sha-512':
      return { brokers, ssl, sasl: { mechanism: 'scram-sha-512', username, password } };
  }
}
