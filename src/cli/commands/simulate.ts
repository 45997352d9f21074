/**
 * `intercoder simulate`: without size options, writes the bundled example study
 * (`data/interview-35/`) from the seed Delve export: the seed as coder A and two synthetic coders
 * perturbed the way real coders differ. With any of `--transcripts --turns --coders --codes`, writes
 * a synthetic study of that size instead (`simulateStudy`: target alpha per code, missing
 * transcripts, alignment noise, in any input format). Deterministic: the same options give the
 * same bytes.
 */
import type { CommandModule } from "yargs";
import { join } from "node:path";
import type { CliIo } from "../io.js";
import { UsageError } from "../../model/errors.js";
import { checkOutputs, readInputFile, writeOutputsAtomically } from "../../io/files.js";
import { withSignalsHeld } from "../signals.js";
import { makeExampleStudy } from "../../simulate/make-example.js";
import { simulateStudy, type StudyFormat } from "../../simulate/study.js";

interface SimulateArgs {
  seedFile: string;
  out?: string;
  transcripts?: number;
  turns?: number;
  coders?: number;
  codes?: number;
  reliability: string;
  missing: number;
  noise: number;
  format: StudyFormat;
  seed: number;
}

/** `0.8` (every code) or `0.5:0.95` (spread evenly from the first code to the last). */
export function parseReliability(text: string, codes: number): (codeIndex: number) => number {
  const parts = text.split(":").map((s) => Number(s.trim()));
  if (parts.length > 2 || parts.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) {
    throw new UsageError("BAD_OPTION", `--reliability must be a number from 0 to 1 or a range like 0.5:0.95, not "${text}"`);
  }
  const [from, to = from] = parts as [number, number?];
  return (k) => (codes <= 1 ? from : from + ((to - from) * k) / (codes - 1));
}

function syntheticStudy(argv: SimulateArgs): Record<string, Uint8Array> {
  const codes = argv.codes ?? 20;
  return simulateStudy({
    transcripts: argv.transcripts ?? 10,
    turns: argv.turns ?? 100,
    coders: argv.coders ?? 3,
    codes,
    reliability: parseReliability(argv.reliability, codes),
    missingTranscripts: argv.missing,
    alignmentNoise: argv.noise,
    seed: argv.seed,
    format: argv.format,
  });
}

export function simulateCommand(io: CliIo): CommandModule<object, SimulateArgs> {
  return {
    command: "simulate",
    describe: "write the example study, or a synthetic study of any size (--transcripts, --turns, --coders, --codes)",
    builder: (y) =>
      y
        .option("seed-file", { type: "string", default: "seeds/interview-35.txt", describe: "the real Delve export that becomes coder A of the example study" })
        .option("out", { type: "string", describe: "folder to write the study into (default: data, or synthetic-study for a synthetic study)" })
        .option("transcripts", { type: "number", describe: "synthetic study: transcripts (default 10)" })
        .option("turns", { type: "number", describe: "synthetic study: turns per transcript (default 100)" })
        .option("coders", { type: "number", describe: "synthetic study: coders (default 3)" })
        .option("codes", { type: "number", describe: "synthetic study: codes (default 20)" })
        .option("reliability", { type: "string", default: "0.8", describe: "synthetic study: target alpha per code, 0.8 or a range 0.5:0.95 over the codes" })
        .option("missing", { type: "number", default: 0, describe: "synthetic study: share (< 1) or count of (coder, transcript) pairs left uncoded" })
        .option("noise", { type: "number", default: 0, describe: "synthetic study: share of turns edited, inserted or deleted in each coder's copy" })
        .option("format", { type: "string", choices: ["delve", "qdpx", "maxqda", "csv-long"], default: "delve", describe: "synthetic study: file format" })
        .option("seed", { type: "number", default: 1, describe: "synthetic study: seed of the generator" }) as never,
    handler: async (argv) => {
      const synthetic = [argv.transcripts, argv.turns, argv.coders, argv.codes].some((x) => x !== undefined);
      const out = argv.out ?? (synthetic ? "synthetic-study" : "data");
      let files: Record<string, Uint8Array>;
      try {
        files = synthetic ? syntheticStudy(argv) : makeExampleStudy(readInputFile(argv.seedFile, io.cwd));
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError("BAD_OPTION", e.message);
        throw e;
      }
      const outputs = Object.entries(files).map(([path, content]) => ({ path: join(out, path), content }));
      checkOutputs(outputs.map((o) => o.path), synthetic ? [] : [argv.seedFile], io.cwd);
      await withSignalsHeld(() => writeOutputsAtomically(outputs, io.cwd));
      io.stderr(synthetic
        ? `intercoder: wrote a synthetic study to ${out} (${outputs.length} file${outputs.length === 1 ? "" : "s"})\n`
        : `intercoder: wrote ${outputs.map((o) => o.path).join(", ")}\n`);
    },
  };
}
