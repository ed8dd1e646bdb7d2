import type {
  MetricsEvent,
  NodeMetricsView,
  SessionErrorEvent,
  SessionStatus,
  Studio,
  StudioEvent,
  TapTargetKey,
  TopicRecord,
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
  status: SessionStatus | null;
  nodes: Record<string, NodeMetricsView>;
  edges: Record<string, number>;
  stores: MetricsEvent['stores'];
  sources: MetricsEvent['sources'];
  console: ConsoleLine[];
  errors: SessionErrorEvent[];
  taps: Partial<Record<TapTargetKey, TopicRecord[]>>;
  /** While paused the tap list is frozen so one record can be inspected. */
  tapsPaused: boolean;
  /** Edges the user tapped (kept here so switching tabs keeps them). */
  activeTaps: string[];
  seq: number;
  onEvent(event: StudioEvent): void;
  clear(): void;
  setTapsPaused(paused: boolean): void;
}

const empty = {
  nodes: {},
  edges: {},
  stores: [],
  sources: [],
  console: [],
  errors: [],
  taps: {},
  activeTaps: [],
};

/** What the run panel and the canvas overlays show, fed by the host's session events. */
export const useRun = create<RunState>((set, get) => ({
  status: null,
  ...empty,
  tapsPaused: false,
  seq: 0,
  clear: () => set({ ...empty }),
  setTapsPaused: (tapsPaused) => set({ tapsPaused }),
  onEvent(event) {
    const s = get();
    if (event.type === 'status') {
      if (
        s.status !== null &&
        event.status.sessionId !== s.status.sessionId &&
        event.status.state !== 'starting'
      )
        return;
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
        pushConsole(
          set,
          get,
          'stderr',
          `${event.nodeId ? `[${event.nodeId}${event.line !== null ? ` line ${event.line}` : ''}] ` : ''}${event.message}\n`,
        );
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

/** Feeds the run store from the host; returns the unsubscribe function. */
export function connectRun(studio: Studio): () => void {
  return studio.subscribe((event) => useRun.getState().onEvent(event));
}
