/** The report job: read, align, compute, render, write (all or nothing). */
import { UsageError } from "../model/errors.js";
import type { Codebook } from "../model/transcript.js";
import { loadCoderFiles } from "../io/load-coded.js";
import { checkOutputs, readInputFile, writeOutputsAtomically } from "../io/files.js";
import { decodeUtf8, normalizeWhitespace, splitLines } from "../io/_text.js";
import { parseSpeakerList } from "../io/_speakers.js";
import { alignStudy } from "../align/align-study.js";
import { buildReport } from "../report/build-report.js";
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
}

function readCodebookList(path: string, cwd: string): Codebook {
  const text = decodeUtf8(readInputFile(path, cwd), path);
  const entries = splitLines(text).map(normalizeWhitespace).filter((l) => l.length > 0 && !l.startsWith("#")).map((code) => ({ code }));
  return { file: path, entries };
}

export function runReport(argv: ReportArgs, io: CliIo): void {
  if (!Number.isInteger(argv.bootstrap) || argv.bootstrap < 0) throw new UsageError("BAD_OPTION", `--bootstrap must be a whole number ≥ 0, not ${argv.bootstrap}`);
  const outputs = [argv.out, argv.json].filter((p): p is string => p !== undefined);
  checkOutputs(outputs, [...argv.inputs, ...(argv.codebook ? [argv.codebook] : [])], io.cwd);
  const codebook = argv.codebook ? readCodebookList(argv.codebook, io.cwd) : null;
  const coders = argv.coders?.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const speakers = parseSpeakerList(argv.speakers);
  const study = loadCoderFiles(argv.inputs, {
    cwd: io.cwd,
    ...(coders ? { coders } : {}),
    ...(codebook ? { codebook: codebook.entries.map((e) => e.code) } : {}),
    ...(speakers ? { speakers } : {}),
  });
  const transcripts = alignStudy(study.groups, study.coders);
  const report = buildReport({
    name: argv.name ?? study.groups[0]!.name,
    version: toolVersion(),
    coders: study.coders,
    transcripts,
    codebook,
    inputs: study.inputs,
    options: {
      codebook: argv.codebook ?? null,
      speakers: argv.speakers ?? null,
      coders: study.coders.join(","),
      bootstrap: argv.bootstrap,
      seed: argv.seed,
    },
    resamples: argv.bootstrap,
    seed: argv.seed,
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

