/**
 * The report job: read, align, compute, render, write (all outputs or none). The handler of
 * `intercoder report`; every statistical decision lives in the library it calls.
 */
import { basename, dirname, extname, join, relative } from "node:path";
import { UsageError } from "../model/errors.js";
import type { Codebook, CodedTranscript, UnitKind } from "../model/transcript.js";
import type { AlignedTranscript } from "../model/aligned.js";
import { findStudyCodebook, loadStudy, type LoadedStudy } from "../io/load-study.js";
import type { InputFormat } from "../io/index.js";
import type { CoderFrom } from "../io/qdpx.js";
import { checkOutputs, readInputFile, sha256, writeOutputsAtomically } from "../io/files.js";
import { readCodebook } from "../io/codebook.js";
import { readTranscriptText } from "../io/taguette.js";
import { parseColumnMap } from "../io/excerpts.js";
import { parseSpeakerList } from "../io/_speakers.js";
import { alignTranscripts } from "../align/align-turns.js";
import { onCoders } from "../align/align-study.js";
import { toUnits } from "../align/units.js";
import { unitizingStudy } from "../align/unitizing.js";
import { buildHierarchy } from "../align/hierarchy.js";
import { buildReport, allCodes } from "../report/build-report.js";
import { bootstrapAllCodes } from "../report/parallel-bootstrap.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderJson } from "../report/json.js";
import { renderHtml } from "../report/html.js";
import { renderAdjudicationCsv } from "../report/adjudication.js";
import { reportCharts } from "../report/charts/report-charts.js";
import type { UnitizingSummary } from "../report/types.js";
import type { CliIo } from "./io.js";
import { createProgress } from "./progress.js";
import { toolVersion } from "./version.js";
import { withSignalsHeld } from "./signals.js";

export interface ReportArgs {
  inputs: string[];
  coders?: string;
  codebook?: string;
  speakers?: string;
  out?: string;
  json?: string;
  html?: string;
  adjudication?: string;
  charts: boolean;
  bootstrap: number;
  seed: number;
  name?: string;
  format?: InputFormat;
  coderFrom?: CoderFrom;
  unit: UnitKind;
  hierarchySeparator?: string;
  level?: string;
  maxUnmatched: number;
  quiet: boolean;
  transcript?: string[];
  map?: string;
  threads?: number;
}

function readCodebookFile(path: string, cwd: string): Codebook {
  return readCodebook(readInputFile(path, cwd), { file: path });
}

function parseLevel(level: string | undefined): number | "parent" | null {
  if (level === undefined) return null;
  if (level === "parent") return "parent";
  const n = Number(level);
  if (Number.isInteger(n) && n >= 1) return n;
  throw new UsageError("BAD_OPTION", `--level must be "parent" or a depth ≥ 1, not "${level}"`, { hint: "--level parent rolls every code up to its top-level parent" });
}

function hasSpans(c: CodedTranscript): boolean {
  return c.text !== undefined && c.spans !== undefined;
}

/** Unitizing alpha over all transcripts, when every coding carries its text and character spans. */
function unitizingOf(groups: readonly { codings: CodedTranscript[]; aligned: AlignedTranscript }[], codes: readonly string[]): UnitizingSummary | null {
  const usable = groups.filter((g) => g.codings.length >= 2);
  if (usable.length === 0 || !usable.every((g) => g.codings.every(hasSpans))) return null;
  const result = unitizingStudy(usable, { codes });
  return {
    methods: [...new Set(result.transcripts.map((t) => t.method))],
    unitizingAlpha: result.unitizingAlpha,
    unitizingAlphaBinary: result.unitizingAlphaBinary,
    unitizingAlphaCode: result.unitizingAlphaCode,
    perCode: result.perCode,
  };
}

function alignAll(study: LoadedStudy, unit: UnitKind) {
  return study.groups.map((g) => {
    const codings = unit === "turn" ? g.codings : g.codings.map((c) => toUnits(c, unit));
    return { codings, aligned: alignTranscripts(codings) };
  });
}

