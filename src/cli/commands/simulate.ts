/**
 * `intercoder simulate`: writes the bundled example study (`data/interview-35/`) from the seed
 * Delve export: the seed as coder A and two synthetic coders perturbed the way real coders differ.
 * Deterministic: the same seed file gives the same bytes.
 */
import type { CommandModule } from "yargs";
import { join } from "node:path";
import type { CliIo } from "../io.js";
import { checkOutputs, readInputFile, writeOutputsAtomically } from "../../io/files.js";
import { withSignalsHeld } from "../signals.js";
import { makeExampleStudy } from "../../simulate/make-example.js";

interface SimulateArgs {
  seedFile: string;
  out: string;
}

export function simulateCommand(io: CliIo): CommandModule<object, SimulateArgs> {
  return {
    command: "simulate",
    describe: "write the example study (the seed Delve export as coder A plus two synthetic coders)",
    builder: (y) =>
      y
        .option("seed-file", { type: "string", default: "seeds/interview-35.txt", describe: "the real Delve export that becomes coder A" })
        .option("out", { type: "string", default: "data", describe: "folder to write the study into" }) as never,
    handler: async (argv) => {
      const files = makeExampleStudy(readInputFile(argv.seedFile, io.cwd));
      const outputs = Object.entries(files).map(([path, content]) => ({ path: join(argv.out, path), content }));
      checkOutputs(outputs.map((o) => o.path), [argv.seedFile], io.cwd);
      await withSignalsHeld(() => writeOutputsAtomically(outputs, io.cwd));
      io.stderr(`intercoder: wrote ${outputs.map((o) => o.path).join(", ")}\n`);
    },
  };
}
