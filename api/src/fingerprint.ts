import { serializeDocument, type TopologyDocument } from '@topograph/document';

/**
 * What a run depends on, as a short hash: the document's canonical text with every position zeroed, so moving
 * a node does not make a running session look out of date while any change of logic, serde or type does. The
 * host stamps it on a session; the dock compares it with the canvas.
 */
export function runFingerprint(doc: TopologyDocument): string {
  const text = serializeDocument({
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
  });
  return hash53(text);
}

/** cyrb53: a fast 53-bit string hash, the same in Node and the browser (no crypto API needed, no await). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
