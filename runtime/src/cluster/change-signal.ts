/**
 * Wakes everything waiting for "something changed" (new records, a rebalance). Waiters always have a timeout,
 * so a missed notification costs latency, never liveness.
 */
export class ChangeSignal {
  private readonly waiters = new Set<() => void>();

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
    });
  }

  notify(): void {
    if (this.waiters.size === 0) return;
    for (const done of [...this.waiters]) done();
  }
}
