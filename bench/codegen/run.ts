// Codegen benchmark: generation (validate + emit + Prettier) and in-memory type-check time for documents of
// 10, 100 and 500 nodes. Run: npm run bench:codegen   (writes bench/results/codegen.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../codegen/src/node.js';
import { benchDocument } from './documents.js';

const SIZES = [10, 100, 500];
const REPEATS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Row {
  nodes: number;
  lines: number;
  generateMs: number;
  typeCheckMs: number;
  totalMs: number;
  diagnostics: number;
}

// The first check loads the runtime's and Node's declaration files; it is measured apart (a studio pays it
// once per session, when the first document opens).
const coldStart = performance.now();
const cold = await generate(benchDocument(10));
const coldMs = performance.now() - coldStart;

const rows: Row[] = [];
for (const size of SIZES) {
  const doc = benchDocument(size);
  const gen: number[] = [];
  const check: number[] = [];
  let lines = 0;
  let diagnostics = 0;
  for (let i = 0; i < REPEATS; i++) {
    const r = await generate(doc);
    gen.push(r.timings.emitMs);
    check.push(r.timings.checkMs);
    lines = (r.files[0]?.content ?? '').split('\n').length;
    diagnostics = r.diagnostics.filter((d) => d.severity === 'error').length;
  }
  rows.push({
    nodes: size,
    lines,
    generateMs: Math.round(median(gen) * 10) / 10,
    typeCheckMs: Math.round(median(check) * 10) / 10,
    totalMs: Math.round((median(gen) + median(check)) * 10) / 10,
    diagnostics,
  });
}

console.log(
  `cold start (first generate + check, 10 nodes): ${coldMs.toFixed(0)} ms (${cold.diagnostics.length} diagnostics)`,
);
console.log('| nodes | lines | generate ms | type-check ms | total ms | type errors |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.nodes} | ${r.lines} | ${r.generateMs} | ${r.typeCheckMs} | ${r.totalMs} | ${r.diagnostics} |`,
  );
const goal = rows.find((r) => r.nodes === 100);
console.log(
  `goal: 100 nodes generated + checked < 1000 ms: ${goal && goal.totalMs < 1000 ? 'met' : 'NOT met'}`,
);

const dir = join(import.meta.dirname, '..', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'codegen.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, repeats: REPEATS, coldStartMs: Math.round(coldMs), rows }, null, 2)}\n`,
);
