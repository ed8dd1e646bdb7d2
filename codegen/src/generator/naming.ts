import { NODE_ID_PATTERN } from '@topograph/document';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'let static yield await implements interface package private protected public as any boolean number string ' +
    'symbol type of builder buildTopology Serdes StreamsBuilder TimeWindows SlidingWindows SessionWindows ' +
    'JoinWindows Suppressed EmitStrategy Topology Windowed ProcessorContext StreamRecord'
  ).split(' '),
);

/** camelCase of a node id (`split-words` → `splitWords`), the variable holding the node's flow. */
export function camelCase(id: string): string {
  if (!NODE_ID_PATTERN.test(id)) throw new Error(`invalid node id "${id}"`);
  const parts = id.split(/[-_]+/).filter((p) => p.length > 0);
  return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** Unique, non-reserved variable names for node ids, in document order. */
export function variableNames(ids: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const id of ids) {
    let base = camelCase(id);
    if (RESERVED.has(base)) base = `${base}Flow`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    names.set(id, name);
  }
  return names;
}
