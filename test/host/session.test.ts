import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachedSessionSchema,
  isLiveSession,
  runFingerprint,
  type MetricsEvent,
  type SessionErrorEvent,
  type SessionStatus,
  type StatusEvent,
  type TapEvent,
} from '@topograph/api';
import type { TopologyDocument } from '@topograph/document';
import { SessionManager } from '../../host/src/sessions/session-manager.js';
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

// Each test boots session processes (tsx + the runtime) and some type-check in process: on a machine shared
// by several test runs that alone can take tens of seconds, so the bound is generous (it is not an assertion).
const SESSION_TEST = { timeout: 120_000 };

describe('run sessions', SESSION_TEST, () => {
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

/** clicks ⋈ searches within 1 s, to `clicks-with-searches`: a stream–stream join, five processors. */
function streamJoinDocument(): TopologyDocument {
  const node = (id: string, kind: string, config: Record<string, unknown>) => ({
    id,
    kind,
    position: { x: 0, y: 0 },
    config,
  });
  const json = { keySerde: 'string', valueSerde: 'json' };
  return {
    version: 2,
    name: 'stream-join',
    types: [],
    nodes: [
      node('clicks', 'source.stream', { topic: 'clicks', ...json }),
      node('searches', 'source.stream', { topic: 'searches', ...json }),
      node('with-search', 'join.streamStream', {
        joinType: 'inner',
        joiner: '(click: any, search: any) => ({ page: click.page, query: search.query })',
        valueType: 'unknown',
        windowMs: 1000,
      }),
      node('out', 'sink.topic', { topic: 'clicks-with-searches', ...json }),
    ],
    edges: [
      { id: 'e1', source: 'clicks', target: 'with-search' },
      { id: 'e2', source: 'searches', target: 'with-search', targetHandle: 'right' },
      { id: 'e3', source: 'with-search', target: 'out' },
    ],
    settings: {},
  };
}

describe('sessions of a designer window', SESSION_TEST, () => {
  const W = 'window-aaaa1111';

  it("lists a window's sessions, refuses its second Run while one runs, and attaches with the console", async () => {
    const doc = wordCountWith(
      'split-words',
      'mapper',
      "(value) => {\n  console.log('line: ' + value);\n  return value.split(' ');\n}",
    );
    const first = (await fx.host.call('sessions.start', { document: doc, owner: W })) as SessionStatus;
    expect(first).toMatchObject({ owner: W, fingerprint: runFingerprint(doc), taps: [] });
    await log.next(isStatus(first.sessionId, 'running'));
    await expect(fx.host.call('sessions.start', { document: doc, owner: W })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(first.sessionId),
    });
    // Another window runs its own session.
    const other = (await fx.host.call('sessions.start', {
      document: doc,
      owner: 'window-bbbb2222',
    })) as SessionStatus;

    expect((await fx.host.call('sessions.list', { owner: W })) as SessionStatus[]).toEqual([
      expect.objectContaining({ sessionId: first.sessionId, state: 'running', owner: W }),
    ]);
    const all = (await fx.host.call('sessions.list', {})) as SessionStatus[];
    expect(all.map((s) => s.sessionId)).toEqual(expect.arrayContaining([first.sessionId, other.sessionId]));
    await expect(fx.host.call('sessions.list', { owner: '../x' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(fx.host.call('sessions.list', { owner: W, extra: 1 })).rejects.toMatchObject({
      code: 'invalid-input',
    });

    await fx.host.call('sessions.tap', {
      sessionId: first.sessionId,
      target: { edgeId: 'e2' },
      enabled: true,
    });
    await fx.host.call('sessions.produce', {
      sessionId: first.sessionId,
      topic: 'text',
      records: [{ value: 'hello there' }],
    });
    await log.next(
      (e) => e.type === 'console' && e.sessionId === first.sessionId && e.text.includes('line: hello there'),
    );
    const attached = attachedSessionSchema.parse(
      await fx.host.call('sessions.attach', { sessionId: first.sessionId }),
    );
    expect(attached.status).toMatchObject({
      sessionId: first.sessionId,
      state: 'running',
      taps: ['edge:e2'],
    });
    expect(attached.console.map((l) => l.text).join('')).toContain('line: hello there');

    await fx.host.call('sessions.stop', { sessionId: first.sessionId });
    await fx.host.call('sessions.stop', { sessionId: other.sessionId });
    expect(
      ((await fx.host.call('sessions.list', { owner: W })) as SessionStatus[]).map((s) => s.state),
    ).toEqual(['stopped']);
    // The next Run of the window replaces the finished session in the list.
    const next = (await fx.host.call('sessions.start', { document: doc, owner: W })) as SessionStatus;
    expect(
      ((await fx.host.call('sessions.list', { owner: W })) as SessionStatus[]).map((s) => s.sessionId),
    ).toEqual([next.sessionId]);
    await fx.host.call('sessions.stop', { sessionId: next.sessionId });
    expect(
      ((await fx.host.call('sessions.list', { owner: W })) as SessionStatus[]).filter(isLiveSession),
    ).toEqual([]);
  });

  it('restarts with the document given: the new code runs and the status carries its fingerprint', async () => {
    const doc = exampleDocument('word-count');
    const { sessionId } = (await fx.host.call('sessions.start', {
      document: doc,
      owner: W,
    })) as SessionStatus;
    await log.next(isStatus(sessionId, 'running'));
    await fx.host.call('sessions.tap', { sessionId, target: { edgeId: 'e2' }, enabled: true });
    const edited = wordCountWith('split-words', 'mapper', "(value) => value.toUpperCase().split(' ')");
    const since = log.events.length;
    const restarted = (await fx.host.call('sessions.restart', {
      sessionId,
      document: edited,
    })) as SessionStatus;
    expect(restarted.fingerprint).toBe(runFingerprint(edited));
    expect(restarted.fingerprint).not.toBe(runFingerprint(doc));
    expect(restarted.taps).toEqual(['edge:e2']);
    await log.next(isStatus(sessionId, 'running'), since);
    await fx.host.call('sessions.produce', { sessionId, topic: 'text', records: [{ value: 'ab cd' }] });
    const tap = await log.next((e): e is TapEvent => e.type === 'tap' && e.sessionId === sessionId, since);
    expect(tap.records.map((r) => r.value)).toEqual(['AB', 'CD']);
    // A restart without a document runs what ran last, not the document the session started with.
    await fx.host.call('sessions.restart', { sessionId });
    expect(((await fx.host.call('sessions.status', { sessionId })) as SessionStatus).fingerprint).toBe(
      runFingerprint(edited),
    );
    await fx.host.call('sessions.stop', { sessionId });
  });

  it('shows metrics on a stream–stream join node, summed over its processors, with totals', async () => {
    const doc = streamJoinDocument();
    const { sessionId } = (await fx.host.call('sessions.start', { document: doc })) as SessionStatus;
    await log.next(isStatus(sessionId, 'running'));
    await fx.host.call('sessions.produce', {
      sessionId,
      topic: 'clicks',
      records: [{ key: 'u1', value: { page: '/a' }, timestamp: 1000 }],
    });
    await fx.host.call('sessions.produce', {
      sessionId,
      topic: 'searches',
      records: [
        { key: 'u1', value: { query: 'kafka' }, timestamp: 1500 },
        { key: 'u2', value: { query: 'none' }, timestamp: 1600 },
      ],
    });
    const m = await log.next(
      (e): e is MetricsEvent =>
        e.type === 'metrics' &&
        e.sessionId === sessionId &&
        (e.nodes.find((n) => n.nodeId === 'with-search')?.recordsIn ?? 0) === 3 &&
        (e.nodes.find((n) => n.nodeId === 'out')?.recordsIn ?? 0) === 1,
    );
    expect(m.nodes.find((n) => n.nodeId === 'with-search')).toMatchObject({ recordsIn: 3, recordsOut: 1 });
    const out = (await fx.host.call('sessions.readTopic', { sessionId, topic: 'clicks-with-searches' })) as {
      records: Array<{ value: unknown }>;
    };
    expect(out.records.map((r) => r.value)).toEqual([{ page: '/a', query: 'kafka' }]);
    await fx.host.call('sessions.stop', { sessionId });
  });
});

describe('sessions of a closed window', SESSION_TEST, () => {
  it("stops a window's sessions once its last event socket is gone past the grace, not while it reloads", async () => {
    const pending = new Set<() => void>();
    const manager = new SessionManager({
      profiles: fx.host.profiles,
      emit: () => undefined,
      schedule: (fn) => {
        pending.add(fn);
        return () => pending.delete(fn);
      },
    });
    const owner = 'window-cccc3333';
    const until = async (state: string, sessionId: string) => {
      while (manager.status(sessionId).state !== state) await new Promise((r) => setTimeout(r, 50));
    };
    const release = manager.watch(owner);
    const { sessionId } = await manager.start(exampleDocument('word-count'), { kind: 'memory' }, owner);
    await until('running', sessionId);

    // A reload: the socket closes and the new page's socket opens before the grace ends.
    release();
    release();
    expect(pending.size).toBe(1);
    const again = manager.watch(owner);
    expect(pending.size).toBe(0);
    expect(manager.status(sessionId).state).toBe('running');

    // A closed tab: no socket comes back, so when the grace ends the session is stopped.
    again();
    expect(pending.size).toBe(1);
    for (const fn of [...pending]) fn();
    await until('stopped', sessionId);
    expect(manager.list(owner).filter(isLiveSession)).toEqual([]);
    await manager.closeAll();
  });
});
