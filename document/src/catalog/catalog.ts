import { z } from 'zod';
import type { FieldMeta } from '../kind/fields.js';
import { customKinds } from './kinds/custom.js';
import { foreignKeyJoinKind } from './kinds/foreign-key-join.js';
import { joinKinds } from './kinds/joins.js';
import { sinkKinds } from './kinds/sinks.js';
import { sourceKinds } from './kinds/sources.js';
import { statefulKinds, suppressKind } from './kinds/stateful.js';
import { statelessKinds, terminalLambdaKinds } from './kinds/stateless.js';
import { windowKinds } from './kinds/windows.js';
import { PALETTE_GROUPS, type KindSpec, type PaletteGroup } from '../kind/spec.js';

const ALL: KindSpec[] = [
  ...sourceKinds,
  ...statelessKinds,
  ...statefulKinds,
  ...windowKinds,
  suppressKind,
  ...joinKinds,
  foreignKeyJoinKind,
  ...sinkKinds,
  ...terminalLambdaKinds,
  ...customKinds,
];

/** Every node kind, by kind name. The single source of truth for palette, inspector, validation and codegen. */
export const CATALOG: ReadonlyMap<string, KindSpec> = new Map(ALL.map((k) => [k.kind, k]));

export const KIND_NAMES: readonly string[] = ALL.map((k) => k.kind);

export const getKind = (kind: string): KindSpec | undefined => CATALOG.get(kind);

export interface PaletteEntry {
  kind: string;
  label: string;
  help: string;
}

/** The palette: groups in display order, each with its kinds. */
export const palette = (): Array<{ group: PaletteGroup; entries: PaletteEntry[] }> =>
  PALETTE_GROUPS.map((group) => ({
    group,
    entries: ALL.filter((k) => k.group === group).map((k) => ({
      kind: k.kind,
      label: k.label,
      help: k.help,
    })),
  }));

export interface ConfigField extends FieldMeta {
  name: string;
  required: boolean;
  /** Choices of select fields. */
  options?: string[];
  /** Sub-fields of list fields (e.g. a branch's name and predicate). */
  itemFields?: ConfigField[];
}

/** The inspector form of a kind, read from its config schema's field metadata. */
export function configFields(kind: string): ConfigField[] {
  const spec = CATALOG.get(kind);
  return spec ? fieldsOf(spec.config) : [];
}

function fieldsOf(schema: z.ZodType): ConfigField[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) =>
    describeField(name, field),
  );
}

function describeField(name: string, field: z.ZodType): ConfigField {
  const required = !(field instanceof z.ZodOptional);
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  const meta = (field.meta() ?? inner.meta() ?? {}) as Partial<FieldMeta>;
  const out: ConfigField = {
    name,
    required,
    label: meta.label ?? name,
    editor: meta.editor ?? 'text',
    ...(meta.help !== undefined ? { help: meta.help } : {}),
    ...(meta.signature !== undefined ? { signature: meta.signature } : {}),
    ...(meta.unset !== undefined ? { unset: meta.unset } : {}),
  };
  if (inner instanceof z.ZodEnum) out.options = inner.options.map(String);
  if (inner instanceof z.ZodArray) out.itemFields = fieldsOf(inner.element as z.ZodType);
  return out;
}
