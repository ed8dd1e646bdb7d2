import * as prettier from 'prettier';
import { validateDocument, type Problem, type TopologyDocument } from '@topograph/document';
import { emitFile, type EmittedFile, type Span } from './emit-file.js';
import { typeCheck, type CheckDiagnostic } from './type-check.js';

export interface GeneratedFile {
  path: string;
  content: string;
}

export interface GenerateOptions {
  /** Type-check the code against the runtime (default true). */
  typeCheck?: boolean;
  /** Shown in the file header; defaults to `<name>.topology.json`. */
  sourceName?: string;
}

export interface GenerateResult {
  files: GeneratedFile[];
  /** Validation problems and type errors, each pinned to a node and config field where possible. */
  diagnostics: Problem[];
  /** Milliseconds spent emitting+formatting and type-checking (for the bench and the status bar). */
  timings: { emitMs: number; checkMs: number };
}

export const TOPOLOGY_FILE = 'topology.ts';

/** Prettier options of generated code (the project's own style). */
export const PRETTIER_OPTIONS: prettier.Options = {
  parser: 'typescript',
  printWidth: 110,
  singleQuote: true,
  trailingComma: 'all',
};

/**
 * Generates `topology.ts` from a document: validated, emitted, formatted with Prettier (so the same document
 * always gives the same bytes), and type-checked in memory with each TypeScript error mapped to the node and
 * config field it came from (line and column counted inside that field's text).
 */
export async function generate(
  doc: TopologyDocument,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const t0 = performance.now();
  const validation = validateDocument(doc);
  const diagnostics = [...validation.problems];
  if (!validation.analysis) return { files: [], diagnostics, timings: { emitMs: 0, checkMs: 0 } };
  const emitted = emitFile(doc, validation.analysis, options.sourceName ?? `${doc.name}.topology.json`);
  const content = await formatFile(emitted, diagnostics);
  const t1 = performance.now();
  if (options.typeCheck !== false)
    diagnostics.push(...typeCheck(emitted.text).map((d) => toProblem(d, emitted)));
  const t2 = performance.now();
  return {
    files: [{ path: TOPOLOGY_FILE, content }],
    diagnostics,
    timings: { emitMs: t1 - t0, checkMs: t2 - t1 },
  };
}

/** Maps a compiler diagnostic on the unformatted file to the node/field whose text it points into. */
export function toProblem(d: CheckDiagnostic, file: EmittedFile): Problem {
  const problem: Problem = {
    severity: d.category === 'error' ? 'error' : 'warning',
    code: `ts${d.code}`,
    message: d.message,
  };
  if (d.start === undefined) return problem;
  const at = d.start;
  const inside = (s: Span): boolean => at >= s.start && at <= s.end;
  const fieldSpan = smallest(file.fieldSpans.filter(inside));
  const span = fieldSpan ?? file.statementSpans.find(inside);
  if (!span) return problem;
  if (span.nodeId !== undefined) problem.nodeId = span.nodeId;
  if (fieldSpan?.field !== undefined) problem.field = fieldSpan.field;
  const { line, column } = lineColumn(file.text.slice(span.start, span.end), at - span.start);
  problem.line = line;
  problem.column = column;
  return problem;
}

const smallest = (spans: Span[]): Span | undefined =>
  spans.reduce<Span | undefined>(
    (best, s) => (!best || s.end - s.start < best.end - best.start ? s : best),
    undefined,
  );

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Formatted pieces by their unformatted text: editing one node reformats one statement. */
const formatCache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

async function formatCached(text: string): Promise<string> {
  const hit = formatCache.get(text);
  if (hit !== undefined) return hit;
  const formatted = await prettier.format(text, PRETTIER_OPTIONS);
  if (formatCache.size >= CACHE_LIMIT) formatCache.delete(formatCache.keys().next().value as string);
  formatCache.set(text, formatted);
  return formatted;
}

const WRAP_OPEN = 'function wrapper() {\n';

/**
 * Formats the file piece by piece (preamble, then each node's statement inside a stand-in function body, so
 * it gets the same indentation as in the file). A piece that does not parse stays unformatted and is reported.
 */
async function formatFile(file: EmittedFile, diagnostics: Problem[]): Promise<string> {
  const { preamble, opening, blocks, closing } = file.parts;
  let out: string;
  try {
    out = await formatCached(preamble);
  } catch (e) {
    diagnostics.push(...syntaxProblem(file, e, preamble, 0));
    out = preamble;
  }
  out += opening;
  const formatted = await Promise.all(
    blocks.map(async (b) => {
      try {
        const f = await formatCached(`${WRAP_OPEN}${b.text}}\n`);
        return f.slice(f.indexOf('\n') + 1, f.lastIndexOf('}'));
      } catch (e) {
        diagnostics.push(...syntaxProblem(file, e, `${WRAP_OPEN}${b.text}`, b.start - WRAP_OPEN.length));
        return b.text;
      }
    }),
  );
  for (const f of formatted) out += `\n${f}`;
  return out + closing;
}

/** A formatter parse error in `piece` (which starts at `pieceOffset` of the file) as a problem on its node. */
function syntaxProblem(file: EmittedFile, e: unknown, piece: string, pieceOffset: number): Problem[] {
  const loc = (e as { loc?: { start?: { line: number; column: number } } }).loc?.start;
  const message = `the generated code does not parse: ${(e as Error).message.split('\n')[0] ?? ''}`;
  if (!loc) return [{ severity: 'error', code: 'syntax', message }];
  const lines = piece.split('\n');
  const offset =
    pieceOffset + lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  // Reuse the span mapping: the syntax error is attributed like a compiler error at the same offset.
  return [toProblem({ code: 1005, message, start: offset, length: 0, category: 'error' }, file)].map((p) => ({
    ...p,
    code: 'syntax',
  }));
}
