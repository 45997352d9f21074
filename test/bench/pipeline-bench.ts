/**
 * The whole report at study scale (issue 6): a synthetic study of 40 transcripts × 300 turns ×
 * 4 coders × 150 codes (`simulateStudy`, target alpha spread over 0.5..0.95, 2 transcripts skipped,
 * 2% alignment noise), written into the OS temp folder as Delve exports (a study folder) and as a
 * REFI-QDA project, then run through the report pipeline with 1,000 bootstrap resamples per code,
 * rendering markdown, HTML (with its charts) and JSON.
 *
 * Prints per format the time of each stage (read = `loadStudy`, align, compute = `buildReport`
 * without the bootstrap, bootstrap, render), the total, and the ratio of the total to the read
 * time beside the target (the whole report within 5 × the time to just read the files), and the
 * same ratio without compute (what the target leaves for compute given the other stages); the
 * bootstrap serial and on worker threads (identical digits, checked here); and the peak resident
 * memory (`process.resourceUsage().maxRSS`). One run per format: the study is large.
 *
 * Run alone: `npx tsx test/bench/pipeline-bench.ts [--small]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { alignStudy } from "../../src/align/align-study.js";
import { loadStudy } from "../../src/io/load-study.js";
import { allCodes, buildReport } from "../../src/report/build-report.js";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { bootstrapAllCodes } from "../../src/report/parallel-bootstrap.js";
import { simulateStudy, type StudyFormat } from "../../src/simulate/study.js";

const TARGET_RATIO = 5;
const RESAMPLES = 1000;
const SEED = 20260101;

interface Size { transcripts: number; turns: number; coders: number; codes: number }
const FULL: Size = { transcripts: 40, turns: 300, coders: 4, codes: 150 };
const SMALL: Size = { transcripts: 8, turns: 150, coders: 3, codes: 40 };

function time<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await f();
  return [value, performance.now() - start];
}

const ms = (x: number): string => `${x.toFixed(0).padStart(7)} ms`;

async function benchFormat(format: StudyFormat, size: Size, root: string, print: (line: string) => void): Promise<void> {
  const [files, generateMs] = time(() => simulateStudy({
    ...size, format, seed: 6, reliability: (k) => 0.5 + (0.45 * k) / Math.max(1, size.codes - 1), missingTranscripts: 2, alignmentNoise: 0.02,
  }));
  const dir = join(root, format);
  let bytes = 0;
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
    bytes += content.length;
  }
  const input = format === "delve" ? dir : join(dir, Object.keys(files)[0]!);
  const paths = Object.keys(files).map((p) => join(dir, p));
  const [, bytesMs] = time(() => paths.forEach((p) => readFileSync(p)));

  const [study, readMs] = time(() => loadStudy([input], { cwd: root }));
  const [transcripts, alignMs] = time(() => alignStudy(study.groups, study.coders));
  const units = transcripts.flatMap((t) => t.units);
  const codes = allCodes(transcripts);
  const threads = availableParallelism();
  const [serial, serialMs] = await timeAsync(() => bootstrapAllCodes(study.coders, units, codes, { resamples: RESAMPLES, seed: SEED, threads: 1 }));
  const [bootstraps, threadedMs] = await timeAsync(() => bootstrapAllCodes(study.coders, units, codes, { resamples: RESAMPLES, seed: SEED, threads }));
  const [report, computeMs] = time(() => buildReport({
    name: "bench", version: "bench", coders: study.coders, transcripts, inputs: study.inputs, options: {},
    resamples: RESAMPLES, seed: SEED, bootstraps, warnings: [...study.diagnostics, ...transcripts.flatMap((t) => t.diagnostics)],
  }));
  const [outputs, renderMs] = time(() => {
    const markdown = renderMarkdown(report);
    const html = renderHtml(report, reportCharts(report));
    const json = renderJson(report);
    return markdown.length + html.length + json.length;
  });
  const bootstrapMs = threads > 1 ? threadedMs : serialMs;
  const total = readMs + alignMs + computeMs + bootstrapMs + renderMs;
  const ratio = total / readMs;

  print(`${format}: ${Object.keys(files).length} file(s), ${(bytes / 1e6).toFixed(1)} MB (generated in ${generateMs.toFixed(0)} ms); ${units.length} units, ${codes.length} codes, ${study.coders.length} coders`);
  print(`  read files only (bytes)  ${ms(bytesMs)}`);
  print(`  read (parse, loadStudy)  ${ms(readMs)}`);
  print(`  align                    ${ms(alignMs)}`);
  print(`  compute                  ${ms(computeMs)}`);
  print(`  bootstrap (${RESAMPLES}/code)    ${ms(bootstrapMs)}   serial ${serialMs.toFixed(0)} ms, ${threads} threads ${threadedMs.toFixed(0)} ms, identical: ${isDeepStrictEqual(serial, bootstraps) ? "yes" : "NO"}`);
  print(`  render (md, html, json)  ${ms(renderMs)}   (${(outputs / 1e6).toFixed(1)} MB of text)`);
  print(`  total                    ${ms(total)}`);
  print(`  total / read             ${ratio.toFixed(2).padStart(7)}      (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? "met" : "NOT met"})`);
  // What the target leaves for compute: the other stages alone, as a multiple of the read.
  const others = (total - computeMs) / readMs;
  print(`  without compute / read   ${others.toFixed(2).padStart(7)}      (compute may take ${Math.max(0, TARGET_RATIO - others).toFixed(2)} × read = ${Math.max(0, (TARGET_RATIO - others) * readMs).toFixed(0)} ms; it took ${(computeMs / readMs).toFixed(2)} × read)`);
}

export async function benchPipeline(print: (line: string) => void, size: Size = FULL): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "intercoder-pipeline-bench-"));
  try {
    print(`study: ${size.transcripts} transcripts × ${size.turns} turns × ${size.coders} coders × ${size.codes} codes, ${RESAMPLES} bootstrap resamples per code`);
    for (const format of ["delve", "qdpx"] as const) await benchFormat(format, size, root, print);
    print(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchPipeline((line) => console.log(line), process.argv.includes("--small") ? SMALL : FULL);
}
