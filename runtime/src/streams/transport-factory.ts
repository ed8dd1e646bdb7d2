import type { StreamsConfig } from './config.js';
import { MemoryTransport } from './memory-transport.js';
import type { BrokerTransportFactory, StreamsTransport } from './transport.js';

// The kafka transport lives in runtime/src/kafka/ (its own owner and dependency, kafkajs). It is loaded only
// when `brokers` is given, so runs on the embedded cluster never load kafkajs. Contract: that module exports
// `createKafkaTransport: BrokerTransportFactory`.
const KAFKA_TRANSPORT_MODULE = '../kafka/index.js';

/** Picks the transport a KafkaStreams config asks for. */
export async function transportFor(config: StreamsConfig, clientId: string): Promise<StreamsTransport> {
  if (config.transport !== undefined) return config.transport;
  if (config.cluster !== undefined) return new MemoryTransport(config.cluster);
  if (config.brokers !== undefined) {
    const factory = await loadKafkaTransportFactory();
    return factory({ brokers: config.brokers, clientId, ssl: config.ssl, sasl: config.sasl });
  }
  throw new TypeError('KafkaStreams needs `cluster` or `brokers`');
}

async function loadKafkaTransportFactory(): Promise<BrokerTransportFactory> {
  let module: { createKafkaTransport?: unknown };
  try {
    module = (await import(KAFKA_TRANSPORT_MODULE)) as { createKafkaTransport?: unknown };
  } catch (error) {
    throw new Error(
      `running against brokers needs the kafka transport (${KAFKA_TRANSPORT_MODULE}): ${String(error)}`,
    );
  }
  if (typeof module.createKafkaTransport !== 'function') {
    throw new Error(`${KAFKA_TRANSPORT_MODULE} does not export createKafkaTransport`);
  }
  return module.createKafkaTransport as BrokerTransportFactory;
}
