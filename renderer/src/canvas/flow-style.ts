import type { FlowKind, PaletteGroup } from '@topograph/document';

/** Handle and edge colour per flow kind (CSS variables, so both themes can tune them). */
export const FLOW_COLORS: Record<FlowKind, string> = {
  stream: 'var(--flow-stream)',
  table: 'var(--flow-table)',
  globalTable: 'var(--flow-global)',
  groupedStream: 'var(--flow-grouped)',
  groupedTable: 'var(--flow-grouped)',
  windowedStream: 'var(--flow-windowed)',
  sessionWindowedStream: 'var(--flow-windowed)',
};

/** Accent colour per palette group, for the node header. */
export const GROUP_COLORS: Record<PaletteGroup, string> = {
  Sources: 'var(--group-sources)',
  Stateless: 'var(--group-stateless)',
  Stateful: 'var(--group-stateful)',
  Windows: 'var(--group-windows)',
  Joins: 'var(--group-joins)',
  Sinks: 'var(--group-sinks)',
  Custom: 'var(--group-custom)',
};
