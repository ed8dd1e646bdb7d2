/**
 * Infers a TypeScript type expression from sample JSON records: object fields seen in only some samples
 * become optional, differing types become unions, arrays take the union of their elements.
 */
export function inferTypeDeclaration(
  samples: readonly unknown[],
): { declaration: string } | { error: string } {
  if (samples.length === 0) return { error: 'no sample records to infer a type from' };
  try {
    return { declaration: render(samples.map(shapeOf).reduce(merge), '') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

type Shape =
  | { t: 'prim'; names: Set<string> }
  | {
      t: 'obj';
      fields: Map<string, { shape: Shape; seen: number }>;
      count: number;
      nullable: boolean;
      prims: Set<string>;
    }
  | { t: 'arr'; element: Shape | null; nullable: boolean; prims: Set<string> };

const MAX_DEPTH = 32;

function shapeOf(v: unknown, depth = 0): Shape {
  if (depth > MAX_DEPTH) throw new Error(`samples nest deeper than ${MAX_DEPTH} levels`);
  if (v === null) return { t: 'prim', names: new Set(['null']) };
  if (Array.isArray(v)) {
    const element = v.length === 0 ? null : v.map((x) => shapeOf(x, depth + 1)).reduce(merge);
    return { t: 'arr', element, nullable: false, prims: new Set() };
  }
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return { t: 'prim', names: new Set([typeof v]) };
    case 'object': {
      const fields = new Map<string, { shape: Shape; seen: number }>();
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        fields.set(k, { shape: shapeOf(x, depth + 1), seen: 1 });
      return { t: 'obj', fields, count: 1, nullable: false, prims: new Set() };
    }
    default:
      throw new Error(`samples must be JSON, found a ${typeof v}`);
  }
}

function merge(a: Shape, b: Shape): Shape {
  if (a.t === 'prim' && b.t === 'prim') return { t: 'prim', names: new Set([...a.names, ...b.names]) };
  if (a.t === 'prim') return merge(b, a);
  if (b.t === 'prim') return { ...a, prims: new Set([...a.prims, ...b.names]) };
  if (a.t === 'obj' && b.t === 'obj') {
    const fields = new Map(a.fields);
    for (const [k, f] of b.fields) {
      const existing = fields.get(k);
      fields.set(k, existing ? { shape: merge(existing.shape, f.shape), seen: existing.seen + f.seen } : f);
    }
    return {
      t: 'obj',
      fields,
      count: a.count + b.count,
      nullable: false,
      prims: new Set([...a.prims, ...b.prims]),
    };
  }
  if (a.t === 'arr' && b.t === 'arr') {
    const element = a.element && b.element ? merge(a.element, b.element) : (a.element ?? b.element);
    return { t: 'arr', element, nullable: false, prims: new Set([...a.prims, ...b.prims]) };
  }
  throw new Error('samples mix objects and arrays in the same place');
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function render(s: Shape, indent: string): string {
  if (s.t === 'prim') return [...s.names].sort().join(' | ');
  const extra = [...s.prims].sort();
  let body: string;
  if (s.t === 'arr') {
    const el = s.element ? render(s.element, indent) : 'unknown';
    body = /[|{]/.test(el) ? `Array<${el}>` : `${el}[]`;
  } else {
    const inner = `${indent}  `;
    const lines = [...s.fields.entries()].map(([k, f]) => {
      const name = IDENT.test(k) ? k : JSON.stringify(k);
      return `${inner}${name}${f.seen < s.count ? '?' : ''}: ${render(f.shape, inner)};`;
    });
    body = lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
  }
  return [body, ...extra].join(' | ');
}
