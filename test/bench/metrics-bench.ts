// Benchmark of Krippendorff's alpha and its bootstraps (issue 3, "Speed").
// Run alone: npx tsx test/bench/metrics-bench.ts   (add --expose-gc to node for steadier numbers)
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { coincidenceMatrix } from "../../src/metrics/_coincidences.js";
import { createRng } from "../../src/metrics/_rng.js";
import { alphaBootstrap, alphaMetric, unitsBootstrap } from "../../src/metrics/bootstrap.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { codeRatings, krippendorffAlphaCoded } from "../../src/metrics/krippendorff-alpha-coded.js";

const VALUES = 10;
const MISSING = 0.1;

interface Table {
  matrix: ReliabilityMatrix<number>;
  /** The same ratings as a unit-major Int32Array (-1 missing), for the baseline loop. */
  codes: Int32Array;
  ratings: number;
}

/** units × coders × 10 values, 10% missing, from a fixed seed. */
function makeTable(units: number, coders: number, seed = 1, withCodes = true): Table {
  const rng = createRng(seed);
  const codes = new Int32Array(withCodes ? units * coders : 0);
  const values: (number | null)[][] = [];
  let ratings = 0;
  for (let c = 0; c < coders; c++) {
    const row = new Array<number | null>(units);
    for (let u = 0; u < units; u++) {
      // Coders agree with a unit's "true" value 70% of the time, so alpha is neither 0 nor 1.
      if (rng() < MISSING) {
        row[u] = null;
        if (withCodes) codes[u * coders + c] = -1;
      } else {
        const truth = (u * 7919) % VALUES;
        const v = rng() < 0.7 ? truth : rng.int(VALUES);
        row[u] = v;
        if (withCodes) codes[u * coders + c] = v;
        ratings++;
      }
    }
    values.push(row);
  }
  const matrix = {
    coders: Array.from({ length: coders }, (_, i) => `coder${i}`),
    units: Array.from({ length: units }, (_, i) => `u${i}`),
    values,
  };
  return { matrix, codes, ratings };
}

/** The baseline: the coincidence matrix straight from an Int32Array, nothing else. */
function minimalLoop(codes: Int32Array, units: number, coders: number, V: number): Float64Array {
  const o = new Float64Array(V * V);
  const buf = new Int32Array(coders);
  for (let u = 0, b = 0; u < units; u++, b += coders) {
    let m = 0;
    for (let c = 0; c < coders; c++) {
      const x = codes[b + c] as number;
      if (x >= 0) buf[m++] = x;
    }
    if (m < 2) continue;
    const w = 1 / (m - 1);
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const x = buf[i] as number;
        const y = buf[j] as number;
        o[x * V + y] = (o[x * V + y] as number) + w;
        o[y * V + x] = (o[y * V + x] as number) + w;
      }
    }
  }
  return o;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median wall time in ms over `runs` runs, after one warm-up run. */
function median(runs: number, f: () => unknown): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return medianOf(times);
}

