import { z } from 'zod';

/** How the inspector edits a config field; read back with `fieldMeta`. */
export type FieldEditor = 'text' | 'code' | 'type' | 'number' | 'duration' | 'select' | 'boolean' | 'list';

export interface FieldMeta {
  label: string;
  editor: FieldEditor;
  help?: string;
  /** For code fields: the lambda's parameters and result, shown above the editor. */
  signature?: string;
  /** For optional selects: what leaving the field unset means, shown as the empty choice. */
  unset?: string;
}

const meta = <T extends z.ZodType>(schema: T, m: FieldMeta): T => schema.meta({ ...m }) as T;

export const textField = (label: string, help?: string) =>
  meta(z.string().min(1, `${label} is required`), { label, editor: 'text', ...(help ? { help } : {}) });

export const codeField = (label: string, signature: string, help?: string) =>
  meta(z.string().trim().min(1, `${label} is required`), {
    label,
    editor: 'code',
    signature,
    ...(help ? { help } : {}),
  });

export const typeField = (label: string, help?: string) =>
  meta(z.string().trim().min(1, `${label} is required`), {
    label,
    editor: 'type',
    ...(help ? { help } : {}),
  });

export const durationField = (label: string, help?: string) =>
  meta(z.number().int(`${label} must be whole milliseconds`).positive(`${label} must be positive`), {
    label,
    editor: 'duration',
    ...(help ? { help } : {}),
  });

export const graceField = (help = 'How long after a window ends late records are still accepted (ms).') =>
  meta(z.number().int('grace must be whole milliseconds').nonnegative('grace cannot be negative'), {
    label: 'Grace',
    editor: 'duration',
    help,
  });

export const booleanField = (label: string, help?: string) =>
  meta(z.boolean(), { label, editor: 'boolean', ...(help ? { help } : {}) });

export const selectField = <const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  help?: string,
) => meta(z.enum(values), { label, editor: 'select', ...(help ? { help } : {}) });

export const countField = (label: string, help?: string) =>
  meta(z.number().int().positive(`${label} must be a positive whole number`), {
    label,
    editor: 'number',
    ...(help ? { help } : {}),
  });

export const historyRetentionField = () =>
  meta(
    z
      .number()
      .int('history retention must be whole milliseconds')
      .nonnegative('history retention cannot be negative'),
    {
      label: 'Versioned (history retention)',
      editor: 'duration',
      help: 'Keeps the table in a versioned store with this much history (KIP-889): stream–table joins read it as of each record’s time, and late updates do not replace newer values.',
    },
  );
