/**
 * The canvas node a runtime processor belongs to: the designer names processors by node id, and a node built
 * from several processors (a join's windows and sides, a branch) names them `<id>-…`.
 */
export function canvasNodeOf(processor: string, nodeIds: readonly string[]): string | null {
  let best: string | null = null;
  for (const id of nodeIds)
    if ((processor === id || processor.startsWith(`${id}-`)) && (best === null || id.length > best.length))
      best = id;
  return best;
}