function medianOf(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const peakMB = (): number => process.resourceUsage().maxRSS / 1024;
const ms = (x: number): string => `${x.toFixed(1).padStart(8)} ms`;
const rate = (ratings: number, t: number): string => `${((ratings / t) * 1000 / 1e6).toFixed(1).padStart(6)} M ratings/s`;

export async function benchMetrics(print: (line: string) => void): Promise<void> {
  print("## Krippendorff's alpha: units × 5 coders × 10 values, 10% missing (median of runs)");
  print("   baseline: a minimal hand-written loop that builds the coincidence matrix from a unit-major Int32Array");
  print("   coded input: krippendorffAlphaCoded on ratings integer-coded once (codeRatings or a reader's coded), SE/CI included; target ≤ 1.5× loop");
  print("   end to end: krippendorffAlpha on a ReliabilityMatrix of JS arrays (coding included), SE/CI included; target ≤ 1.5× loop");
  for (const units of [1e4, 1e5, 1e6]) {
    const coders = 5;
    const table = makeTable(units, coders);
    const runs = units >= 1e6 ? 7 : 11;
    const coded = codeRatings(table.matrix);
    const timings: Record<string, number> = {};
    // Interleave the contenders run by run, so that load from other processes hits them alike.
    const contenders: [string, () => unknown][] = [
      ["loop", () => minimalLoop(table.codes, units, coders, VALUES)],
      ["codedNominal", () => krippendorffAlphaCoded(coded, { level: "nominal" })],
      ["codedInterval", () => krippendorffAlphaCoded(coded, { level: "interval" })],
      ["nominal", () => krippendorffAlpha(table.matrix, { level: "nominal" })],
      ["interval", () => krippendorffAlpha(table.matrix, { level: "interval" })],
      ["code", () => codeRatings(table.matrix)],
      ["core", () => coincidenceMatrix(coded)],
    ];
    const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    // Warm-up rounds: the end-to-end route has several stages for the JIT to compile.
    for (let round = 0; round < 3; round++) for (const [, f] of contenders) f();
    for (let run = 0; run < runs; run++) {
      for (const [name, f] of contenders) {
        gc();
        const start = performance.now();
        f();
        samples.get(name)!.push(performance.now() - start);
      }
    }
    for (const [name, times] of samples) timings[name] = medianOf(times);
    const t = (name: string): number => timings[name] as number;
    const loop = t("loop");
    const ratio = (name: string): string => `${(t(name) / loop).toFixed(2)}× loop`;
    const check = krippendorffAlphaCoded(coded, { level: "nominal" });
    print(`- ${units.toExponential(0)} units, ${table.ratings} ratings (runs: ${runs}; alpha nominal ${check.value?.toFixed(4)}):`);
    print(`    minimal loop (Int32Array → coincidences)  ${ms(loop)}  ${rate(table.ratings, loop)}`);
    print(`    coded input:  krippendorffAlphaCoded nominal   ${ms(t("codedNominal"))}  ${rate(table.ratings, t("codedNominal"))}  ${ratio("codedNominal")}  [≤ 1.5×]`);
    print(`    coded input:  krippendorffAlphaCoded interval  ${ms(t("codedInterval"))}  ${rate(table.ratings, t("codedInterval"))}  ${ratio("codedInterval")}  [≤ 1.5×]`);
    print(`    end to end:   krippendorffAlpha nominal        ${ms(t("nominal"))}  ${rate(table.ratings, t("nominal"))}  ${ratio("nominal")}  [≤ 1.5×]`);
    print(`    end to end:   krippendorffAlpha interval       ${ms(t("interval"))}  ${rate(table.ratings, t("interval"))}  ${ratio("interval")}  [≤ 1.5×]`);
    print(`    for reference: codeRatings (matrix → Int32Array, once) ${ms(t("code"))};  coincidenceMatrix alone (general route, coded) ${ms(t("core"))}  ${ratio("core")}`);
    print(`    peak RSS so far ${peakMB().toFixed(0)} MB`);
  }

  print("## Bootstrap, 1,000 resamples at 1e4 units × 5 coders (times include 1,000 more for the N→2N check)");
  const small = makeTable(1e4, 5, 2);
  let pairs = alphaBootstrap(small.matrix, { level: "interval", resamples: 1000, seed: 1 });
  const pairsTime = median(3, () => (pairs = alphaBootstrap(small.matrix, { level: "interval", resamples: 1000, seed: 1 })));
  let units = unitsBootstrap(small.matrix, alphaMetric({ level: "interval" }), { resamples: 1000, seed: 1 });
  const unitsTime = median(3, () => (units = unitsBootstrap(small.matrix, alphaMetric({ level: "interval" }), { resamples: 1000, seed: 1 })));
  const ordinalTime = median(1, () => unitsBootstrap(small.matrix, alphaMetric({ level: "ordinal" }), { resamples: 1000, seed: 1 }));
  const generic = median(1, () => unitsBootstrap(small.matrix, (x) => krippendorffAlpha(x, { level: "interval", standardError: false }), { resamples: 100, seed: 1 }));
  print(`    Krippendorff–Hayes (pairs, M = ${pairs.draws})      ${ms(pairsTime)}  [~500 ms]  ci95 ${fmt(pairs.ci95)}  shift N→2N ${pairs.stability?.maxShift.toFixed(4)}`);
  print(`    units, per-unit statistics (interval)  ${ms(unitsTime)}  [~500 ms]  ci95 ${fmt(units.ci95)}  shift N→2N ${units.stability?.maxShift.toFixed(4)}`);
  print(`    units, per-unit statistics (ordinal)   ${ms(ordinalTime)}  [~500 ms]`);
  print(`    units, generic (matrix rebuilt per resample; 100 resamples × 10) ${ms(generic * 10)}  (any coefficient; for comparison)`);

  print("## Memory: 1e6 units × 10 coders × 10 values (separate process, input table included)");
  const child = runMemoryChild();
  print(child === null ? "    could not start a child process" : `    ${child}  [< 250 MB]`);
}

function fmt(ci: [number, number] | null): string {
  return ci === null ? "null" : `[${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]`;
}

function runMemoryChild(): string | null {
  const self = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, "--expose-gc", self, "--memory-child"];
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (result.status !== 0) return result.stderr ? `child failed: ${result.stderr.split("\n")[0]}` : null;
  return result.stdout.trim();
}

function memoryChild(): void {
  const baseline = peakMB();
  const table = makeTable(1e6, 10, 3, false);
  gc();
  const afterTable = peakMB();
  const start = performance.now();
  const nominal = krippendorffAlpha(table.matrix, { level: "nominal" });
  const nominalTime = performance.now() - start;
  gc();
  const interval = krippendorffAlpha(table.matrix, { level: "interval" });
  console.log(
    `peak RSS ${peakMB().toFixed(0)} MB (runtime ${baseline.toFixed(0)} MB, with the input table ${afterTable.toFixed(0)} MB); ` +
      `nominal alpha ${nominal.value?.toFixed(4)} in ${nominalTime.toFixed(0)} ms, interval ${interval.value?.toFixed(4)}`,
  );
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  if (process.argv.includes("--memory-child")) memoryChild();
  else await benchMetrics((line) => console.log(line));
}
