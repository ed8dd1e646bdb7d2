/** Severity: an error blocks generation; a note is shown on the canvas (e.g. the repartition marker). */
export type ProblemSeverity = 'error' | 'warning' | 'note';

/** One finding about a document, pinned to the node (and config field) that caused it. */
export interface Problem {
  severity: ProblemSeverity;
  /** Stable machine code, e.g. `edge.dangling`, `config.invalid`, `join.copartition`, `repartition`. */
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node's config, e.g. `predicate` or `branches.1.name`. */
  field?: string;
  /** 1-based position inside the field's text (lambda bodies), when the problem comes from the compiler. */
  line?: number;
  column?: number;
}

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');