/** Where the charts go: `<out dir>/<out name>/` beside the markdown (or the HTML, or the JSON). */
function chartFolder(argv: ReportArgs): string | null {
  const anchor = argv.out ?? argv.html ?? argv.json;
  if (!argv.charts || anchor === undefined) return null;
  return join(dirname(anchor), basename(anchor, extname(anchor)));
}

export async function runReport(argv: ReportArgs, io: CliIo): Promise<void> {
  if (!Number.isInteger(argv.bootstrap) || argv.bootstrap < 0) throw new UsageError("BAD_OPTION", `--bootstrap must be a whole number ≥ 0, not ${argv.bootstrap}`);
  if (argv.threads !== undefined && (!Number.isInteger(argv.threads) || argv.threads < 1)) throw new UsageError("BAD_OPTION", `--threads must be a whole number ≥ 1, not ${argv.threads}`);
  if (!(argv.maxUnmatched >= 0 && argv.maxUnmatched <= 1)) throw new UsageError("BAD_OPTION", `--max-unmatched is a share between 0 and 1, not ${argv.maxUnmatched}`);
  const depth = parseLevel(argv.level);
  const charts = chartFolder(argv);
  const chartPaths = charts ? ["alpha-forest.svg", "coder-pairs.svg", "substitutions.svg"].map((f) => join(charts, f)) : [];
  const outputs = [argv.out, argv.json, argv.html, argv.adjudication, ...chartPaths].filter((p): p is string => p !== undefined);
  const transcriptFiles = argv.transcript ?? [];
  checkOutputs(outputs, [...argv.inputs, ...transcriptFiles, ...(argv.codebook ? [argv.codebook] : [])], io.cwd);

  const coders = argv.coders?.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const speakers = parseSpeakerList(argv.speakers);
  const transcriptBytes = transcriptFiles.map((file) => readInputFile(file, io.cwd));
  const quoted = transcriptFiles.map((file, i) => readTranscriptText(transcriptBytes[i]!, { file, ...(speakers ? { speakers } : {}) }));
  const map = argv.map !== undefined ? parseColumnMap(argv.map) : undefined;
  const codebookPath = argv.codebook ?? findStudyCodebook(argv.inputs, io.cwd);
  const codebook = codebookPath ? readCodebookFile(codebookPath, io.cwd) : null;
  const study = loadStudy(argv.inputs, {
    cwd: io.cwd,
    ...(coders ? { coders } : {}),
    ...(codebook ? { codebook: codebook.entries.filter((e) => e.codable !== false).map((e) => e.code) } : {}),
    ...(speakers ? { speakers } : {}),
    ...(argv.format ? { format: argv.format } : {}),
    ...(argv.coderFrom ? { coderFrom: argv.coderFrom } : {}),
    ...(quoted.length > 0 ? { transcripts: quoted } : {}),
    ...(map ? { map } : {}),
  });
  checkOutputs(outputs, [...study.inputs.map((i) => i.path), ...(codebookPath ? [codebookPath] : [])], io.cwd);

  const groups = alignAll(study, argv.unit);
  const transcripts = groups.map((g) => onCoders(g.aligned, study.coders));
  const codes = allCodes(transcripts, codebook);
  // The hierarchy comes from the codebook, else from the code tree the inputs declare (REFI-QDA
  // nesting), and a separator places the codes neither of them lists.
  const tree = codebook ?? (study.codeTree.length > 0 ? { entries: study.codeTree } : null);
  const hierarchy = depth === null ? null : {
    hierarchy: buildHierarchy({ ...(tree ? { codebook: tree } : {}), ...(argv.hierarchySeparator ? { separator: argv.hierarchySeparator } : {}), codes }),
    depth,
    source: [codebook ? `the codebook ${codebook.file ?? ""}`.trim() : tree ? "the code tree of the REFI-QDA project" : null, argv.hierarchySeparator ? `the separator "${argv.hierarchySeparator}"` : null].filter((x) => x !== null).join(" and ") || "no hierarchy (every code is its own parent)",
  };
  // The bootstraps run first, on worker threads when there are many codes; the digits are the
  // ones the report would compute in place (same resamples, same seed per code).
  const units = transcripts.flatMap((t) => t.units);
  let bootstraps;
  if (argv.bootstrap > 0) {
    const bar = createProgress(io, { quiet: argv.quiet, label: `bootstrap (${argv.bootstrap} resamples per code)`, total: codes.length });
    bootstraps = await bootstrapAllCodes(study.coders, units, codes, { resamples: argv.bootstrap, seed: argv.seed, onProgress: (n) => bar.tick(n), ...(argv.threads ? { threads: argv.threads } : {}) });
    bar.done();
  }
  const progress = createProgress(io, { quiet: argv.quiet, label: "per-code agreement", total: codes.length });
  const report = buildReport({
    name: argv.name ?? (study.groups.length === 1 ? study.groups[0]!.name : displayName(argv.inputs)),
    version: toolVersion(),
    coders: study.coders,
    transcripts,
    codebook,
    inputs: [...study.inputs, ...transcriptFiles.map((path, i) => ({ path, coder: "", sha256: sha256(transcriptBytes[i]!), format: "transcript" }))],
    options: {
      unit: argv.unit,
      codebook: codebook?.file ?? null,
      speakers: argv.speakers ?? null,
      coders: study.coders.join(","),
      format: argv.format ?? null,
      transcript: transcriptFiles.length > 0 ? transcriptFiles.join(",") : null,
      map: argv.map ?? null,
      "coder-from": argv.coderFrom ?? null,
      level: argv.level ?? null,
      "hierarchy-separator": argv.hierarchySeparator ?? null,
      "max-unmatched": argv.maxUnmatched,
      bootstrap: argv.bootstrap,
      seed: argv.seed,
    },
    resamples: argv.bootstrap,
    seed: argv.seed,
    unit: argv.unit,
    unitizing: unitizingOf(groups, codes),
    hierarchy,
    maxUnmatched: argv.maxUnmatched,
    onProgress: () => progress.tick(),
    ...(bootstraps ? { bootstraps } : {}),
    warnings: [...(codebook?.diagnostics ?? []), ...study.diagnostics, ...transcripts.flatMap((t) => t.diagnostics)],
  });
  progress.done();

  const svg = reportCharts(report);
  const files: { path: string; content: string }[] = [];
  const linkBase = argv.out ? dirname(argv.out) : ".";
  const chartLinks = charts ? Object.fromEntries(Object.keys(svg).map((f) => [f, relative(linkBase, join(charts, f)).split("\\").join("/")])) : {};
  const markdown = renderMarkdown(report, { charts: chartLinks });
  if (argv.out) files.push({ path: argv.out, content: markdown });
  if (argv.json) files.push({ path: argv.json, content: renderJson(report) });
  if (argv.html) files.push({ path: argv.html, content: renderHtml(report, svg) });
  if (argv.adjudication) files.push({ path: argv.adjudication, content: renderAdjudicationCsv(report) });
  if (charts) for (const [name, content] of Object.entries(svg)) files.push({ path: join(charts, name), content });
  await withSignalsHeld(() => writeOutputsAtomically(files, io.cwd));
  if (!argv.out) io.stdout(markdown);
  if (files.length > 0) io.stderr(`intercoder: wrote ${files.map((f) => f.path).join(", ")} (${report.units} units, ${report.coders.length} coders, ${report.summary.codes} codes)\n`);
}

function displayName(inputs: readonly string[]): string {
  const first = inputs[0] ?? "study";
  return basename(first.replace(/[\\/]+$/, ""), extname(first));
}
