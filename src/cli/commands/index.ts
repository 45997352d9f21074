/** The registered command modules, in the order `--help` lists them. */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { reportCommand } from "./report.js";
import { inspectCommand } from "./inspect.js";
import { simulateCommand } from "./simulate.js";
import { alignCommand } from "./align.js";
import { agreeCommand } from "./agree.js";
import { compareCommand } from "./compare.js";

// Each factory returns a fully typed module; the registry only needs "some command module".
export type CommandFactory = (io: CliIo) => CommandModule<object, never>;

export const commands: CommandFactory[] = [
  reportCommand as unknown as CommandFactory,
  agreeCommand as unknown as CommandFactory,
  alignCommand as unknown as CommandFactory,
  compareCommand as unknown as CommandFactory,
  inspectCommand as unknown as CommandFactory,
  simulateCommand as unknown as CommandFactory,
];
