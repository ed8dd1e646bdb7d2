import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Serdes, TopologyTestDriver, type Topology } from '@topograph/runtime';
import { loadDocument } from '@topograph/document';
import type { TopologyDocument } from '@topograph/document';
import { generate } from '../generator/generate.js';
import { recordedTest, RecordedTestError, type RecordedValue } from './recorded-test.js';
import { readFileSync } from 'node:fs';

const REPO = join(import.meta.dirname, '..', '..', '..');
const doc = ((): TopologyDocument => {
  const loaded = loadDocument(readFileSync(join(REPO, 'examples', 'stock-stats.topology.json'), 'utf8'));
  if (!loaded.document) throw new Error('examples/stock-stats does not load');
  return loaded.document;
})();

const trade = (symbol: string, price: number, timestamp: number): RecordedValue => ({
  topic: 'trades',
  key: symbol,
  value: { price, symbol, volume: 10 },
  timestamp,
});
const INPUTS = [
  trade('ACME', 100, 1_000),
  trade('INIT', 12, 30_000),
  trade('ACME', 110, 65_000),
  trade('ACME', 99, 3_000),
];

// Inside the repo so the test's imports (vitest, @topograph/runtime) resolve; removed afterwards.
let scratch = '';
beforeAll(async () => {
  const root = join(REPO, 'codegen', '.run');
  await mkdir(root, { recursive: true });
  scratch = await mkdtemp(join(root, 'testgen-'));
  await writeFile(
    join(scratch, 'vitest.config.mjs'),
    "export default { test: { include: ['*.test.ts'] } };\n",
  );
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Writes `<name>.topology.ts` generated from `document` into the scratch folder and imports it. */
async function writeTopology(document: TopologyDocument, tag: string): Promise<() => Topology> {
  const code = (await generate(document, { typeCheck: false })).files[0]?.content ?? '';
  await writeFile(join(scratch, 'stock-stats.topology.ts'), code);
  // A copy under its own name: the module cache would hand back the first import otherwise.
  await writeFile(join(scratch, `import-${tag}.ts`), code);
  const mod = (await import(pathToFileURL(join(scratch, `import-${tag}.ts`)).href)) as {
    buildTopology: () => Topology;
  };
  return mod.buildTopology;
}

/** What the generated topology writes for the inputs: the "recording" of a run. */
function outputsOf(build: () => Topology): RecordedValue[] {
  const driver = new TopologyTestDriver(build(), { initialWallClockTime: 0 });
  const trades = driver.createInputTopic('trades', { keySerde: Serdes.string(), valueSerde: Serdes.json() });
  for (const r of INPUTS) trades.pipeInput(r.key as string, r.value, r.timestamp);
  const out = driver
    .createOutputTopic('stock-stats', { keySerde: Serdes.string(), valueSerde: Serdes.json() })
    .readRecordsToList()
    .map(({ key, value, timestamp }) => ({ topic: 'stock-stats', key, value, timestamp }));
  driver.close();
  return out;
}

function runVitest(): { status: number | null; output: string } {
  const r = spawnSync(
    'npx',
    ['vitest', 'run', '--root', scratch, '--config', join(scratch, 'vitest.config.mjs')],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function withWindowSize(sizeMs: number): TopologyDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === 'per-minute' ? { ...n, config: { ...n.config, sizeMs } } : n)),
  };
}

describe('Save as test', { timeout: 180_000 }, () => {
  it('writes tables of the inputs and outputs; the test passes, and fails once the window size changes', async () => {
    const outputs = outputsOf(await writeTopology(doc, 'a'));
    expect(outputs.map((o) => o.key)).toEqual(['ACME@0', 'INIT@0']);
    const text = await recordedTest(doc, INPUTS, outputs, {
      topologyModule: './stock-stats.topology.js',
      source: 'stock-stats.recording.json',
    });
    // Readable: one row per record.
    expect(text).toContain(
      '  { topic: "trades", key: "ACME", value: {"price":99,"symbol":"ACME","volume":10}, timestamp: 3000 },',
    );
    expect(text).toContain("import { buildTopology, type Trade } from './stock-stats.topology.js';");
    await writeFile(join(scratch, 'stock-stats.test.ts'), text);

    const pass = runVitest();
    expect(pass.output).toContain('1 passed');
    expect(pass.status).toBe(0);

    // The document changes: 30-second windows. Its regenerated code gives other outputs, and the test says so.
    await writeTopology(withWindowSize(30_000), 'b');
    const fail = runVitest();
    expect(fail.status).toBe(1);
    expect(fail.output).toContain('1 failed');
    expect(fail.output).toContain('turns the recorded inputs into the recorded outputs');
  });

  it('refuses records the document has no topic for, and an empty recording', async () => {
    await expect(
      recordedTest(doc, [{ ...trade('A', 1, 1), topic: 'nope' }], [], {
        topologyModule: './x.js',
        source: 'r',
      }),
    ).rejects.toThrow(
      new RecordedTestError('the recording has input topic "nope", which the document does not read'),
    );
    await expect(recordedTest(doc, [], [], { topologyModule: './x.js', source: 'r' })).rejects.toThrow(
      /no input records/,
    );
  });
});
