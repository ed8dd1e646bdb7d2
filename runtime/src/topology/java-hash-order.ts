// Kafka's TopologyDescription iterates java.util.HashSet/HashMap of node and store names, so its text depends
// on Java's hash iteration order. To print byte-identical descriptions we reproduce that order: String#hashCode,
// HashMap's spread (h ^ h>>>16), the power-of-two table that grows at load factor 0.75, buckets in index order
// and insertion order within a bucket (preserved by Java's resize split).

export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function tableSize(count: number): number {
  let capacity = 16;
  while (count > capacity * 0.75) capacity *= 2;
  return capacity;
}

/** The order in which a java.util.HashSet holding `inserted` (added in this order) iterates. */
export function javaHashSetOrder(inserted: Iterable<string>): string[] {
  const items = [...new Set(inserted)];
  const mask = tableSize(items.length) - 1;
  const bucket = (s: string): number => {
    const h = javaStringHash(s);
    return (h ^ (h >>> 16)) & mask;
  };
  return items
    .map((s, i) => ({ s, i, b: bucket(s) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.s);
}

/** java.util.AbstractCollection#toString of a HashSet of strings: `[a, b]`. */
export function javaSetToString(inserted: Iterable<string>): string {
  return `[${javaHashSetOrder(inserted).join(', ')}]`;
}
