import { describe, expect, it } from 'vitest';
import { MemoryCluster } from '../cluster/memory-cluster.js';
import type { RecordCollector as EngineRecordCollector } from '../engine/record-collector.js';
import { MemoryTransport } from './memory-transport.js';
import type { RunnerTask } from './runner-task.js';
import { StandbyTasks, type StandbyPlan } from './standby-tasks.js';
import type { FetchedRecord, TopicPartition } from './transport.js';

const decoder = new TextDecoder();

/** A task over a plain map, standing for the stores a real task would restore. */
function fakeTask(id: string, partition: number, stateful: boolean, output: EngineRecordCollector) {
  const store = new Map<string, string | null>();
  let closed = false;
  const task = {
    id,
    partition,
    inputs: [] as TopicPartition[],
    changelogs: stateful ? [{ storeName: 'counts', topic: 'app-counts-changelog' }] : [],
    restore: (_store: string, records: readonly FetchedRecord[]) => {
      for (const r of records)
        store.set(decoder.decode(r.key!), r.value === null ? null : decoder.decode(r.value));
    },
    close: () => void (closed = true),
    write: () => output.send('out', null, null, 0, new Map()),
  };
  return { task, store, isClosed: () => closed };
}

function setup() {
  const cluster = new MemoryCluster();
  cluster.createTopic('app-counts-changelog', { partitions: 2, cleanupPolicy: 'compact' });
  let now = 0;
  const made = new Map<string, ReturnType<typeof fakeTask>>();
  const plan: StandbyPlan = {
    subtopologies: [
      { id: 0, sourceTopics: ['text'], partitions: 2 },
      { id: 1, sourceTopics: ['app-words-repartition'], partitions: 2 },
    ],
    createTask: (subtopology, partition, _inputs, output) => {
      const fake = fakeTask(`${subtopology}_${partition}`, partition, subtopology === 1, output);
      made.set(fake.task.id, fake);
      // Only what StandbyTasks touches is provided.
      return fake.task as unknown as RunnerTask;
    },
  };
  const standbys = new StandbyTasks(new MemoryTransport(cluster), plan, 'test', () => now);
  const write = (partition: number, entries: [string, string][]) =>
    cluster.produce(
      'app-counts-changelog',
      entries.map(([key, value]) => ({ key, value, partition })),
    );
  return { cluster, standbys, made, write, advance: (ms: number) => void (now += ms) };
}

describe('StandbyTasks', () => {
  it('keeps standbys of the stateful tasks only, current from their changelogs', async () => {
    const { standbys, made, write, advance } = setup();
    write(1, [
      ['kafka', '1'],
      ['streams', '1'],
    ]);
    await standbys.assign([1], () => false);
    // The stateless sub-topology's task was tried once and closed; the stateful one is kept.
    expect(made.get('0_1')!.isClosed()).toBe(true);
    expect(standbys.describe()).toEqual([{ taskId: '1_1', positions: { 'app-counts-changelog': 0 } }]);
    await standbys.update();
    expect([...made.get('1_1')!.store]).toEqual([
      ['kafka', '1'],
      ['streams', '1'],
    ]);
    expect(standbys.positions()).toEqual({ 1: 2 });

    // Nothing new: it is caught up.
    await standbys.update();
    write(1, [['kafka', '2']]);
    // Caught up a moment ago: it does not look again at once...
    await standbys.update();
    expect(made.get('1_1')!.store.get('kafka')).toBe('1');
    // ...but after its idle interval.
    advance(100);
    await standbys.update();
    expect(made.get('1_1')!.store.get('kafka')).toBe('2');
    expect(standbys.positions()).toEqual({ 1: 3 });
  });

  it('skips tasks active here and closes standbys no longer assigned', async () => {
    const { standbys, made } = setup();
    await standbys.assign([0, 1], (id) => id === '1_0');
    expect(standbys.describe().map((s) => s.taskId)).toEqual(['1_1']);
    await standbys.assign([], () => false);
    expect(standbys.size).toBe(0);
    expect(made.get('1_1')!.isClosed()).toBe(true);
  });

  it('hands a promoted standby over with its position; its writes then go to the active output', async () => {
    const { standbys, made, write } = setup();
    write(0, [['join', '7']]);
    await standbys.assign([0], () => false);
    await standbys.update();
    const fake = made.get('1_0')!;
    // A standby never writes; if it did, that is a bug to hear of.
    expect(() => fake.task.write()).toThrow(/standby task 1_0 wrote to out/);
    const sent: string[] = [];
    const output: EngineRecordCollector = { send: (topic) => void sent.push(topic) };
    const promoted = standbys.promote('1_0', output)!;
    expect(promoted.task).toBe(fake.task);
    expect([...promoted.positions]).toEqual([['app-counts-changelog', 1]]);
    fake.task.write();
    expect(sent).toEqual(['out']);
    expect(standbys.size).toBe(0);
    expect(standbys.promote('1_0', output)).toBeUndefined();
  });
});
