import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TopologyDocument } from '../model/document.js';
import { hasErrors, type Problem } from '../model/problem.js';
import { serializeDocument } from '../model/serialize.js';
import { generate } from '../generator/generate.js';
import { mainTs, packageJson, readme, topologyTest, tsconfigJson } from './project-files.js';
import { copyInto, packRuntime, runtimeRoot } from './runtime-tarball.js';

export interface ExportResult {
  dir: string;
  files: string[];
  diagnostics: Problem[];
}

/**
 * Writes a standalone project for a document: package.json (runtime vendored as a tarball, kafkajs from
 * npm), a strict tsconfig, src/topology.ts, src/main.ts, a TopologyTestDriver test from the sample records,
 * the document itself and a README. Refuses documents with errors (their code would not compile).
 */
export async function exportProject(doc: TopologyDocument, dir: string): Promise<ExportResult> {
  const generated = await generate(doc);
  if (hasErrors(generated.diagnostics)) {
    const first = generated.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
    throw new Error(
      `cannot export "${doc.name}": ${first.map((d) => `${d.nodeId ? `${d.nodeId}: ` : ''}${d.message}`).join('; ')}`,
    );
  }
  const tarball = await packRuntime();
  const vendored = await copyInto(tarball, join(dir, 'vendor'), basename(tarball));
  const runtimePkg = JSON.parse(await readFile(join(runtimeRoot(), 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const kafkajs = runtimePkg.dependencies?.['kafkajs'] ?? '^2.2.4';
  const files: Record<string, string> = {
    'package.json': packageJson(doc, `./vendor/${basename(vendored)}`, kafkajs),
    'tsconfig.json': tsconfigJson(),
    'src/topology.ts': generated.files[0]?.content ?? '',
    'src/main.ts': mainTs(doc),
    'test/topology.test.ts': topologyTest(doc),
    'README.md': readme(doc),
    '.gitignore': 'node_modules\ndist\n',
    [`${doc.name}.topology.json`]: serializeDocument(doc),
  };
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, content);
  }
  return {
    dir,
    files: [...Object.keys(files), `vendor/${basename(vendored)}`],
    diagnostics: generated.diagnostics,
  };
}
