/**
 * `intercoder compare <round1.json> <round2.json> [...]`: how each code's alpha and interval
 * moved between coding rounds, which codes were renamed, merged, added or dropped, and a chart of
 * alpha per round.
 */
import type { CommandModule } from "yargs";
import { basename, dirname, extname, join, relative } from "node:path";
import type { CliIo } from "../io.js";
import { InputError, UsageError } from "../../model/errors.js";
import { checkOutputs, readInputFile, writeOutputsAtomically } from "../../io/files.js";
import { decodeUtf8 } from "../../io/_text.js";
import { compareRounds, parseRenameMap, renderRoundsMarkdown, roundsComparisonChart } from "../../report/compare-rounds.js";

interface CompareArgs {
  reports: string[];
  labels?: string;
  rename?: string;
  out?: string;
  json?: string;
}

function readJson(path: string, cwd: string): unknown {
  const text = decodeUtf8(readInputFile(path, cwd), path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError("COMPARE_NOT_JSON", `not JSON (${(e as Error).message})`, { file: path, hint: "pass the JSON reports written by `intercoder report --json`" });
  }
}

export function compareCommand(io: CliIo): CommandModule<object, CompareArgs> {
  return {
    command: "compare <reports..>",
    describe: "compare per-code alpha across coding rounds (JSON reports of `report --json`)",
    builder: (y) =>
      y
        .positional("reports", { type: "string", array: true, demandOption: true, describe: "two or more JSON reports, oldest round first" })
        .option("labels", { type: "string", describe: "round labels, comma-separated (default: the file names)" })
        .option("rename", { type: "string", describe: "a map of code names across rounds: CSV lines old,new or a JSON object" })
        .option("out", { type: "string", describe: "write the markdown comparison here (default: standard output); the chart goes beside it" })
        .option("json", { type: "string", describe: "write the comparison as JSON here" }) as never,
    handler: (argv) => {
      if (argv.reports.length < 2) throw new UsageError("COMPARE_ONE_ROUND", "compare needs at least two rounds", { hint: "intercoder compare round1.json round2.json" });
      const labels = argv.labels?.split(",").map((s) => s.trim());
      if (labels && labels.length !== argv.reports.length) throw new UsageError("BAD_OPTION", `--labels names ${labels.length} round(s) but ${argv.reports.length} report(s) were given`);
      const chart = argv.out ? join(dirname(argv.out), `${basename(argv.out, extname(argv.out))}-alpha-per-round.svg`) : undefined;
      const outputs = [argv.out, argv.json, chart].filter((p): p is string => p !== undefined);
      checkOutputs(outputs, [...argv.reports, ...(argv.rename ? [argv.rename] : [])], io.cwd);
      const rename = argv.rename ? parseRenameMap(decodeUtf8(readInputFile(argv.rename, io.cwd), argv.rename), argv.rename) : undefined;
      const comparison = compareRounds(
        argv.reports.map((file, i) => ({ label: labels?.[i] ?? basename(file, extname(file)), report: readJson(file, io.cwd), file })),
        rename ? { rename } : {},
      );
      const markdown = renderRoundsMarkdown(comparison, chart && argv.out ? { chart: relative(dirname(argv.out), chart).split("\\").join("/") } : {});
      const files = [
        ...(argv.out ? [{ path: argv.out, content: markdown }] : []),
        ...(chart ? [{ path: chart, content: roundsComparisonChart(comparison) }] : []),
        ...(argv.json ? [{ path: argv.json, content: `${JSON.stringify(comparison, null, 2)}\n` }] : []),
      ];
      writeOutputsAtomically(files, io.cwd);
      if (!argv.out) io.stdout(markdown);
      if (files.length > 0) io.stderr(`intercoder: wrote ${files.map((f) => f.path).join(", ")}\n`);
    },
  };
}
