// Messages between the host and a replay child (the debugger's process; Node IPC, JSON).
import type { DebugExplanation, DebugSeek, DebugView } from '@topograph/api';

export interface ReplayInit {
  /** The generated `topology.ts` as the user sees it (no tap peeks). */
  code: string;
  applicationId: string;
  /** The `.recording.json` text to replay. */
  recording: string;
  /** A private folder for the transpiled topology (the host creates and removes it). */
  dir: string;
}

export type ReplayRequest =
  { type: 'open' } | { type: 'seek'; to: DebugSeek } | { type: 'explain'; output: number };

export type ReplayHostMessage = { type: 'init'; init: ReplayInit } | ({ id: number } & ReplayRequest);

export type ReplayReply = { view: DebugView } | { explanation: DebugExplanation };

export type ReplayChildMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; result?: ReplayReply; error?: string };
