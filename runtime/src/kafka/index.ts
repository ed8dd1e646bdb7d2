// Running topologies against Kafka through kafkajs. The runner loads this module only when `brokers` is given.
// Before kafkajs loads: see kafkajs-fixes.ts.
import './kafkajs-fixes.js';
export { createKafkaTransport, KafkaTransport, type KafkaTransportOptions } from './kafka-transport.js';
export { TopicCreationError } from './topic-admin.js';
export type { ProduceLatencySnapshot } from './produce-latency.js';
export { closeOnSignals, type Closeable, type ShutdownOptions } from './shutdown.js';
