// The host's handle on a replay child: start it with a recording, ask it for views, kill it.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import type { ReplayChildMessage, ReplayInit, ReplayReply, ReplayRequest } from './replay-protocol.js';

const CHILD_ENTRY = join(REPO_ROOT, 'host', 'src', 'sessions', 'replay-child.ts');

export class ReplayProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: ReplayReply) => void; reject: (e: Error) => void }
  >();
  /** Resolves once the topology is loaded and the recording parsed; rejects with the child's reason. */
  readonly ready: Promise<void>;

  /** Where the child writes the transpiled topology; the host removes it, since the child may be killed. */
  private readonly dir = mkdtempSync(join(tmpdir(), 'topograph-replay-'));

  constructor(init: Omit<ReplayInit, 'dir'>, onOutput: (stream: 'stdout' | 'stderr', text: string) => void) {
    this.child = fork(CHILD_ENTRY, [], {
      cwd: process.cwd(),
      execArgv: ['--import', import.meta.resolve('tsx'), '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development' },
    });
    this.child.stdout?.setEncoding('utf8').on('data', (t: string) => onOutput('stdout', t));
    this.child.stderr?.setEncoding('utf8').on('data', (t: string) => onOutput('stderr', t));
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (m: ReplayChildMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(m.message));
        else {
          const waiter = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.error !== undefined) waiter?.reject(new Error(m.error));
          else if (m.result !== undefined) waiter?.resolve(m.result);
        }
      });
      this.child.once('exit', (code, signal) => {
        rmSync(this.dir, { recursive: true, force: true });
        const error = new Error(`the replay process exited (${signal ?? `code ${code ?? 'unknown'}`})`);
        reject(error);
        for (const w of this.pending.values()) w.reject(error);
        this.pending.clear();
      });
    });
    // A failed start is reported to whoever awaits `ready`; this keeps it from being an unhandled rejection.
    this.ready.catch(() => undefined);
    this.child.send({ type: 'init', init: { ...init, dir: this.dir } });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async request(request: ReplayRequest, timeoutMs: number): Promise<ReplayReply> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the replay did not answer within ${timeoutMs} ms (is user code stuck in a loop?)`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, ...request });
    });
  }

  /** Ends the replay at once: it holds no state worth a clean close, and user code may be stuck. */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}
