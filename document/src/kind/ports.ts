import type { DocumentEdge } from '../schema/document.js';
import type { KindSpec, OutputPort } from './spec.js';

// The one rule for ports: every reader of edges (analysis, validation, connect, generator, canvas) asks here
// which port an edge leaves from, so an edge without a handle means the same everywhere.

/** A node's output ports, from its schema-checked config (none while the kind or config is not known). */
export const outputPortsOf = (
  spec: KindSpec | undefined,
  config: Record<string, unknown> | null | undefined,
): OutputPort[] => (spec && config ? spec.outputs(config) : []);

/** The port an edge leaves from: its handle, else its source's first output, else `out`. */
export const sourceHandleOf = (
  edge: Pick<DocumentEdge, 'sourceHandle'>,
  spec: KindSpec | undefined,
  config: Record<string, unknown> | null | undefined,
): string => edge.sourceHandle ?? outputPortsOf(spec, config)[0]?.id ?? 'out';

/** The port an edge enters: its handle, else `in`. */
export const targetHandleOf = (edge: Pick<DocumentEdge, 'targetHandle'>): string => edge.targetHandle ?? 'in';
