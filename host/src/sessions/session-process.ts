import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import type { ChildMessage, HostMessage, HostRequest, ReplyPayload, SessionInit } from './protocol.js';

const CHILD_ENTRY = join(REPO_ROOT, 'host', 'src', 'sessions', 'session-child.ts');
/** How long a session gets to close cleanly before it is killed (an endless loop never answers). */
export const STOP_GRACE_MS = 2000;

/** One child process running a session, with request/reply over IPC. */
export class SessionProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: ReplyPayload) => void; reject: (e: Error) => void }
  >();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    init: SessionInit,
    onMessage: (message: ChildMessage) => void,
    onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  ) {
    this.child = fork(CHILD_ENTRY, [], {
      cwd: process.cwd(),
      execArgv: ['--import', import.meta.resolve('tsx'), '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The session gets no host secrets beyond what its profile resolved.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development' },
    });
    this.child.stdout?.setEncoding('utf8').on('data', (t: string) => onOutput('stdout', t));
    this.child.stderr?.setEncoding('utf8').on('data', (t: string) => onOutput('stderr', t));
    this.child.on('message', (m: ChildMessage) => {
      if (m.type === 'reply') {
        const waiter = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) waiter?.reject(new Error(m.error));
        else if (m.result !== undefined) waiter?.resolve(m.result);
      } else onMessage(m);
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        for (const w of this.pending.values()) w.reject(new Error('the session process exited'));
        this.pending.clear();
        resolve({ code, signal });
      }),
    );
    this.send({ type: 'init', init });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request(request: HostRequest, timeoutMs = 5000): Promise<ReplyPayload> {
    if (!this.alive) return Promise.reject(new Error('the session is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(`the session did not answer within ${timeoutMs} ms (is user code stuck in a loop?)`),
        );
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ id, ...request });
    });
  }

  /** Asks the session to close; kills it when it does not exit in time (a stuck lambda never yields). */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (!this.alive) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: HostMessage): void {
    if (this.child.connected) this.child.send(message);
  }
}
