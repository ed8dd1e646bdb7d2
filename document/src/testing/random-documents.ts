import { KIND_NAMES, getKind } from '../catalog/catalog.js';
import type { TopologyDocument } from '../schema/document.js';

/** A small seeded PRNG (mulberry32): fuzz runs are reproducible from their seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  ' ',
  'x',
  '(',
  '() =>',
  '((',
  true,
  [],
  {},
  [1, 2],
  { a: 1 },
  'Windowed<',
];

/**
 * A random document: real kinds with default or mutated configs, and edges that are mostly plausible but
 * sometimes dangling, duplicated, cyclic or on wrong ports.
 */
export function randomDocument(rand: () => number): TopologyDocument {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const n = 1 + Math.floor(rand() * 12);
  const nodes = Array.from({ length: n }, (_, i) => {
    const kind = rand() < 0.03 ? 'no.such.kind' : pick(KIND_NAMES);
    const id = rand() < 0.03 ? pick(['n1', 'n-1', 'x', 'n0']) : `n${i}`;
    const config: Record<string, unknown> = {
      ...((getKind(kind)?.defaults(id) ?? {}) as Record<string, unknown>),
    };
    for (const key of Object.keys(config)) {
      const r = rand();
      if (r < 0.05) delete config[key];
      else if (r < 0.1) config[key] = pick(WEIRD);
    }
    if (rand() < 0.05) config[pick(['extra', 'graceMs', 'keyType', 'branches'])] = pick(WEIRD);
    return {
      id,
      kind,
      ...(rand() < 0.2 ? { label: pick(['A label', '', 'multi\nline', '*/ end']) } : {}),
      position: { x: Math.floor(rand() * 2000 - 1000), y: Math.floor(rand() * 2000 - 1000) },
      config,
    };
  });
  const ids = nodes.map((x) => x.id);
  const edgeCount = Math.floor(rand() * n * 1.5);
  const edges = Array.from({ length: edgeCount }, (_, i) => {
    const source = rand() < 0.03 ? 'ghost' : pick(ids);
    const target = rand() < 0.03 ? 'ghost' : pick(ids);
    return {
      id: rand() < 0.03 ? 'e0' : `e${i}`,
      source,
      ...(rand() < 0.2 ? { sourceHandle: pick(['out', 'matched', 'other', 'nope']) } : {}),
      target,
      ...(rand() < 0.3 ? { targetHandle: pick(['in', 'right', 'other', 'nope']) } : {}),
    };
  });
  return {
    version: 2,
    name: 'fuzz',
    types: rand() < 0.3 ? [{ name: 'Rec', samples: [{ a: 1, b: 'x' }, { a: 2 }] }] : [],
    nodes,
    edges,
    settings: rand() < 0.3 ? { topics: { t: { partitions: 1 + Math.floor(rand() * 4) } } } : {},
  };
}

/** Flips, drops or duplicates a few characters of a text. */
export function mutateText(text: string, rand: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * s.length);
    const r = rand();
    if (r < 0.33) s = s.slice(0, at) + s.slice(at + 1);
    else if (r < 0.66)
      s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + s.slice(at + 1);
    else s = s.slice(0, at) + s.slice(at, at + 8) + s.slice(at);
  }
  return s;
}
