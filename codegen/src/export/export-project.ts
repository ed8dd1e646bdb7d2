import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as prettier from 'prettier';
import { hasErrors, serializeDocument, type Problem, type TopologyDocument } from '@topograph/document';
import { generate, PRETTIER_OPTIONS } from '../generator/generate.js';
import {
  documentFileName,
  driftTest,
  mainTs,
  packageJson,
  readme,
  topologyTest,
  tsconfigJson,
} from './project-files.js';
import { runTopology } from './run-topology.js';
import { BASELINE_FILE, compatReadme, compatTest } from './compat-step.js';
import { copyInto, packRuntime, runtimeRoot } from './runtime-tarball.js';

export interface ExportOptions {
  /**
   * describe() of the version that is deployed: written to compat/deployed.describe.txt, and `npm test`
   * then fails when the exported version drops one of its stores or repartition topics.
   */
  compatBaseline?: string;
}

export interface ExportResult {
  dir: string;
  files: string[];
  diagnostics: Problem[];
}

/** The exported project's Prettier settings: the style its generated code is written in. */
const { parser: _typescriptOnly, ...projectStyle } = PRETTIER_OPTIONS;

const sha256 = (text: string): string =>
  createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');

/**
 * Writes a standalone project for a document: package.json (runtime vendored as a tarball, kafkajs from
 * npm), a strict tsconfig (no unused locals), src/topology.ts, src/main.ts, a TopologyTestDriver test of the
 * sample records, a drift check, the document itself and a README, all Prettier-clean, so the folder can be
 * committed as it is. With a deployed baseline, also the upgrade check. Refuses documents with errors (their
 * code would not compile).
 */
export async function exportProject(
  doc: TopologyDocument,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
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
  const documentFile = documentFileName(doc);
  const topology = generated.files[0]?.content ?? '';
  const documentText = serializeDocument(doc);
  const sources: Record<string, string> = {
    'package.json': packageJson(doc, `./vendor/${basename(vendored)}`, kafkajs),
    'tsconfig.json': tsconfigJson(),
    'src/topology.ts': topology,
    'src/main.ts': mainTs(doc),
    'test/topology.test.ts': topologyTest(doc, await observedOutputs(doc)),
    'README.md': readme(doc) + (options.compatBaseline !== undefined ? compatReadme() : ''),
    '.prettierrc.json': `${JSON.stringify(projectStyle, null, 2)}\n`,
    '.prettierignore': `node_modules\ndist\nvendor\n${documentFile}\n${options.compatBaseline !== undefined ? 'compat\n' : ''}`,
    '.gitignore': 'node_modules\ndist\n',
    ...(options.compatBaseline !== undefined ? { 'test/compat.test.ts': compatTest() } : {}),
  };
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(sources))
    files[path] = path.startsWith('.')
      ? content
      : await prettier.format(content, { ...projectStyle, filepath: path });
  // The document keeps the designer's own layout (one line per node); it is hashed as written.
  files[documentFile] = documentText;
  if (options.compatBaseline !== undefined) files[BASELINE_FILE] = options.compatBaseline;
  const drift = driftTest(doc, {
    topology: sha256(files['src/topology.ts'] ?? ''),
    document: sha256(documentText),
  });
  files['test/generated.test.ts'] = await prettier.format(drift, {
    ...projectStyle,
    filepath: 'generated.test.ts',
  });
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

/**
 * What each sink topic receives from the sample records, run here in TopologyTestDriver: the exported test
 * asserts it. Null when this process cannot run the generated code; the test then only prints the outputs.
 */
async function observedOutputs(
  doc: TopologyDocument,
): Promise<Map<string, Array<{ key: unknown; value: unknown }>> | null> {
  if (Object.keys(doc.settings.testData ?? {}).length === 0) return new Map();
  try {
    const result = await runTopology(doc);
    if (!result.ok) return null;
    const out = new Map<string, Array<{ key: unknown; value: unknown }>>();
    for (const r of result.outputs)
      out.set(r.topic, [...(out.get(r.topic) ?? []), { key: r.key, value: r.value }]);
    return out;
  } catch {
    return null;
  }
}
