import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasErrors, type Problem, type TopologyDocument } from '@topograph/document';
import { generate } from '../generator/generate.js';
import { runScript } from './project-files.js';

export interface OutputRecord {
  topic: string;
  key: unknown;
  value: unknown;
}

export type RunResult = { ok: true; outputs: OutputRecord[] } | { ok: false; problems: Problem[] };

/**
 * Generates a document's code and runs it on the document's sample records in TopologyTestDriver, returning
 * what every sink topic received. Must run where TypeScript modules can be imported (tsx, vitest).
 */
export async function runTopology(doc: TopologyDocument): Promise<RunResult> {
  const result = await generate(doc);
  if (hasErrors(result.diagnostics))
    return { ok: false, problems: result.diagnostics.filter((d) => d.severity === 'error') };
  // Inside the codegen package so `@topograph/runtime` resolves; removed afterwards.
  const scratch = join(import.meta.dirname, '..', '..', '.run');
  await mkdir(scratch, { recursive: true });
  const dir = await mkdtemp(join(scratch, 'run-'));
  try {
    await writeFile(join(dir, 'topology.ts'), result.files[0]?.content ?? '');
    await writeFile(join(dir, 'run.ts'), runScript(doc, './topology.js'));
    const mod = (await import(pathToFileURL(join(dir, 'run.ts')).href)) as {
      run: (print: (topic: string, key: unknown, value: unknown) => void) => void;
    };
    const outputs: OutputRecord[] = [];
    mod.run((topic, key, value) => outputs.push({ topic, key, value }));
    return { ok: true, outputs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
