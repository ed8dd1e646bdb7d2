import { z } from 'zod';
import { call, staticCall, type Expr } from './expr.js';

export const SERDES = ['string', 'json', 'long', 'double', 'bytes'] as const;
export type SerdeName = (typeof SERDES)[number];

export const serdeField = (label: string) => z.enum(SERDES).meta({ label, editor: 'select' });

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
