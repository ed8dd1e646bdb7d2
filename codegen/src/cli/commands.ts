import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  hasErrors,
  loadDocument,
  serializeDocument,
  type Problem,
  type TopologyDocument,
} from '@topograph/document';
import { generate } from '../generator/generate.js';
import { parse } from '../parser/parse.js';
import { exportProject } from '../export/export-project.js';
import { runTopology } from '../export/run-topology.js';
import { readVersion } from '../compat/versions.js';

/** Where a command writes: injected so tests can capture output. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function readDocument(file: string): Promise<TopologyDocument> {
  const { document, problems } = loadDocument(await readFile(file, 'utf8'));
  if (!document) throw new UsageError(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  return document;
}

export class UsageError extends Error {}

/** `word-count.topology.json` → `word-count.topology.ts` next to it. */
export const defaultCodePath = (file: string): string =>
  join(dirname(file), `${basename(file).replace(/\.topology\.json$|\.json$/, '')}.topology.ts`);

export const formatProblem = (file: string, p: Problem): string =>
  `${file}: ${p.severity}${p.nodeId ? ` [${p.nodeId}${p.field ? `.${p.field}` : ''}${p.line ? ` ${p.line}:${p.column ?? 1}` : ''}]` : ''} ${p.message}`;

/** Writes the generated code; exit 1 when the document has errors (the code is still written). */
export async function generateCommand(file: string, outFile: string | undefined, io: Io): Promise<number> {
  const doc = await readDocument(file);
  const result = await generate(doc, { sourceName: basename(file) });
  const target = outFile ?? defaultCodePath(file);
  await writeFile(target, result.files[0]?.content ?? '');
  for (const p of result.diagnostics) (p.severity === 'error' ? io.err : io.out)(formatProblem(file, p));
  io.out(`wrote ${target}`);
  return hasErrors(result.diagnostics) ? 1 : 0;
}

/**
 * Exit 1 when the committed code differs from what the document generates (drift), 2 when the document has
 * errors. No type-check: drift is about bytes, and CI type-checks the code itself.
 */
export async function checkCommand(file: string, codeFile: string | undefined, io: Io): Promise<number> {
  const doc = await readDocument(file);
  const result = await generate(doc, { sourceName: basename(file), typeCheck: false });
  const errors = result.diagnostics.filter((p) => p.severity === 'error');
  for (const p of errors) io.err(formatProblem(file, p));
  const target = codeFile ?? defaultCodePath(file);
  if (!existsSync(target)) {
    io.err(`${target} does not exist: run \`topograph generate ${file}\``);
    return 1;
  }
  const committed = await readFile(target, 'utf8');
  const expected = result.files[0]?.content ?? '';
  if (committed !== expected) {
    const a = committed.split('\n');
    const b = expected.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    const at = line < 0 ? Math.min(a.length, b.length) : line;
    io.err(`${target}:${at + 1}: drift from ${file}`);
    io.err(`  committed: ${a[at] ?? '<end of file>'}`);
    io.err(`  generated: ${b[at] ?? '<end of file>'}`);
    io.err(`run \`topograph generate ${file}\` (or \`topograph parse ${target}\` to take the code's side)`);
    return 1;
  }
  if (errors.length > 0) return 2;
  io.out(`${target} is up to date with ${file}`);
  return 0;
}

/** Reads code back into the document (keeping the document's name and settings when it exists). */
export async function parseCommand(codeFile: string, docFile: string, io: Io): Promise<number> {
  const base = existsSync(docFile) ? await readDocument(docFile) : undefined;
  const { document, problems } = parse(await readFile(codeFile, 'utf8'), base ? { base } : {});
  for (const p of problems) io.err(`${codeFile}:${p.line ?? 1}:${p.column ?? 1}: ${p.message}`);
  await writeFile(docFile, serializeDocument(document));
  io.out(`wrote ${docFile}`);
  return hasErrors(problems) ? 1 : 0;
}

/** With a baseline (the deployed version), the project's npm test also fails when it drops that one's state. */
export async function exportCommand(file: string, dir: string, io: Io, baseline?: string): Promise<number> {
  const doc = await readDocument(file);
  const compatBaseline = baseline === undefined ? undefined : (await readVersion(baseline)).describe;
  const result = await exportProject(
    doc,
    resolve(dir),
    compatBaseline === undefined ? {} : { compatBaseline },
  );
  io.out(`exported ${doc.name} to ${result.dir}: ${result.files.join(', ')}`);
  io.out(`next: cd ${dir} && npm install && npm test && npm start`);
  return 0;
}

/** Runs the topology on the document's sample records in TopologyTestDriver and prints what the sinks write. */
export async function runCommand(file: string, io: Io): Promise<number> {
  const result = await runTopology(await readDocument(file));
  if (!result.ok) {
    for (const p of result.problems) io.err(formatProblem(file, p));
    return 1;
  }
  for (const r of result.outputs) io.out(`${r.topic}\t${JSON.stringify(r.key)}\t${JSON.stringify(r.value)}`);
  io.out(`${result.outputs.length} output record(s)`);
  return 0;
}
