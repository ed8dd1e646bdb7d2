import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { ChildRpc } from './child-rpc.js';
import type { ChildMessage, HostMessage, HostRequest, ReplyPayload, SessionInit } from './protocol.js';

const CHILD_ENTRY = join(REPO_ROOT, 'host', 'src', 'sessions', 'session-child.ts');
/** How long a session gets to close cleanly before it is killed (an endless loop never answers). */
export const STOP_GRACE_MS = 2000;

/** One child process running a session, with request/reply over IPC. */
export class SessionProcess {
  private readonly rpc: ChildRpc<HostRequest, ReplyPayload>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    init: SessionInit,
    onMessage: (message: ChildMessage) => void,
    onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  ) {
    // The session gets no host secrets beyond what its profile resolved (ChildRpc passes only PATH).
    this.rpc = new ChildRpc(CHILD_ENTRY, 'the session', onOutput);
    const child = this.rpc.child;
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'reply') this.rpc.settle(m.id, m.result, m.error);
      else onMessage(m);
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.rpc.failAll(new Error('the session process exited'));
        resolve({ code, signal });
      }),
    );
    this.send({ type: 'init', init });
  }

  get alive(): boolean {
    return this.rpc.alive;
  }

  get pid(): number | undefined {
    return this.rpc.child.pid;
  }

  request(request: HostRequest, timeoutMs = 5000): Promise<ReplyPayload> {
    if (!this.alive) return Promise.reject(new Error('the session is not running'));
    return this.rpc.request(request, timeoutMs);
  }

  /** Asks the session to close; kills it when it does not exit in time (a stuck lambda never yields). */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (!this.alive) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.rpc.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: HostMessage): void {
    this.rpc.send(message);
  }
}
