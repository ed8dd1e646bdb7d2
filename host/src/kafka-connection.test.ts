import { describe, expect, it } from 'vitest';
import { kafkaClientSettings } from './kafka-connection.js';

describe('a profile connection as the runtime Kafka client settings', () => {
  it('passes brokers and TLS through and leaves SASL out when the profile has none', () => {
    const settings = kafkaClientSettings({ brokers: ['a:9092', 'b:9092'], ssl: true });
    expect(settings).toEqual({ brokers: ['a:9092', 'b:9092'], ssl: true });
    expect('sasl' in settings).toBe(false);
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'gives kafkajs the %s mechanism with the resolved password',
    (mechanism) => {
      expect(
        kafkaClientSettings({
          brokers: ['a:9092'],
          ssl: false,
          sasl: { mechanism, username: 'app', password: 's3cret' },
        }),
      ).toEqual({
        brokers: ['a:9092'],
        ssl: false,
        sasl: { mechanism, username: 'app', password: 's3cret' },
      });
    },
  );
});
