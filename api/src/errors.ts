/** Why a call failed; `invalid-input` carries the zod issues as `field: message` lines. */
export type StudioErrorCode =
  'invalid-input' | 'unknown-call' | 'unauthorized' | 'not-found' | 'conflict' | 'failed';

/** The one error type every transport rejects with, so the renderer handles failures the same way. */
export class StudioApiError extends Error {
  override name = 'StudioApiError';
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface WireError {
  error: { code: StudioErrorCode; message: string };
}

export const isWireError = (x: unknown): x is WireError =>
  typeof x === 'object' &&
  x !== null &&
  'error' in x &&
  typeof (x as { error: unknown }).error === 'object' &&
  (x as { error: object | null }).error !== null;

/** Unwraps a `{ result } | { error }` reply (the Electron transport) into the result or a StudioApiError. */
export function unwrapReply<T>(reply: unknown): T {
  if (isWireError(reply)) throw new StudioApiError(reply.error.code, reply.error.message);
  return (reply as { result: T }).result;
}
