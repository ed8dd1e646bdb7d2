/**
 * Makes a runtime value safe for JSON (IPC and WebSocket): bigints become numbers when exact, else strings;
 * bytes become base64; windowed keys and plain objects pass through with their fields converted.
 */
export function toWire(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return null;
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => toWire(v, depth + 1));
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), toWire(v, depth + 1)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toWire(v, depth + 1);
  return out;
}
