/** Code generated for one document text under one header name (`codegen.generate`'s `sourceName`). */
export interface Generated {
  /** The serialized document the code was generated from. */
  docText: string;
  sourceName: string;
  code: string;
}

/**
 * What the Code panel's diff compares the live code with: the code of the last save, generated under the same
 * header name as the live code. Anything else (the saved code of an earlier save, or generated before a Save as
 * renamed the header) would show a changed header line, or changes that are not there; then, as when the
 * canvas is the last save, the live code is compared with itself.
 */
export function diffBase(live: Generated, saved: Generated | null, savedText: string): string {
  if (live.docText === savedText) return live.code;
  if (saved === null || saved.docText !== savedText || saved.sourceName !== live.sourceName) return live.code;
  return saved.code;
}
