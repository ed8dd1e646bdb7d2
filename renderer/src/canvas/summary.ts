import { configFields } from '@topograph/document';

/** The few config values worth showing on a node at a glance (topic, window size, key type …). */
export function keyConfig(kind: string, config: Record<string, unknown>, max = 2): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const f of configFields(kind)) {
    if (out.length >= max) break;
    const v = config[f.name];
    if (v === undefined || v === '' || f.editor === 'list') continue;
    const text = f.editor === 'duration' && typeof v === 'number' ? formatMs(v) : oneLine(String(v));
    out.push([f.label, text]);
  }
  return out;
}

const oneLine = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 36 ? `${flat.slice(0, 35)}…` : flat;
};

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
