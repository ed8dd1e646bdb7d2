import {
  formatSessionError,
  type AttachedSession,
  type MetricsEvent,
  type NodeMetricsView,
  type SessionErrorEvent,
  type SessionStatus,
  type StudioEvent,
  type TapTargetKey,
  type TopicRecord,
} from '@topograph/api';
import { create } from 'zustand';

const CONSOLE_LIMIT = 500;
const TAP_LIMIT = 100;

export interface ConsoleLine {
  seq: number;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

export interface RunState {
  /** This window's id: status events of sessions other windows start are not this dock's. */
  owner: string | null;
  status: SessionStatus | null;
  nodes: Record<string, NodeMetricsView>;
  edges: Record<string, number>;
  stores: MetricsEvent['stores'];
  sources: MetricsEvent['sources'];
  console: ConsoleLine[];
  errors: SessionErrorEvent[];
  /** Tapped records; which taps are on is the session's (`status.taps`). */
  taps: Partial<Record<TapTargetKey, TopicRecord[]>>;
  /** While paused the tap list is frozen so one record can be inspected. */
  tapsPaused: boolean;
  seq: number;
  onEvent(event: StudioEvent): void;
  /** Forgets the session's output (metrics, console, errors, tapped records), keeping its status. */
  clearOutput(): void;
  /** Forgets the session altogether: the dock is idle. */
  reset(): void;
  /** Shows a session this page did not start (after a reload), with its recent console output. */
  adopt(attached: AttachedSession): void;
  setTaps(taps: TapTargetKey[]): void;
  setTapsPaused(paused: boolean): void;
}

const noOutput = {
  nodes: {},
  edges: {},
  stores: [],
  sources: [],
  console: [],
  errors: [],
  taps: {},
};

/** What the run panel and the canvas overlays show, fed by the host's session events. */
export const useRun = create<RunState>((set, get) => ({
  owner: null,
  status: null,
  ...noOutput,
  tapsPaused: false,
  seq: 0,
  clearOutput: () => set({ ...noOutput }),
  reset: () => set({ ...noOutput, status: null }),
  adopt: ({ status, console }) => {
    const seq = get().seq;
    set({
      ...noOutput,
      status,
      seq: seq + console.length,
      console: console
        .slice(-CONSOLE_LIMIT)
        .map((l, i) => ({ seq: seq + i + 1, stream: l.stream, text: l.text })),
    });
  },
  setTaps: (taps) => {
    const status = get().status;
    if (status) set({ status: { ...status, taps } });
  },
  setTapsPaused: (tapsPaused) => set({ tapsPaused }),
  onEvent(event) {
    const s = get();
    if (event.type === 'status') {
      const ours = event.status.sessionId === s.status?.sessionId;
      const ownStart =
        event.status.state === 'starting' && s.owner !== null && event.status.owner === s.owner;
      if (!ours && !ownStart) return;
      set({ status: event.status });
      if (event.status.reason && event.status.state === 'failed')
        pushConsole(set, get, 'system', `session ${event.status.state}: ${event.status.reason}\n`);
      return;
    }
    if (s.status?.sessionId !== event.sessionId) return;
    switch (event.type) {
      case 'metrics':
        set({
          nodes: Object.fromEntries(event.nodes.map((n) => [n.nodeId, n])),
          edges: Object.fromEntries(event.edges.map((e) => [e.edgeId, e.perSec])),
          stores: event.stores,
          sources: event.sources,
        });
        break;
      case 'console':
        pushConsole(set, get, event.stream, event.text);
        break;
      case 'error':
        set({ errors: [...s.errors.slice(-49), event] });
        pushConsole(set, get, 'stderr', formatSessionError(event));
        break;
      case 'tap': {
        if (s.tapsPaused) return;
        const previous = s.taps[event.tap] ?? [];
        set({ taps: { ...s.taps, [event.tap]: [...previous, ...event.records].slice(-TAP_LIMIT) } });
        break;
      }
    }
  },
}));

function pushConsole(
  set: (p: Partial<RunState>) => void,
  get: () => RunState,
  stream: ConsoleLine['stream'],
  text: string,
): void {
  const s = get();
  const seq = s.seq + 1;
  set({ seq, console: [...s.console.slice(-(CONSOLE_LIMIT - 1)), { seq, stream, text }] });
}
