import { isLiveSession, StudioApiError, type RunTarget, type Studio } from '@topograph/api';
import { reattach } from './attach.js';
import { create } from 'zustand';
import { confirmRun } from '../problems/run-gate.js';
import { useDesigner } from '../store/store.js';
import { useRun } from './run-store.js';
import { windowId } from './window-id.js';

/**
 * Run, Stop, Restart and Reset & replay, shared by the Run dock's buttons and the command registry (command
 * palette, native Run menu), with the dock state they read: the chosen target, whether the dock is open, and
 * whether an action is under way or failed.
 */
export type RunTab = 'console' | 'producer' | 'stores' | 'topics' | 'taps' | 'debugger';

export interface RunControls {
  /** `memory`, or `kafka:<profile id>`. */
  target: string;
  open: boolean;
  /** The dock's tab, kept while the dock is collapsed. */
  tab: RunTab;
  busy: boolean;
  error: string | null;
  setTarget(target: string): void;
  setOpen(open: boolean): void;
  setTab(tab: RunTab): void;
}

export const useRunControls = create<RunControls>()((set) => ({
  target: 'memory',
  open: false,
  tab: 'producer',
  busy: false,
  error: null,
  setTarget: (target) => set({ target }),
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab }),
}));

const isActive = (): boolean => {
  const status = useRun.getState().status;
  return status !== null && isLiveSession(status);
};

/** Runs one action at a time; its error is shown in the dock. */
async function act(action: () => Promise<void>): Promise<void> {
  if (useRunControls.getState().busy) return;
  useRunControls.setState({ busy: true, error: null });
  try {
    await action();
  } catch (e) {
    useRunControls.setState({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    useRunControls.setState({ busy: false });
  }
}

/** Starts a session of the document on the canvas on the chosen target and opens the dock. */
export const startRun = (studio: Studio): Promise<void> =>
  act(async () => {
    if (isActive()) return;
    const document = useDesigner.getState().history.present;
    // Code that does not type-check runs only when the user says so, knowing why it does not.
    if (!(await confirmRun(studio, document))) return;
    useRun.getState().reset();
    const { target } = useRunControls.getState();
    const runTarget: RunTarget =
      target === 'memory' ? { kind: 'memory' } : { kind: 'kafka', profileId: target.slice('kafka:'.length) };
    // The host refuses a second session of this window while one runs (one Run, one process): show that one.
    const started = await studio
      .call('sessions.start', { document, target: runTarget, owner: windowId() })
      .catch(async (e: unknown) => {
        if (e instanceof StudioApiError && e.code === 'conflict') await reattach(studio);
        throw e;
      });
    useRun.setState({ status: started });
    useRunControls.setState({ open: true });
  });

export const stopRun = (studio: Studio): Promise<void> =>
  act(async () => {
    const status = useRun.getState().status;
    if (status && isActive()) await studio.call('sessions.stop', { sessionId: status.sessionId });
  });

/**
 * Runs the running session again with the document on the canvas now (its code generated afresh); with `reset`, from
 * empty topics and stores (Kafka: offsets reset). The output of the previous run is cleared.
 */
export const restartRun = (studio: Studio, reset: boolean): Promise<void> =>
  act(async () => {
    const status = useRun.getState().status;
    // After Stop the run is over: restarting it would start a session the user just ended, behind a button that
    // says "Restart" beside ▶ Run (the command palette and the Run menu land here too).
    if (!status || !isActive()) throw new Error('Nothing is running: ▶ Run starts the canvas');
    const document = useDesigner.getState().history.present;
    useRun.getState().clearOutput();
    const restarted = await studio.call('sessions.restart', { sessionId: status.sessionId, reset, document });
    // Again: the old process may have flushed metrics or tapped records until it exited.
    useRun.getState().clearOutput();
    useRun.setState({ status: restarted });
  });
