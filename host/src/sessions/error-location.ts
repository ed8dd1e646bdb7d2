/** Where in the generated file an exception was thrown, and the canvas node whose code that is. */
export interface ErrorLocation {
  nodeId: string | null;
  line: number | null;
  column: number | null;
}

const FRAME = /topology\.(?:ts|mjs):(\d+):(\d+)/;
const NAME = /\bname:\s*'([^']+)'/;

/**
 * Pins an exception to a node: the runtime names the processor (each is named by its canvas node id), and
 * the first stack frame in the generated file gives the line; a frame inside a statement belongs to the node
 * named in that statement's options (`{ name: '<id>' }`, which codegen writes after each lambda).
 */
export function locateError(code: string, stack: string | null, nodeName: string | null): ErrorLocation {
  const match = stack ? FRAME.exec(stack) : null;
  const line = match ? Number(match[1]) : null;
  const column = match ? Number(match[2]) : null;
  const fromStack = line === null ? null : nodeAtLine(code, line);
  return { nodeId: nodeName ?? fromStack, line, column };
}

/** The node whose statement spans `line` (1-based): the first `name:` at or after it before a blank line. */
export function nodeAtLine(code: string, line: number): string | null {
  const lines = code.split('\n');
  for (let i = line - 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '') return null;
    const m = NAME.exec(text);
    if (m?.[1]) return m[1];
  }
  return null;
}

/** First line (1-based) of the statement that names `nodeId`, or null. */
function statementStart(code: string, nodeId: string): number | null {
  const lines = code.split('\n');
  const at = lines.findIndex((l) => l.includes(`name: '${nodeId}'`));
  if (at < 0) return null;
  let i = at;
  while (i > 0 && (lines[i - 1] ?? '').trim() !== '') i--;
  return i + 1;
}

/**
 * The session runs code with tap peeks inserted (instrument.ts), so its lines differ from the `topology.ts`
 * the user sees; a line keeps its offset inside its node's statement, which is the same text in both.
 */
export function translateLine(runCode: string, userCode: string, nodeId: string, line: number): number {
  const inRun = statementStart(runCode, nodeId);
  const inUser = statementStart(userCode, nodeId);
  return inRun === null || inUser === null ? line : line - inRun + inUser;
}
