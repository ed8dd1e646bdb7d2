import type { TableState } from '../../dsl/table-processors.js';

/**
 * What suppress() needs to know about a windowed table: its window grace. Kept beside the table's shared state
 * object (the one KTable#internals exposes), so it follows the table without widening the KTable class.
 */
const windowedTables = new WeakMap<TableState, { readonly graceMs: number }>();

export function registerWindowedTable(state: TableState, graceMs: number): void {
  windowedTables.set(state, { graceMs });
}

export function windowedTableGrace(state: TableState): number | undefined {
  return windowedTables.get(state)?.graceMs;
}
