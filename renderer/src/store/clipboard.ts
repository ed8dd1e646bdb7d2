import type { Clip } from '@topograph/document';

// The clipboard's text format; copying and pasting themselves are edits of the document (@topograph/document).

export const CLIP_MIME = 'application/x-topograph-clip';

/** Reads a clip back from clipboard text; null when the text is not one of ours. */
export function parseClip(text: string): Clip | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; nodes?: unknown; edges?: unknown };
    if (v.type !== CLIP_MIME || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return null;
    return { nodes: v.nodes as Clip['nodes'], edges: v.edges as Clip['edges'] };
  } catch {
    return null;
  }
}

export const clipText = (clip: Clip): string => JSON.stringify({ type: CLIP_MIME, ...clip });
