import type { RunTarget, Studio } from '@topograph/api';
import { create } from 'zustand';
import { confirmRun } from '../problems/run-gate.js';
import { useDesigner } from '../store/store.js';
import { useRun } from './run-store.js';

/**
 * Run, Stop, Restart and Reset & replay, shared by the Run dock's buttons and the command registry (command
 * palette, native Run menu), with the dock state they read: the chosen target, whether the dock is open, and
 * whether an action is under way or failed.
 */
export interface RunControls {
  /** `memory`, or `kafka:<profile id>`. */
  target: string;
  open: boolean;
  busy: boolean;
  error: string | null;
  setTarget(target: string): void;
  setOpen(open: boolean): void;
}

export const useRunControls = create<RunControls>()((set) => ({
  target: 'memory',
  open: false,
  busy: false,
  error: null,
  setTarget: (target) => set({ target }),
  setOpen: (open) => set({ open }),
}));

const isActive = (): boolean => {
  const state = useRun.getState().status?.state;
  return state === 'running' || state === 'starting';
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
    useRun.getState().clear();
    const { target } = useRunControls.getState();
    const runTarget: RunTarget =
      target === 'memory' ? { kind: 'memory' } : { kind: 'kafka', profileId: target.slice('kafka:'.length) };
    const started = await studio.call('sessions.start', { document, target: runTarget });
    useRun.setState({ status: started });
    useRunControls.setState({ open: true });
  });

export const stopRun = (studio: Studio): Promise<void> =>
  act(async () => {
    const status = useRun.getState().status;
    if (status && isActive()) await studio.call('sessions.stop', { sessionId: status.sessionId });
  });

/** Runs the last session again; with `reset`, from empty topics and stores (Kafka: offsets reset). */
export const restartRun = (studio: Studio, reset: boolean): Promise<void> =>
  act(async () => {
    const status = useRun.getState().status;
    if (!status) return;
    useRun.getState().clear();
    useRun.setState({
      status: await studio.call('sessions.restart', { sessionId: status.sessionId, reset }),
    });
  });
