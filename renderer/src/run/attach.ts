import { attachedSessionSchema, isLiveSession, type Studio } from '@topograph/api';
import { useRunControls } from './controls.js';
import { useRun } from './run-store.js';
import { windowId } from './window-id.js';

/**
 * Feeds the run store from the host and finds the session this window left running before a reload: the
 * dock shows it again (status, console, taps; metrics follow with the next snapshot). A session whose
 * description this page cannot read is stopped rather than left running unseen. Returns the unsubscribe.
 */
export function connectRun(studio: Studio): () => void {
  const owner = windowId();
  useRun.setState({ owner });
  const unsubscribe = studio.subscribe((event) => useRun.getState().onEvent(event));
  void reattach(studio, owner);
  return unsubscribe;
}

/** Shows this window's live session, if the host has one (also after the host refused a second Run). */
export async function reattach(studio: Studio, owner: string = windowId()): Promise<void> {
  let live: string | undefined;
  try {
    live = (await studio.call('sessions.list', { owner })).find(isLiveSession)?.sessionId;
  } catch {
    return; // A host without sessions (no-host mode) has nothing to reattach.
  }
  if (live === undefined) return;
  // Started again from this page while the list was on its way: that session is the one to show.
  const current = useRun.getState().status;
  if (current !== null && current.sessionId !== live && isLiveSession(current)) return;
  const answer: unknown = await studio.call('sessions.attach', { sessionId: live }).catch(() => null);
  const attached = attachedSessionSchema.safeParse(answer);
  if (attached.success) {
    useRun.getState().adopt(attached.data);
    const { target } = attached.data.status;
    useRunControls.getState().setTarget(target.kind === 'memory' ? 'memory' : `kafka:${target.profileId}`);
  } else await studio.call('sessions.stop', { sessionId: live }).catch(() => undefined);
}
