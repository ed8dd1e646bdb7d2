/** Where an exported project keeps the describe() of the version that is deployed. */
export const BASELINE_FILE = 'compat/deployed.describe.txt';

/**
 * The exported project's upgrade check (it has no Topograph to run the whole analysis): every store and
 * repartition topic the deployed version's describe() names must still be there, or the new version starts
 * with empty state or strands records. Compiled to dist/test/ and run by `npm test`.
 */
export function compatTest(): string {
  return `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTopology } from '../src/topology.js';

// Compiled to dist/test/: the project's root is two folders up.
const baseline = readFileSync(new URL('../../${BASELINE_FILE}', import.meta.url), 'utf8');

/** The stores and internal topics a describe() text names: what a running application keeps. */
function kept(text: string): string[] {
  const lists = (label: string): string[] =>
    [...text.matchAll(new RegExp(\`\${label}:\\\\s*\\\\[?([^\\\\])]*)\`, 'g'))].flatMap((m) =>
      (m[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    );
  const stores = lists('stores').map((s) => \`store \${s}\`);
  const sunk = new Set(lists('topic'));
  const internal = lists('topics')
    .filter((t) => sunk.has(t) && /-(repartition|subscription-registration-topic|subscription-response-topic)$/.test(t))
    .map((t) => \`topic \${t}\`);
  return [...new Set([...stores, ...internal])].sort();
}

test('keeps the stores and repartition topics of the deployed version (${BASELINE_FILE})', () => {
  const now = new Set(kept(buildTopology().describe().toString()));
  const lost = kept(baseline).filter((name) => !now.has(name));
  assert.deepEqual(
    lost,
    [],
    \`the new version loses state or strands records of the deployed one: \${lost.join(', ')}. Pin the old names \` +
      '(Topograph: Upgrade panel, or topograph compat --fix), or plan a reset with kafka-streams-application-reset; ' +
      'after deploying, write the new describe() to ${BASELINE_FILE}.',
  );
});
`;
}

/** The exported README's paragraph on the upgrade check. */
export const compatReadme = (): string => `
## Upgrade check

\`${BASELINE_FILE}\` is the \`describe()\` of the version that is deployed. \`test/compat.test.ts\` (part of
\`npm test\`) fails when this version no longer has one of its state stores or repartition topics: deployed,
it would start with empty state or leave records unread. Pin the old names (Topograph's Upgrade panel, or
\`topograph compat --fix\`), or plan a reset with \`kafka-streams-application-reset\`. After each deployment,
write the deployed version's \`buildTopology().describe()\` to that file.
`;
