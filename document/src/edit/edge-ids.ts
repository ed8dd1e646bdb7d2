import type { TopologyDocument } from '../schema/document.js';

// Edge ids, in one place. An edge drawn or pasted in the designer is named after its ends (`a->b`, then
// `a->b-2` …), which reads well in diffs of the document; a document read from code or from describe() numbers
// its edges in reading order (`e1`, `e2` …), so reading the same code twice gives the same ids.

/** A fresh id for a new edge from `source` to `target`: `source->target`, or with `-2`, `-3` … when taken. */
export function nextEdgeId(doc: Pick<TopologyDocument, 'edges'>, source: string, target: string): string {
  const taken = new Set(doc.edges.map((e) => e.id));
  const base = `${source}->${target}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The `n`th edge id of a document read in order (1-based): `e1`, `e2` … */
export const numberedEdgeId = (n: number): string => `e${n}`;

/** The first numbered edge id from `from` on that `taken` does not hold. */
export function freeNumberedEdgeId(taken: ReadonlySet<string>, from = 1): { id: string; next: number } {
  let n = from;
  while (taken.has(numberedEdgeId(n))) n++;
  return { id: numberedEdgeId(n), next: n + 1 };
}
