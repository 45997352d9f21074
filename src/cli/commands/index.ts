/** The registered command modules, in the order `--help` lists them. */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { reportCommand } from "./report.js";

// Each factory returns a fully typed module; the registry only needs "some command module".
export type CommandFactory = (io: CliIo) => CommandModule<object, never>;

export const commands: CommandFactory[] = [
  reportCommand as unknown as CommandFactory,
];
