/**
 * `intercoder report <files...>`: several coders' exports of the same transcript → a per-code
 * reliability report (markdown to --out or standard output, JSON to --json).
 */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { runReport, type ReportArgs } from "../run-report.js";

export function reportCommand(io: CliIo): CommandModule<object, ReportArgs> {
  return {
    command: "report <inputs..>",
    describe: "per-code reliability report from several coders' coded transcripts",
    builder: (y) =>
      y
        .positional("inputs", { type: "string", array: true, demandOption: true, describe: "one coded file per coder of the same transcript, a study folder (one subfolder per coder), a study.json, or one project file with several coders (.qdpx, long CSV)" })
        .option("coders", { type: "string", describe: "coder names, comma-separated, in file order (default: file names without extension)" })
        .option("codebook", { type: "string", describe: "codebook file: one code per line" })
        .option("speakers", { type: "string", describe: "speaker labels, comma-separated, replacing the default pattern (Interviewer, Interviewee, ...)" })
        .option("out", { type: "string", describe: "write the markdown report here (default: standard output)" })
        .option("json", { type: "string", describe: "write the JSON report here" })
        .option("bootstrap", { type: "number", default: 1000, describe: "bootstrap resamples for alpha's interval (0 = none)" })
        .option("seed", { type: "number", default: 20260101, describe: "seed of the bootstrap's random generator" })
        .option("threads", { type: "number", describe: "threads for the bootstrap (default: one per core when there are many codes; the digits are the same)" })
        .option("format", { type: "string", choices: ["delve", "qdpx", "csv-long", "csv-wide"], describe: "input format (default: detected from each file's content)" })
        .option("coder-from", { type: "string", choices: ["selection", "coding"], describe: "REFI-QDA: take the coder from PlainTextSelection/@creatingUser (default) or Coding/@creatingUser" })
        .option("name", { type: "string", describe: "report title (default: the first transcript's name)" }) as never,
    handler: (argv) => runReport(argv, io),
  };
}
