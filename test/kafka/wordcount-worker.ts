// One process of the word-count application, for the multi-process tests (see workers.ts):
// `node --import tsx wordcount-worker.ts <brokers> <input> <output> <applicationId> <clientId>
// [at_least_once|exactly_once_v2] [commitIntervalMs] [sessionTimeoutMs]`. Runs with the transport's default
// group timeouts unless a session timeout is given.
// Prints its state changes, owned partitions, standby tasks (`standby <taskId>@<offset>,…`, the changelog offset
// each has applied) and restorations (`restored <taskId> <records> <fromOffset> <toOffset> standby|full
// <ms>`); closes gracefully on SIGTERM/SIGINT. WORKER_STANDBYS sets numStandbyReplicas.

import { closeOnSignals, KafkaTransport } from '../../runtime/src/kafka/index.js';
import { KafkaStreams } from '../../runtime/src/streams/kafka-streams.js';
import { passthroughTopology, wordCountTopology } from './topologies.js';

const [
  brokers,
  input,
  output,
  applicationId,
  clientId,
  guarantee = 'at_least_once',
  commitInterval = '100',
  sessionTimeout,
] = process.argv.slice(2);
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
  sessionTimeoutMs: sessionTimeout === undefined ? undefined : Number(sessionTimeout),
});
// WORKER_TOPOLOGY=passthrough copies records instead (the failover bench: output partition = input partition).
const topology = process.env.WORKER_TOPOLOGY === 'passthrough' ? passthroughTopology : wordCountTopology;
const app = new KafkaStreams(topology(input!, output!), {
  applicationId: applicationId!,
  clientId,
  transport,
  processingGuarantee: guarantee,
  commitIntervalMs: Number(commitInterval),
  metricsIntervalMs: 200,
  pollMs: 50,
  numStandbyReplicas: Number(process.env.WORKER_STANDBYS ?? '0'),
});
app.on('restore', (r) =>
  process.stdout.write(
    `restored ${r.taskId} ${r.records} ${r.fromOffset} ${r.toOffset} ${r.fromStandby ? 'standby' : 'full'} ${r.durationMs}\n`,
  ),
);
let standbys = '';
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
  const kept = app
    .standbyTasks()
    .map((t) => `${t.taskId}@${Object.values(t.positions).reduce((sum, offset) => sum + offset, 0)}`)
    .sort()
    .join(',');
  if (kept !== standbys) process.stdout.write(`standby ${(standbys = kept)}\n`);
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
