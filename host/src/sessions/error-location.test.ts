import { describe, expect, it } from 'vitest';
import { locateError, nodeAtLine, translateLine } from './error-location.js';

const user = [
  'export function buildTopology(): Topology {', // 1
  '  const builder = new StreamsBuilder();', // 2
  '', // 3
  '  const split = text.flatMapValues<string>(', // 4
  '    (value) => {', // 5
  "      throw new Error('x');", // 6
  '    },', // 7
  "    { name: 'split-words' },", // 8
  '  );', // 9
  '', // 10
  "  const byWord = split.groupBy((_k, w) => w, { name: 'by-word' });", // 11
].join('\n');
const run = user.replace(
  '\n\n  const split',
  "\n\n  const tap = text.peek(() => {}, { name: 'topograph-tap-0' });\n\n  const split",
);

describe('pinning errors to nodes', () => {
  it('finds the node whose statement spans a line', () => {
    expect(nodeAtLine(user, 6)).toBe('split-words');
    expect(nodeAtLine(user, 11)).toBe('by-word');
    expect(nodeAtLine(user, 3)).toBeNull();
  });

  it('prefers the node the runtime names and reads the line from the first topology.ts frame', () => {
    const stack = 'Error: x\n    at file:///tmp/s/topology.ts:8:13\n    at runtime.js:1:1';
    expect(locateError(run, stack, 'split-words')).toEqual({ nodeId: 'split-words', line: 8, column: 13 });
    expect(locateError(run, stack, null).nodeId).toBe('split-words');
    expect(locateError(run, null, null)).toEqual({ nodeId: null, line: null, column: null });
  });

  it("maps a line of the instrumented code back to the user's topology.ts", () => {
    expect(translateLine(run, user, 'split-words', 8)).toBe(6);
  });
});
