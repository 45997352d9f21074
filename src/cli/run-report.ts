/** The report job: read, align, compute, render, write (all or nothing). */
import { UsageError } from "../model/errors.js";
import type { Codebook } from "../model/transcript.js";
import { findStudyCodebook, loadStudy } from "../io/load-study.js";
import type { InputFormat } from "../io/index.js";
import type { CoderFrom } from "../io/qdpx.js";
import { checkOutputs, readInputFile, writeOutputsAtomically } from "../io/files.js";
import { readCodebook } from "../io/codebook.js";
import { parseSpeakerList } from "../io/_speakers.js";
import { alignStudy } from "../align/align-study.js";
import { allCodes, buildReport } from "../report/build-report.js";
import { bootstrapAllCodes } from "../report/parallel-bootstrap.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderJson } from "../report/json.js";
import type { CliIo } from "./io.js";
import { toolVersion } from "./version.js";

export interface ReportArgs {
  inputs: string[];
  coders?: string;
  codebook?: string;
  speakers?: string;
  out?: string;
  json?: string;
  bootstrap: number;
  seed: number;
  name?: string;
  format?: InputFormat;
  coderFrom?: CoderFrom;
  /** Threads for the bootstrap (default: one per core, for studies with enough codes). */
  threads?: number;
}

function readCodebookFile(path: string, cwd: string): Codebook {
  return readCodebook(readInputFile(path, cwd), { file: path });
}

export async function runReport(argv: ReportArgs, io: CliIo): Promise<void> {
  if (!Number.isInteger(argv.bootstrap) || argv.bootstrap < 0) throw new UsageError("BAD_OPTION", `--bootstrap must be a whole number ≥ 0, not ${argv.bootstrap}`);
  if (argv.threads !== undefined && (!Number.isInteger(argv.threads) || argv.threads < 1)) throw new UsageError("BAD_OPTION", `--threads must be a whole number ≥ 1, not ${argv.threads}`);
  const outputs = [argv.out, argv.json].filter((p): p is string => p !== undefined);
  checkOutputs(outputs, [...argv.inputs, ...(argv.codebook ? [argv.codebook] : [])], io.cwd);
  const coders = argv.coders?.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const speakers = parseSpeakerList(argv.speakers);
  const codebookPath = argv.codebook ?? findStudyCodebook(argv.inputs, io.cwd);
  const given = codebookPath ? readCodebookFile(codebookPath, io.cwd) : null;
  const study = loadStudy(argv.inputs, {
    cwd: io.cwd,
    ...(coders ? { coders } : {}),
    ...(given ? { codebook: given.entries.filter((e) => e.codable !== false).map((e) => e.code) } : {}),
    ...(speakers ? { speakers } : {}),
    ...(argv.format ? { format: argv.format } : {}),
    ...(argv.coderFrom ? { coderFrom: argv.coderFrom } : {}),
  });
  checkOutputs(outputs, study.inputs.map((i) => i.path), io.cwd);
  const codebook = given ?? (study.codebookFile ? readCodebookFile(study.codebookFile, io.cwd) : null);
  const transcripts = alignStudy(study.groups, study.coders);
  const units = transcripts.flatMap((t) => t.units);
  const bootstraps = argv.bootstrap > 0
    ? await bootstrapAllCodes(study.coders, units, allCodes(transcripts, codebook), { resamples: argv.bootstrap, seed: argv.seed, ...(argv.threads ? { threads: argv.threads } : {}) })
    : undefined;
  const report = buildReport({
    name: argv.name ?? (study.groups.length === 1 ? study.groups[0]!.name : fileStemOrName(argv.inputs)),
    version: toolVersion(),
    coders: study.coders,
    transcripts,
    codebook,
    inputs: study.inputs,
    options: {
      codebook: codebook?.file ?? null,
      speakers: argv.speakers ?? null,
      coders: study.coders.join(","),
      bootstrap: argv.bootstrap,
      seed: argv.seed,
    },
    resamples: argv.bootstrap,
    seed: argv.seed,
    ...(bootstraps ? { bootstraps } : {}),
    warnings: [...study.diagnostics, ...transcripts.flatMap((t) => t.diagnostics)],
  });
  const markdown = renderMarkdown(report);
  const files = [
    ...(argv.out ? [{ path: argv.out, content: markdown }] : []),
    ...(argv.json ? [{ path: argv.json, content: renderJson(report) }] : []),
  ];
  writeOutputsAtomically(files, io.cwd);
  if (!argv.out) io.stdout(markdown);
  else io.stderr(`intercoder: wrote ${outputs.join(", ")} (${report.units} units, ${report.coders.length} coders, ${report.summary.codes} codes)\n`);
}


function fileStemOrName(inputs: readonly string[]): string {
  const first = inputs[0] ?? "study";
  return first.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? first;
}
