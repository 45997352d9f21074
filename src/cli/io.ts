/**
 * Everything a command may touch outside the library: its output streams and working
 * directory. Commands get it injected so tests can run them in-process and read what they wrote.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard error is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
  columns: number;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns ?? 100,
    cwd: process.cwd(),
  };
}
