/**
 * Entry point of the `intercoder` command. An `IrrError` is the user's to fix: print it as
 * `file:line: message [CODE]` plus the hint and set exit code 1 (2 for command-line errors). A
 * run interrupted while writing its outputs exits 130 (SIGINT) or 143 (SIGTERM). Anything else
 * is a bug: print the stack and ask for a report.
 */
import { IrrError, UsageError } from "../model/errors.js";
import { buildCli } from "./build-cli.js";
import { processIo, type CliIo } from "./io.js";
import { Interrupted } from "./signals.js";

/**
 * yargs reads a lone "-" as a positional argument (standard input), so `--hierarchy-separator -`
 * would lose its value. intercoder never reads standard input: join "-" to the option before it.
 */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (/^--[a-z][a-z-]*$/.test(arg) && argv[i + 1] === "-") {
      out.push(`${arg}=-`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildCli(io, joinDashValues(argv)).parseAsync();
    return 0;
  } catch (e) {
    if (e instanceof IrrError) {
      io.stderr(`intercoder: ${withCode(e)}\n`);
      return e instanceof UsageError && e.code === "USAGE" ? 2 : 1;
    }
    if (e instanceof Interrupted) {
      io.stderr(`intercoder: ${e.message}; the outputs were written whole before stopping\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`intercoder: internal error (a bug, please report it with the command you ran)\n${err.stack ?? err.message}\n`);
    return 70;
  }
}

/** `file:line: message [CODE]` plus the hint: the stable code makes every refusal checkable and searchable. */
function withCode(e: IrrError): string {
  const text = e.format();
  const hint = text.indexOf("\n  hint: ");
  return hint === -1 ? `${text} [${e.code}]` : `${text.slice(0, hint)} [${e.code}]${text.slice(hint)}`;
}

export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, processIo());
}
