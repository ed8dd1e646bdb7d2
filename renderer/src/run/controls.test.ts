import type { SessionState, SessionStatus, Studio } from '@topograph/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { restartRun, useRunControls } from './controls.js';
import { useRun } from './run-store.js';

const status = (state: SessionState): SessionStatus => ({
  sessionId: 's1',
  owner: 'w1',
  fingerprint: 'f',
  state,
  target: { kind: 'memory' },
  applicationId: 'app',
  sourceTopics: [],
  sinkTopics: [],
  topicSerdes: [],
  stores: [],
  taps: [],
  startedAt: 0,
  reason: null,
  diagnostics: [],
});

/** Records the calls a run control makes; a restart answers with a running session. */
function recordingStudio() {
  const calls: string[] = [];
  const studio: Studio = {
    transport: 'browser',
    // The fake answers every call the same way; the test asserts which calls were made, not their results.
    call: (async (name: string) => {
      calls.push(name);
      return status('running');
    }) as Studio['call'],
    subscribe: () => () => undefined,
  };
  return { studio, calls };
}

beforeEach(() => {
  useRun.getState().reset();
  useRunControls.setState({ busy: false, error: null });
});

describe('Restart', () => {
  it('restarts a running session', async () => {
    const { studio, calls } = recordingStudio();
    useRun.setState({ status: status('running') });
    await restartRun(studio, false);
    expect(calls).toEqual(['sessions.restart']);
    expect(useRunControls.getState().error).toBeNull();
  });

  it('after Stop starts nothing, and says ▶ Run does', async () => {
    for (const state of ['stopped', 'failed'] as const) {
      const { studio, calls } = recordingStudio();
      useRun.setState({ status: status(state) });
      await restartRun(studio, true);
      expect(calls).toEqual([]);
      expect(useRun.getState().status?.state).toBe(state);
      expect(useRunControls.getState().error).toBe('Nothing is running: ▶ Run starts the canvas');
    }
  });
});
