import type { z } from 'zod';
import type { Problem } from './problem.js';

/** Turns schema issues into problems, naming the node (by id) and config field where the path allows. */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[], doc: unknown): Problem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const problem: Problem = {
      severity: 'error',
      code: 'document.schema',
      message: path.length > 0 ? `${path.join('.')}: ${issue.message}` : issue.message,
    };
    if (path[0] === 'nodes' && path[1] !== undefined) {
      const id = nodeIdAt(doc, Number(path[1]));
      if (id !== undefined) problem.nodeId = id;
      if (path[2] === 'config' && path.length > 3) problem.field = path.slice(3).join('.');
    }
    return problem;
  });
}

function nodeIdAt(doc: unknown, index: number): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const nodes = (doc as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  const node: unknown = nodes[index];
  if (typeof node !== 'object' || node === null) return undefined;
  const id = (node as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
