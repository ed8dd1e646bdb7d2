import * as prettier from 'prettier';
import type { TopologyDocument } from '../model/document.js';
import type { Problem } from '../model/problem.js';
import { validateDocument } from '../model/validate.js';
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
  let content: string;
  try {
    content = await prettier.format(emitted.text, PRETTIER_OPTIONS);
  } catch (e) {
    // A lambda that does not parse cannot be formatted; keep the unformatted code and report where.
    content = emitted.text;
    diagnostics.push(...syntaxProblem(emitted, e));
  }
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

function syntaxProblem(file: EmittedFile, e: unknown): Problem[] {
  const loc = (e as { loc?: { start?: { line: number; column: number } } }).loc?.start;
  const message = `the generated code does not parse: ${(e as Error).message.split('\n')[0] ?? ''}`;
  if (!loc) return [{ severity: 'error', code: 'syntax', message }];
  const lines = file.text.split('\n');
  const offset = lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  // Reuse the span mapping: the syntax error is attributed like a compiler error at the same offset.
  return [toProblem({ code: 1005, message, start: offset, length: 0, category: 'error' }, file)].map((p) => ({
    ...p,
    code: 'syntax',
  }));
}
