import { isLiveSession, type Studio, type TapTargetKey } from '@topograph/api';
import { useRun } from './run-store.js';

export const edgeTap = (edgeId: string): TapTargetKey => `edge:${edgeId}`;

/** Whether the running session taps this edge. */
export const isTapped = (taps: readonly TapTargetKey[] | undefined, edgeId: string): boolean =>
  taps?.includes(edgeTap(edgeId)) ?? false;

/**
 * Turns the tap on one edge on or off (Taps panel and the canvas edge menu); the host's answer is the
 * session's new set of taps. Throws the host's reason when the edge cannot carry a tap.
 */
export async function setEdgeTap(studio: Studio, edgeId: string, enabled: boolean): Promise<void> {
  const status = useRun.getState().status;
  if (!status || !isLiveSession(status)) throw new Error('run the topology to tap an edge');
  const { taps } = await studio.call('sessions.tap', {
    sessionId: status.sessionId,
    target: { edgeId },
    enabled,
  });
  useRun.getState().setTaps(taps);
}
