import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import type { ProcessorContext } from '../processor/api.js';
import { Serdes } from '../serdes/serdes.js';
import type { KeyValueStore } from '../state/key-value-store.js';
import { Stores } from '../state/stores.js';
import { Topology } from '../topology/topology.js';
import { KafkaStreams } from './kafka-streams.js';

const decoder = new TextDecoder();
const strings = { keySerde: Serdes.string(), valueSerde: Serdes.string() };

/** clicks enriched from a global store of user names fed by every partition of `users`. */
function enrichTopology(): Topology {
  return new Topology()
    .addGlobalStore(
      Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore('users-store'),
        Serdes.string(),
        Serdes.string(),
      ).withLoggingDisabled(),
      'users-source',
      'users',
      strings,
      'users-updater',
      () => {
        let store: KeyValueStore<string, string>;
        return {
          init: (context) => void (store = context.getStateStore('users-store')),
          process: (record) => store.put(record.key, record.value),
        };
      },
    )
    .addSource('clicks', 'clicks', strings)
    .addProcessor<string, string, string, string>(
      'enrich',
      () => {
        let context: ProcessorContext<string, string>;
        let users: KeyValueStore<string, string>;
        return {
          init: (c) => {
            context = c;
            users = c.getStateStore('users-store');
          },
          process: (record) =>
            context.forward({ ...record, value: `${record.value}:${users.get(record.key) ?? 'unknown'}` }),
        };
      },
      'clicks',
    )
    .addSink('out', 'out', strings, 'enrich');
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let app: KafkaStreams | undefined;
afterEach(async () => {
  await app?.close();
});

describe('KafkaStreams global stores', () => {
  it('bootstraps a global store from every partition before processing and keeps it current', async () => {
    const cluster = new MemoryCluster();
    cluster.createTopic('users', { partitions: 2 });
    cluster.createTopic('clicks');
    cluster.createTopic('out');
    cluster.produce('users', [
      { key: 'alice', value: 'Alice' },
      { key: 'bob', value: 'Bob' },
      { key: 'dave', value: 'Dave' },
    ]);
    app = new KafkaStreams(enrichTopology(), { applicationId: 'enrich', cluster, pollMs: 10 });
    await app.start();
    // Bootstrapped before the first record is processed, whichever partition a user landed on.
    expect(app.store<string, string>('users-store').get('dave')).toBe('Dave');

    cluster.produce('clicks', [
      { key: 'alice', value: 'home' },
      { key: 'bob', value: 'cart' },
    ]);
    const out = (): string[] => cluster.fetch('out', 0, 0, 100).map((r) => decoder.decode(r.value!));
    await waitFor('enriched clicks', () => out().length === 2);
    expect(out()).toEqual(['home:Alice', 'cart:Bob']);

    cluster.produce('users', [{ key: 'carol', value: 'Carol' }]);
    await waitFor(
      'the new user in the global store',
      () => app!.store<string, string>('users-store').get('carol') === 'Carol',
    );
    cluster.produce('clicks', [{ key: 'carol', value: 'search' }]);
    await waitFor('the third click', () => out().length === 3);
    expect(out()[2]).toBe('search:Carol');
    expect(app.metrics().nodes.find((n) => n.name === 'users-updater')?.recordsIn).toBe(4);
    // A global store has no changelog of its own: its topic is its changelog.
    expect(cluster.listTopics().some((t) => t.includes('users-store-changelog'))).toBe(false);
  });
});
