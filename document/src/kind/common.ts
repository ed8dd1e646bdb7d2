import type { FlowInfo, FlowKind } from '../schema/flow.js';
import { FLOW_LABELS } from '../schema/flow.js';
import { code, options, readCode, readProp, readString, str, type Call, type Expr } from './expr.js';
import type { InferError, LambdaType } from './spec.js';

/** `{ name: '<node id>', ...extra }`: every operator is named by its node id so metrics map back. */
export const named = (id: string, extra: Array<[string, Expr | undefined]> = []): Expr =>
  options([['name', str(id)], ...extra]);

/** The `name` of an options object (the node id when parsing). */
export const readName = (e: Expr | undefined): string | undefined => readString(readProp(e, 'name'));

/** A code field as an expression, or undefined when unset. */
export const optionalCode = (text: string | undefined): Expr | undefined =>
  text === undefined ? undefined : code(text);

export const codeArg = (e: Expr | undefined): string | undefined => readCode(e);

/** The single call of a one-call statement with the given method name, or undefined. */
export const only = (calls: readonly Call[], method: string): Call | undefined =>
  calls.length === 1 && calls[0]?.method === method ? calls[0] : undefined;

export const input = (inputs: Readonly<Record<string, FlowInfo>>, port = 'in'): FlowInfo => {
  const info = inputs[port];
  // The validator only calls `infer` once every required port is connected and known.
  if (!info) throw new Error(`input port "${port}" is not connected`);
  return info;
};

export const expectFlow = (
  info: FlowInfo,
  accepted: readonly FlowKind[],
  what: string,
): InferError | undefined =>
  accepted.includes(info.flow)
    ? undefined
    : {
        error: `${what} takes a ${accepted.map((f) => FLOW_LABELS[f]).join(' or ')}, not a ${FLOW_LABELS[info.flow]}`,
      };

/**
 * The same flow with other key/value types (and, when the key changes, a marker for the repartition note). A
 * side whose type changes no longer has the serde it was read with.
 */
export const derive = (info: FlowInfo, change: Partial<FlowInfo>): FlowInfo => {
  const out: FlowInfo = { ...info, ...change };
  if (change.keyType !== undefined && change.keyType !== info.keyType && change.keySerde === undefined)
    delete out.keySerde;
  if (
    change.valueType !== undefined &&
    change.valueType !== info.valueType &&
    change.valueSerde === undefined
  )
    delete out.valueSerde;
  return out;
};

export const isError = (r: unknown): r is InferError =>
  typeof r === 'object' && r !== null && 'error' in r && typeof (r as InferError).error === 'string';

/** Key and value types on a port, `unknown` while it is not connected. */
export const typesOn = (
  inputs: Readonly<Record<string, FlowInfo>>,
  port = 'in',
): { key: string; value: string } => ({
  key: inputs[port]?.keyType ?? 'unknown',
  value: inputs[port]?.valueType ?? 'unknown',
});

/** A lambda type from `[name, type]` pairs. */
export const fn = (params: Array<[string, string]>, result: string): LambdaType => ({
  params: params.map(([name, type]) => ({ name, type })),
  result,
});

/** `T | null` without doubling a null already there. */
export const orNull = (type: string): string =>
  /\|\s*null\s*$/.test(type) ? type : type.includes('=>') ? `(${type}) | null` : `${type} | null`;
