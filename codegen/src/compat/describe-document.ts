// Node-only: generates the document's code and builds it to read its describe().
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { Topology } from '@topograph/runtime';
import { generate } from '../generator/generate.js';
import {
  type TopologyDocument,
  hasErrors,
  footprintFromDocument,
  type Fix,
  applyFix,
  type Footprint,
  compatReport,
  type CompatReport,
} from '@topograph/document';

/** describe() of generated or hand-written code exporting `buildTopology()`, run against this runtime. */
export async function describeCode(code: string): Promise<string> {
  const js = ts.transpileModule(code, {
    fileName: 'topology.ts',
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const dir = await mkdtemp(join(tmpdir(), 'topograph-compat-'));
  try {
    const file = join(dir, 'topology.mjs');
    await writeFile(
      file,
      js.replaceAll(`'@topograph/runtime'`, JSON.stringify(import.meta.resolve('@topograph/runtime'))),
    );
    const mod = (await import(pathToFileURL(file).href)) as { buildTopology?: () => Topology };
    if (typeof mod.buildTopology !== 'function') throw new Error('the code exports no buildTopology()');
    return mod.buildTopology().describe().toString();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * describe() of the topology a document generates. A document with errors still names its stores and topics
 * when its code builds (a co-partitioning error is for the start, not the build); otherwise this fails naming
 * the errors.
 */
export async function describeDocument(doc: TopologyDocument): Promise<string> {
  const result = await generate(doc, { typeCheck: false });
  try {
    return await describeCode(result.files[0]?.content ?? '');
  } catch (e) {
    if (!hasErrors(result.diagnostics)) throw e;
    throw new Error(
      `"${doc.name}" has errors: ${result.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => (d.nodeId ? `[${d.nodeId}] ${d.message}` : d.message))
        .join('; ')}`,
    );
  }
}

export async function documentFootprint(doc: TopologyDocument): Promise<Footprint> {
  return footprintFromDocument(doc, await describeDocument(doc));
}

/**
 * Applies the offered fixes until none is left: pinning a generated store name stops that operator drawing
 * from Kafka's name counter, which moves the generated names after it, so the result is analysed again.
 */
export async function fixDocument(
  baseline: Footprint,
  doc: TopologyDocument,
): Promise<{ document: TopologyDocument; report: CompatReport; applied: Fix[] }> {
  let document = doc;
  const applied: Fix[] = [];
  for (let round = 0; ; round++) {
    const report = compatReport(baseline, await documentFootprint(document), document);
    const fixes = report.changes.flatMap((c) => (c.fix ? [c.fix] : []));
    // Each round pins at least one more name, and a document has finitely many; the bound only guards a bug.
    if (fixes.length === 0 || round === 10) return { document, report, applied };
    for (const f of fixes) document = applyFix(document, f);
    applied.push(...fixes);
  }
}
