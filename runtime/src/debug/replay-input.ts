import type { Headers } from '../processor/api.js';

/** One recorded input record, as a replay pipes it (its own module: the replay and the why-explainer both read it). */
export interface ReplayInput {
  readonly topic: string;
  /** The partition it was recorded on (the driver runs everything as partition 0). */
  readonly partition: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly timestamp: number;
  readonly headers?: Headers;
}
