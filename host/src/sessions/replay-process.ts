// The host's handle on a replay child: start it with a recording, ask it for views, kill it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { ChildRpc } from './child-rpc.js';
import type { ReplayChildMessage, ReplayInit, ReplayReply, ReplayRequest } from './replay-protocol.js';

const CHILD_ENTRY = join(REPO_ROOT, 'host', 'src', 'sessions', 'replay-child.ts');

export class ReplayProcess {
  private readonly rpc: ChildRpc<ReplayRequest, ReplayReply>;
  /** Resolves once the topology is loaded and the recording parsed; rejects with the child's reason. */
  readonly ready: Promise<void>;

  /** Where the child writes the transpiled topology; the host removes it, since the child may be killed. */
  private readonly dir = mkdtempSync(join(tmpdir(), 'topograph-replay-'));

  constructor(init: Omit<ReplayInit, 'dir'>, onOutput: (stream: 'stdout' | 'stderr', text: string) => void) {
    this.rpc = new ChildRpc(CHILD_ENTRY, 'the replay', onOutput);
    const child = this.rpc.child;
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (m: ReplayChildMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(m.message));
        else this.rpc.settle(m.id, m.result, m.error);
      });
      child.once('exit', (code, signal) => {
        rmSync(this.dir, { recursive: true, force: true });
        const error = new Error(`the replay process exited (${signal ?? `code ${code ?? 'unknown'}`})`);
        reject(error);
        this.rpc.failAll(error);
      });
    });
    // A failed start is reported to whoever awaits `ready`; this keeps it from being an unhandled rejection.
    this.ready.catch(() => undefined);
    this.rpc.send({ type: 'init', init: { ...init, dir: this.dir } });
  }

  get alive(): boolean {
    return this.rpc.alive;
  }

  async request(request: ReplayRequest, timeoutMs: number): Promise<ReplayReply> {
    await this.ready;
    return this.rpc.request(request, timeoutMs);
  }

  /** Ends the replay at once: it holds no state worth a clean close, and user code may be stuck. */
  kill(): void {
    if (this.alive) this.rpc.child.kill('SIGKILL');
  }
}
