/**
 * The yargs factory (c8's `buildYargs()` pattern): tests call
 * `buildCli(io).parseAsync([...])` in-process; `bin/intercoder.js` goes through `main`.
 */
import yargs, { type Argv, type CommandModule } from "yargs";
import { UsageError } from "../model/errors.js";
import type { CliIo } from "./io.js";
import { commands } from "./commands/index.js";

export function buildCli(io: CliIo, argv: readonly string[]): Argv {
  let cli = yargs([...argv])
    .scriptName("intercoder")
    .usage("$0 <command> [options]\n\nInter-rater reliability for coded qualitative data.")
    .strict()
    .demandCommand(1, "name a command; `intercoder --help` lists them")
    .recommendCommands()
    .help()
    .version()
    .wrap(Math.min(100, io.columns))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError("USAGE", msg ?? "invalid command line", { hint: "run `intercoder --help`" });
    });
  for (const make of commands) {
    cli = cli.command(make(io) as CommandModule);
  }
  return cli;
}
