import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEvent, SessionErrorEvent, StatusEvent, TapEvent } from '@topograph/api';
import type { TopologyDocument } from '@topograph/codegen';
import { makeHost, type HostFixture } from './fixtures.js';
import { EventLog, exampleDocument } from './support.js';

let fx: HostFixture;
let log: EventLog;
beforeAll(async () => {
  fx = await makeHost({ metricsIntervalMs: 250 });
  log = new EventLog(fx.host);
});
afterAll(async () => {
  log.unsubscribe();
  await fx.cleanup();
});

const isStatus =
  (sessionId: string, state: string) =>
  (e: { type: string }): e is StatusEvent =>
    e.type === 'status' &&
    (e as StatusEvent).status.sessionId === sessionId &&
    (e as StatusEvent).status.state === state;

/** Word count with one lambda replaced. */
function wordCountWith(nodeId: string, field: string, code: string): TopologyDocument {
  const doc = exampleDocument('word-count');
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, config: { ...n.config, [field]: code } } : n)),
  };
}

describe('run sessions', () => {
  it('runs word count in a child process: produce, metrics on every node, store, output topic, taps, stop', async () => {
    const doc = exampleDocument('word-count');
    const started = await fx.host.call('sessions.start', { document: doc });
    const { sessionId } = started as { sessionId: string };
    await log.next(isStatus(sessionId, 'running'));
    await fx.host.call('sessions.tap', { sessionId, target: { edgeId: 'e2' }, enabled: true });
    await fx.host.call('sessions.produce', {
      sessionId,
      topic: 'text',
      records: [{ value: 'the quick brown fox' }, { value: 'jumps over the lazy dog' }],
    });

    const tap = await log.next((e): e is TapEvent => e.type === 'tap' && e.sessionId === sessionId);
    expect(tap.tap).toBe('edge:e2');
    expect(tap.records.map((r) => r.value)).toEqual([
      'the',
      'quick',
      'brown',
      'fox',
      'jumps',
      'over',
      'the',
      'lazy',
      'dog',
    ]);

    const busy = await log.next(
      (e): e is MetricsEvent =>
        e.type === 'metrics' &&
        e.sessionId === sessionId &&
        doc.nodes.every((n) => (e.nodes.find((m) => m.nodeId === n.id)?.recordsIn ?? 0) > 0),
    );
    expect(busy.nodes.map((n) => n.nodeId).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    expect(busy.nodes.find((n) => n.nodeId === 'split-words')?.recordsOut).toBe(9);
    expect(busy.edges.map((e) => e.edgeId).sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);

    const the = await fx.host.call('sessions.queryStore', {
      sessionId,
      store: 'counts-store',
      query: { kind: 'get', key: 'the' },
    });
    expect(the).toEqual({ entries: [{ key: 'the', value: 2, timestamp: expect.any(Number) }] });
    const all = (await fx.host.call('sessions.queryStore', {
      sessionId,
      store: 'counts-store',
      query: { kind: 'all' },
    })) as { entries: Array<{ key: string; value: number }> };
    expect(all.entries).toHaveLength(8);

    const out = (await fx.host.call('sessions.readTopic', { sessionId, topic: 'word-counts' })) as {
      records: Array<{ key: unknown; value: unknown; offset: number | null }>;
    };
    expect(out.records.filter((r) => r.key === 'the').map((r) => r.value)).toEqual([1, 2]);

    const stopped = (await fx.host.call('sessions.stop', { sessionId })) as { state: string };
    expect(stopped.state).toBe('stopped');
    await expect(
      fx.host.call('sessions.produce', { sessionId, topic: 'text', records: [{ value: 'x' }] }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('pins an exception in a lambda to its node and line while the host keeps answering', async () => {
    const doc = wordCountWith(
      'by-word',
      'selector',
      "(_key, word) => {\n  if (word === 'boom') throw new Error('no booms allowed');\n  return word;\n}",
    );
    const { sessionId } = (await fx.host.call('sessions.start', { document: doc })) as { sessionId: string };
    await log.next(isStatus(sessionId, 'running'));
    await fx.host.call('sessions.produce', { sessionId, topic: 'text', records: [{ value: 'a boom b' }] });
    const error = await log.next(
      (e): e is SessionErrorEvent => e.type === 'error' && e.sessionId === sessionId,
    );
    expect(error.nodeId).toBe('by-word');
    expect(error.stack).toContain('no booms allowed');
    const generated = (await fx.host.call('codegen.generate', { document: doc })) as {
      files: Array<{ content: string }>;
    };
    const lines = generated.files[0]?.content.split('\n') ?? [];
    expect(error.file).toBe('topology.ts');
    expect(lines[(error.line ?? 0) - 1]).toContain("throw new Error('no booms allowed')");
    // The designer is still responsive while the session is failing.
    expect(await fx.host.call('documents.list', {})).toEqual([]);
    await fx.host.call('sessions.stop', { sessionId });
  });

  it('ends a lambda stuck in an infinite loop with Stop', async () => {
    const doc = wordCountWith('split-words', 'mapper', '(value) => {\n  for (;;) {}\n}');
    const { sessionId } = (await fx.host.call('sessions.start', { document: doc })) as { sessionId: string };
    await log.next(isStatus(sessionId, 'running'));
    await fx.host.call('sessions.produce', { sessionId, topic: 'text', records: [{ value: 'spin' }] });
    // The stuck child cannot answer, but the host can.
    await expect(
      fx.host.call('sessions.queryStore', { sessionId, store: 'counts-store', query: { kind: 'all' } }),
    ).rejects.toMatchObject({ code: 'failed' });
    expect(await fx.host.call('sessions.status', { sessionId })).toMatchObject({ state: 'running' });
    const stopped = await fx.host.call('sessions.stop', { sessionId });
    expect(stopped).toMatchObject({ state: 'stopped' });
  });
});
