import type { IncomingMessage } from 'node:http';

/** Why a body was not read: too large (413) or not finished in time (408). */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 408,
    message: string,
  ) {
    super(message);
  }
}

export interface BodyLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Time the whole body may take to arrive, from the end of the headers. */
  timeoutMs: number;
}

/**
 * Reads a request body within the limits. A body announced larger than the limit is refused before any of it
 * is read; one that grows past it mid-way stops being kept (the rest is drained, so the client can read the
 * answer instead of seeing its connection reset). A body that trickles or never ends is cut by the timeout.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed: BodyError | null = null;
    // Runs until the body ends, also while a refused body is drained: an endless one is cut off here.
    const timer = setTimeout(() => {
      if (failed) req.socket.destroy();
      else fail(new BodyError(408, `the request body did not arrive within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    const fail = (e: BodyError): void => {
      if (failed) return;
      failed = e;
      chunks.length = 0;
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limits.maxBytes) fail(tooLarge(limits.maxBytes));
      else chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => {
      clearTimeout(timer);
      fail(new BodyError(408, 'the request body was cut off'));
    });
    req.on('close', () => clearTimeout(timer));
    if (Number(req.headers['content-length']) > limits.maxBytes) fail(tooLarge(limits.maxBytes));
  });
}

const tooLarge = (max: number): BodyError =>
  new BodyError(413, `the request body is larger than the limit of ${max} bytes`);
