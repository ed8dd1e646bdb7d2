import type { PaletteEntry, PaletteGroup } from '@topograph/document';

/** Keeps the entries whose label, kind or help contains every word of the query; drops empty groups. */
export function filterPalette(
  groups: ReadonlyArray<{ group: PaletteGroup; entries: PaletteEntry[] }>,
  query: string,
): Array<{ group: PaletteGroup; entries: PaletteEntry[] }> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return groups.filter((g) => g.entries.length > 0);
  return groups
    .map((g) => ({
      group: g.group,
      entries: g.entries.filter((e) => {
        const hay = `${e.label} ${e.kind} ${g.group} ${e.help}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      }),
    }))
    .filter((g) => g.entries.length > 0);
}
