import { fork, type ChildProcess } from 'node:child_process';

/**
 * A TypeScript child process (run through tsx) that the host asks by request and reply over IPC: run sessions
 * and replays. It gets no host secrets or environment beyond PATH. Each owner routes the child's messages and
 * hands replies to `settle`.
 */
export class ChildRpc<Request extends object, Result> {
  readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();

  /** `what` names the child in errors ("the session", "the replay"). */
  constructor(
    entry: string,
    private readonly what: string,
    onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  ) {
    this.child = fork(entry, [], {
      cwd: process.cwd(),
      execArgv: ['--import', import.meta.resolve('tsx'), '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development' },
    });
    this.child.stdout?.setEncoding('utf8').on('data', (t: string) => onOutput('stdout', t));
    this.child.stderr?.setEncoding('utf8').on('data', (t: string) => onOutput('stderr', t));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a message that expects no reply (dropped once the child is gone). */
  send(message: object): void {
    if (this.child.connected) this.child.send(message);
  }

  request(request: Request, timeoutMs: number): Promise<Result> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(`${this.what} did not answer within ${timeoutMs} ms (is user code stuck in a loop?)`),
        );
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ id, ...request });
    });
  }

  /** The child's answer to request `id`. */
  settle(id: number, result: Result | undefined, error: string | undefined): void {
    const waiter = this.pending.get(id);
    this.pending.delete(id);
    if (error !== undefined) waiter?.reject(new Error(error));
    else if (result !== undefined) waiter?.resolve(result);
  }

  /** Fails every request still waiting (the child exited). */
  failAll(error: Error): void {
    for (const w of this.pending.values()) w.reject(error);
    this.pending.clear();
  }
}
