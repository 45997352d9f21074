/**
 * Ctrl-C during a run. While intercoder computes, SIGINT and SIGTERM keep Node's default: the
 * process ends at once, and since outputs are only written at the very end, nothing was written.
 * While the outputs are written (to temporary files, then renamed), the signals are held back so
 * that the write finishes or fails as a whole; a signal that came in meanwhile ends the run just
 * after, with exit code 130 (SIGINT) or 143 (SIGTERM). No partial report and no temporary file is
 * ever left behind.
 */

/** The run was interrupted by a signal (after the outputs were written as a whole). */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = "Interrupted";
  }

  /** The shell's convention: 128 + the signal number. */
  get exitCode(): number {
    return this.signal === "SIGTERM" ? 143 : 130;
  }
}

/** Run `write` (synchronous) with SIGINT and SIGTERM held back; throw `Interrupted` after it if one came. */
export async function withSignalsHeld<T>(write: () => T): Promise<T> {
  let received: NodeJS.Signals | null = null;
  const hold = (signal: NodeJS.Signals): void => {
    received ??= signal;
  };
  process.on("SIGINT", hold);
  process.on("SIGTERM", hold);
  let result: T;
  try {
    result = write();
    // A signal that arrived during the synchronous write is read in the event loop's next poll
    // phase: the second setImmediate runs after it.
    await new Promise<void>((done) => setImmediate(done));
    await new Promise<void>((done) => setImmediate(done));
  } finally {
    process.off("SIGINT", hold);
    process.off("SIGTERM", hold);
  }
  if (received !== null) throw new Interrupted(received);
  return result;
}
