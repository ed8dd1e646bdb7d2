/** An edit of a model's text: `rangeLength` characters at `rangeOffset` replaced by `text` (Monaco's shape). */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * The lambda after edits to a snippet whose code spanned [start, start + code.length) before them. Only what
 * falls inside the code counts: an edit that reaches into the hidden context around it (Backspace at the start
 * of the lambda, Delete at its end, a selection that strayed) changes the lambda by its part inside and no more,
 * so the context can be put back exactly.
 */
export function applyToLambda(code: string, start: number, changes: readonly TextChange[]): string {
  // Offsets are those of the text before all the changes: apply them last first.
  const sorted = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  let out = code;
  for (const c of sorted) {
    const from = c.rangeOffset - start;
    const to = from + c.rangeLength;
    if (to < 0 || from > code.length) continue;
    const a = Math.max(0, from);
    const b = Math.min(code.length, to);
    out = out.slice(0, a) + c.text + out.slice(b);
  }
  return out;
}

/** The lambda inside a snippet's text, when the text is that snippet with exactly this prefix and suffix. */
export function lambdaIn(text: string, prefix: string, suffix: string): string | undefined {
  if (!text.startsWith(prefix) || !text.endsWith(suffix) || text.length < prefix.length + suffix.length)
    return undefined;
  return text.slice(prefix.length, text.length - suffix.length);
}
