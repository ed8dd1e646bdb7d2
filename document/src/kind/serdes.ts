import { z } from 'zod';
import { SERDES, type SerdeName } from '../schema/flow.js';
import { call, staticCall, type Expr } from './expr.js';

export { SERDES, type SerdeName };

export const serdeField = (label: string) => z.enum(SERDES).meta({ label, editor: 'select' });

/** A serde a node may leave unset: it then writes with the serde of the records arriving (Kafka's inheritance). */
export const inheritedSerdeField = (label: string) =>
  z.enum(SERDES).optional().meta({
    label,
    editor: 'select',
    unset: 'inherited',
    help: 'Inherited: the serde the records were read with, or one that fits their type (long for numbers, JSON for records).',
  });

/** The TypeScript type a serde produces; json serdes carry their record type. */
export function serdeType(serde: SerdeName, jsonType: string | undefined): string {
  switch (serde) {
    case 'string':
      return 'string';
    case 'long':
    case 'double':
      return 'number';
    case 'bytes':
      return 'Uint8Array';
    case 'json':
      return jsonType ?? 'unknown';
  }
}

/** `Serdes.string()`, `Serdes.json<Order>()` … */
export const serdeExpr = (serde: SerdeName, jsonType: string | undefined): Expr =>
  staticCall('Serdes', call(serde, [], serde === 'json' && jsonType ? [jsonType] : []));

/** The serde name and json type of a `Serdes.x<T>()` expression. */
export function readSerde(e: Expr | undefined): { serde: SerdeName; type?: string } | undefined {
  if (e?.kind !== 'call' || e.root !== 'Serdes' || e.calls.length !== 1) return undefined;
  const c = e.calls[0];
  const serde = SERDES.find((s) => s === c?.method);
  if (!serde || !c) return undefined;
  const type = c.typeArgs[0];
  return type === undefined ? { serde } : { serde, type };
}
