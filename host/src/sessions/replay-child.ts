// Entry point of the debugger's child process: replays a recording of a document's run on the
// TopologyTestDriver. The topology is user code, so, like a run session, it runs here and never in the host.
import { parseRecording } from '@topograph/runtime';
import { DebugSession } from './debug-session.js';
import { loadTopologyBuilder } from './load-topology.js';
import type {
  ReplayChildMessage,
  ReplayHostMessage,
  ReplayInit,
  ReplayReply,
  ReplayRequest,
} from './replay-protocol.js';

const send = (message: ReplayChildMessage): void => {
  process.send?.(message);
};

let session: DebugSession | null = null;

async function start(init: ReplayInit): Promise<void> {
  const build = await loadTopologyBuilder(init.code, init.dir, 'topology.mjs');
  session = new DebugSession(build, parseRecording(init.recording), init.applicationId);
  send({ type: 'ready' });
}

function answer(request: ReplayRequest): ReplayReply {
  if (!session) throw new Error('the replay has not started');
  switch (request.type) {
    case 'open':
      return { view: session.open() };
    case 'seek':
      return { view: session.seek(request.to) };
    case 'explain':
      return { explanation: session.explain(request.output) };
  }
}

process.on('message', (raw: ReplayHostMessage) => {
  if (raw.type === 'init') {
    start(raw.init).catch((e: unknown) =>
      send({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return;
  }
  const { id, ...request } = raw;
  try {
    send({ type: 'reply', id, result: answer(request) });
  } catch (e) {
    send({ type: 'reply', id, error: e instanceof Error ? e.message : String(e) });
  }
});
// A lost host must not leave an orphan running user code.
process.on('disconnect', () => process.exit(0));
