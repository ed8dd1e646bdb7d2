import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallResult, StatusEvent } from '@topograph/api';
import { parseRecording } from '@topograph/runtime';
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

/** The host's call, typed by the API contract (the host itself takes unvalidated input). */
const call = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> =>
  fx.host.call(name, input) as Promise<CallResult<N>>;

const trade = (symbol: string, price: number, timestamp: number) => ({
  key: symbol,
  value: { symbol, price, volume: 10 },
  timestamp,
});

// Boots a session process and a replay process (tsx + the runtime each); generous on a shared machine.
describe('the debugger through the host', { timeout: 180_000 }, () => {
  it('records an embedded run, keeps it at stop, saves and loads it, replays it with windows, late records and why', async () => {
    const doc = exampleDocument('stock-stats');
    const { sessionId } = await call('sessions.start', { document: doc });
    await log.next(
      (e): e is StatusEvent =>
        e.type === 'status' && e.status.sessionId === sessionId && e.status.state === 'running',
    );
    await call('sessions.produce', {
      sessionId,
      topic: 'trades',
      records: [
        trade('ACME', 100, 1_000),
        trade('INIT', 12, 30_000),
        trade('ACME', 110, 65_000), // stream time reaches the first minute's end + grace
        trade('ACME', 99, 3_000), // late
      ],
    });
    // The outputs are recorded as the topology writes them; wait for both final windows.
    for (let i = 0; ; i++) {
      const r = await call('debugger.recording', { sessionId });
      if (r.outputs >= 2) break;
      if (i > 300) throw new Error(`only ${r.outputs} outputs recorded`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await call('sessions.stop', { sessionId });

    const summary = await call('debugger.recording', { sessionId });
    expect(summary).toMatchObject({ source: 'live', inputs: 4, outputs: 2, dropped: 0, maxRecords: 100_000 });

    const saved = await call('debugger.saveRecording', {
      sessionId,
      document: 'stock-stats.topology.json',
    });
    expect(saved).toEqual({ path: 'stock-stats.recording.json', records: 6, dropped: 0 });
    const file = parseRecording(await readFile(join(fx.workspace, saved.path), 'utf8'));
    expect(file.document).toBe('stock-stats');
    // One produce call: the four inputs are recorded before the outputs they cause.
    expect(file.records.map((r) => [r.direction, r.topic])).toEqual([
      ...Array.from({ length: 4 }, () => ['in', 'trades']),
      ['out', 'stock-stats'],
      ['out', 'stock-stats'],
    ]);
    expect(file.records.filter((r) => r.direction === 'in').map((r) => r.timestamp)).toEqual([
      1_000, 30_000, 65_000, 3_000,
    ]);

    // Save as test: the test beside the document, and the generated code it imports.
    const savedTest = await call('debugger.saveTest', {
      sessionId,
      document: 'stock-stats.topology.json',
      doc,
    });
    expect(savedTest).toEqual({
      test: 'stock-stats.test.ts',
      topology: 'stock-stats.topology.ts',
      inputs: 4,
      outputs: 2,
    });
    const testText = await readFile(join(fx.workspace, 'stock-stats.test.ts'), 'utf8');
    expect(testText).toContain("import { buildTopology, type Trade } from './stock-stats.topology.js';");
    expect(testText).toMatch(
      /\{ topic: "stock-stats", key: "ACME@0", value: \{.*"count":1.*\}, timestamp: 1000 \}/,
    );
    expect(await readFile(join(fx.workspace, 'stock-stats.topology.ts'), 'utf8')).toContain('buildTopology');

    const opened = await call('debugger.open', { sessionId });
    expect(opened).toMatchObject({ position: 0, total: 4, current: null });
    const end = await call('debugger.seek', { sessionId, to: { record: 4 } });
    expect(end.late).toHaveLength(1);
    expect(end.late[0]).toMatchObject({ node: 'stats', timestamp: 3_000, closeAt: 65_000 });
    expect(end.late[0]?.reason).toContain('closed at 65000 ms (grace 5 s)');
    const windows = end.windows.find((w) => w.node === 'stats');
    expect(windows?.windows.map((w) => [w.key, w.start, w.closeAt, w.closed])).toEqual([
      ['ACME', 0, 65_000, true],
      ['INIT', 0, 65_000, true],
      ['ACME', 60_000, 125_000, false],
    ]);
    expect(end.outputs.map((o) => [o.topic, o.key, o.input])).toEqual([
      ['stock-stats', 'ACME@0', 2],
      ['stock-stats', 'INIT@0', 2],
    ]);
    const why = await call('debugger.explain', { sessionId, output: 0 });
    expect(why.inputIndex).toBe(2);
    expect(why.path.map((p) => p.node)).toEqual([
      'trades',
      'stats',
      'final',
      'results',
      'flatten',
      'to-stock-stats',
    ]);
    const back = await call('debugger.seek', { sessionId, to: { step: -1 } });
    expect(back.position).toBe(3);
    expect(back.late).toEqual([]);
    expect(back.current?.timestamp).toBe(65_000);

    // Load the file again, changed by hand to drop the late trade: the debugger replays the file from now on.
    const text = await readFile(join(fx.workspace, saved.path), 'utf8');
    const trimmed = text.replace(/^\{"seq":3,.*,\n/m, '');
    expect(trimmed).not.toBe(text);
    await writeFile(join(fx.workspace, 'trimmed.recording.json'), trimmed);
    const loaded = await call('debugger.loadRecording', {
      sessionId,
      path: 'trimmed.recording.json',
    });
    expect(loaded).toMatchObject({ source: 'trimmed.recording.json', inputs: 3, outputs: 2 });
    const reopened = await call('debugger.open', { sessionId });
    expect(reopened.total).toBe(3);

    await writeFile(join(fx.workspace, 'bad.recording.json'), '{"format":"nope"}');
    await expect(call('debugger.loadRecording', { sessionId, path: 'bad.recording.json' })).rejects.toThrow(
      /"format" must be "topograph-recording"/,
    );
  });
});
