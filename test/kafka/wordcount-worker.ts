// One process of the word-count application, for the failover test: `node --import tsx wordcount-worker.ts
// <brokers> <input> <output> <applicationId> <clientId> [at_least_once|exactly_once_v2]`. Prints its state changes; closes gracefully on
// SIGTERM/SIGINT.

import { closeOnSignals, KafkaTransport } from '../../runtime/src/kafka/index.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import { wordCountTopology } from './topologies.js';

const [brokers, input, output, applicationId, clientId, guarantee = 'at_least_once'] = process.argv.slice(2);
if (guarantee !== 'at_least_once' && guarantee !== 'exactly_once_v2') {
  process.stderr.write(`unknown processing guarantee ${guarantee}\n`);
  process.exit(2);
}
if (clientId === undefined) {
  process.stderr.write('usage: wordcount-worker.ts <brokers> <input> <output> <applicationId> <clientId>\n');
  process.exit(2);
}
const transport = new KafkaTransport({
  brokers: brokers!.split(','),
  clientId,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
});
const app = new KafkaStreams(wordCountTopology(input!, output!), {
  applicationId: applicationId!,
  clientId,
  transport,
  processingGuarantee: guarantee,
  commitIntervalMs: 100,
  metricsIntervalMs: 200,
  pollMs: 50,
});
app.on('stateChange', (state) => process.stdout.write(`state ${state}\n`));
// Which input partitions this process owns, whenever it changes (the test watches the split and takeover).
let owned = '';
app.on('metrics', (snapshot) => {
  const now = snapshot.sources
    .filter((source) => source.topic === input)
    .map((source) => source.partition)
    .sort()
    .join(',');
  if (now !== owned) process.stdout.write(`owns ${(owned = now)}\n`);
});
app.on('error', (error) => process.stdout.write(`error ${String(error)}\n`));
closeOnSignals({
  close: async () => {
    await app.close();
    await transport.close();
    process.stdout.write('closed\n');
  },
});
await app.start();
