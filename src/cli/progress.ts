/**
 * A progress bar on standard error for long computations (the bootstrap on a large study). It is
 * redrawn in place with a carriage return, at most about ten times a second, and only when
 * standard error is a terminal: piped or redirected output, and `--quiet`, get nothing.
 */

export interface ProgressIo {
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
}

export interface ProgressOptions {
  /** Silence the bar even on a terminal (`--quiet`). */
  quiet?: boolean;
  /** What is being counted, shown before the bar, e.g. "bootstrap". */
  label: string;
  /** The count at which the work is done. */
  total: number;
  /** Milliseconds clock; injected by tests. Default `Date.now`. */
  now?: () => number;
  /** Least time between two redraws, in ms. Default 100 (about ten redraws a second). */
  intervalMs?: number;
  /** Width of the bar in characters. Default 30. */
  width?: number;
}

export interface Progress {
  /** Count `n` more steps done (default 1); redraws if the last redraw is old enough or the work is complete. */
  tick(n?: number): void;
  /** Draw the final state and end the line. Later calls (and ticks) do nothing. */
  done(): void;
}

const SILENT: Progress = { tick: () => {}, done: () => {} };

/**
 * Create a progress bar: `label [#########.........]  45%  450/1000`, redrawn on standard error
 * with `\r` (padded with spaces so a shorter line wipes a longer one). The first tick draws at
 * once; then at most one redraw per `intervalMs`, plus one when the count reaches `total`.
 *
 * @example
 * const bar = createProgress(io, { label: "bootstrap", total: 1000, quiet: argv.quiet });
 * for (…) bar.tick();
 * bar.done();
 */
export function createProgress(io: ProgressIo, options: ProgressOptions): Progress {
  if (options.quiet === true || !io.stderrIsTTY) return SILENT;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const width = Math.max(1, Math.floor(options.width ?? 30));
  const total = Math.max(0, options.total);
  let count = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastLength = 0;
  let finished = false;
  let drawnCount = -1;

  const draw = (): void => {
    const share = total === 0 ? 1 : Math.min(1, count / total);
    const filled = Math.round(share * width);
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    const line = `${options.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}  ${count}/${total}`;
    io.stderr(`\r${line}${" ".repeat(Math.max(0, lastLength - line.length))}`);
    lastLength = line.length;
    lastDraw = now();
    drawnCount = count;
  };

  return {
    tick(n = 1) {
      if (finished) return;
      count += n;
      const complete = total > 0 && count >= total && drawnCount < total;
      if (complete || now() - lastDraw >= interval) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawnCount !== count) draw();
      io.stderr("\n");
    },
  };
}
