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
        .option("html", { type: "string", describe: "write a self-contained HTML report here (sortable tables, charts, full turn texts)" })
        .option("adjudication", { type: "string", describe: "write a CSV with one row per disagreement, with empty decision and note columns, for the adjudication meeting" })
        .option("charts", { type: "boolean", default: true, describe: "write SVG charts to <out>/<name>/ and link them (--no-charts to skip)" })
        .option("unit", { type: "string", choices: ["turn", "paragraph", "sentence", "document"], default: "turn", describe: "unit of analysis" })
        .option("hierarchy-separator", { type: "string", describe: "infer the code hierarchy from a separator in code names (- makes QM the parent of QM-robustness-fix)" })
        .option("level", { type: "string", describe: "also compute agreement with codes rolled up the hierarchy: parent, or a depth (1 = top level)" })
        .option("max-unmatched", { type: "number", default: 0.1, describe: "flag a transcript whose alignment left more than this share of a coder's turns unmatched" })
        .option("quiet", { type: "boolean", default: false, describe: "no progress bar" })
        .option("bootstrap", { type: "number", default: 1000, describe: "bootstrap resamples for alpha's interval (0 = none)" })
        .option("seed", { type: "number", default: 20260101, describe: "seed of the bootstrap's random generator" })
        .option("transcript", { type: "string", array: true, describe: "the transcript(s) that Taguette highlights or an excerpt table quote (Delve export or plain text)" })
        .option("map", { type: "string", describe: "excerpt table columns, e.g. transcript=Transcript,code=Code,coder=Researcher,text=Snippet" })
        .option("format", { type: "string", choices: ["delve", "qdpx", "csv-long", "csv-wide", "taguette", "excerpts"], describe: "input format (default: detected from each file's content)" })
        .option("threads", { type: "number", describe: "threads for the bootstrap (default: one per core when there are many codes; the digits are the same)" })
        .option("coder-from", { type: "string", choices: ["selection", "coding"], describe: "REFI-QDA: take the coder from PlainTextSelection/@creatingUser (default) or Coding/@creatingUser" })
        .option("name", { type: "string", describe: "report title (default: the first transcript's name)" }) as never,
    handler: (argv) => runReport(argv, io),
  };
}
