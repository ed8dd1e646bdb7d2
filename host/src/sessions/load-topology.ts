import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { Topology } from '@topograph/runtime';

/**
 * Loads generated TypeScript as an ES module importing the runtime this process already loaded. The
 * inline source map keeps stack traces on `topology.ts` lines, which is how errors are pinned to nodes.
 */
export async function loadTopology(code: string, dir: string): Promise<Topology> {
  return (await loadTopologyBuilder(code, dir, 'topology.mjs'))();
}

/** The module's `buildTopology` itself, for a replay that builds a fresh topology each time it starts over. */
export async function loadTopologyBuilder(
  code: string,
  dir: string,
  fileName: string,
): Promise<() => Topology> {
  const js = ts.transpileModule(code, {
    fileName: 'topology.ts',
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
    },
  }).outputText;
  const runtimeUrl = import.meta.resolve('@topograph/runtime');
  const file = join(dir, fileName);
  await writeFile(file, js.replaceAll(`'@topograph/runtime'`, JSON.stringify(runtimeUrl)));
  const mod = (await import(pathToFileURL(file).href)) as { buildTopology?: () => Topology };
  if (typeof mod.buildTopology !== 'function')
    throw new Error('the generated code exports no buildTopology()');
  return mod.buildTopology;
}
