/** The registered command modules, in the order `--help` lists them. */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";

export type CommandFactory = (io: CliIo) => CommandModule<object, never>;

export const commands: CommandFactory[] = [];
