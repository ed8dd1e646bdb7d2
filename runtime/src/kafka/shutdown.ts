/** What graceful shutdown needs from a KafkaStreams instance. */
export interface Closeable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  readonly signals?: readonly NodeJS.Signals[];
  /** Called after close() settles, with the exit code; default exits the process. */
  readonly exit?: (code: number) => void;
  /** Where to report a close that failed; default stderr. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Closes the instance on SIGINT/SIGTERM — stop fetching, finish the batch, flush, commit, leave the group —
 * then exits. A second signal while closing exits at once (code 130), as an impatient Ctrl-C expects.
 * Returns a function that removes the handlers.
 */
export function closeOnSignals(app: Closeable, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onError =
    options.onError ?? ((error: unknown) => process.stderr.write(`shutdown failed: ${String(error)}\n`));
  let closing = false;
  const handler = (): void => {
    if (closing) {
      exit(130);
      return;
    }
    closing = true;
    app.close().then(
      () => exit(0),
      (error: unknown) => {
        onError(error);
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
