const encoder = new TextEncoder();

// TextEncoder#encode pays a fixed native-call cost (hundreds of ns) that dominates for the short strings keys
// and words usually are; copying short ASCII strings byte by byte is several times faster. Longer or
// non-ASCII strings go to TextEncoder, which wins there.
const SHORT = 64;

/** The UTF-8 bytes of a string (identical to `new TextEncoder().encode(value)`). */
export function encodeUtf8(value: string): Uint8Array {
  const length = value.length;
  if (length > SHORT) return encoder.encode(value);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(value);
    out[i] = code;
  }
  return out;
}
