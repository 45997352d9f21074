/**
 * The report's per-code bootstraps on worker threads. Each code's bootstrap is independent and
 * uses the report's seed (as `computeCodeRow` does), so splitting the codes over threads gives the
 * same digits as the single-threaded report; pass the result to `buildReport` as `bootstraps`.
 *
 * The coders' code sets are sent once, packed into typed arrays; each thread rebuilds the presence
 * matrices of its codes and runs `codeBootstrap` on them. The calling thread takes a share too.
 * The worker script is `_bootstrap-worker.js` beside this module (the built package); when this
 * module runs as TypeScript source (vitest, tsx) the worker is the `.ts` file loaded with tsx. A
 * worker that cannot start or fails leaves its codes to the calling thread, with the same digits.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AlignedUnit } from "../model/aligned.js";
import { unitId } from "../align/to-matrix.js";
import { bootstrapChunk, type PackedUnits } from "./_bootstrap-chunk.js";
import type { AlphaBootstrapSummary } from "./types.js";

export interface ParallelBootstrapOptions {
  resamples: number;
  seed: number;
  /** Threads to use, the calling one included (1 = no workers). Default: `autoThreads(codes.length)`. */
  threads?: number;
  /** Called with the number of codes finished, as they finish (for a progress bar). */
  onProgress?: (codes: number) => void;
}

/** Codes per thread below which starting another thread costs more than it saves. */
const MIN_CODES_PER_THREAD = 16;

/** The default thread count: one per available core, but no more than one per 16 codes. */
export function autoThreads(codes: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(codes / MIN_CODES_PER_THREAD)));
}

/** The coders' code sets of every unit as typed arrays (what a worker receives). */
export function packUnits(coders: readonly string[], units: readonly AlignedUnit[], codes: readonly string[]): PackedUnits {
  const index = new Map(codes.map((c, k) => [c, k]));
  const C = coders.length;
  const U = units.length;
  const missing = new Uint8Array(C * U);
  const offsets = new Int32Array(C * U + 1);
  const items: number[] = [];
  for (let c = 0; c < C; c++) {
    for (let u = 0; u < U; u++) {
      const cell = c * U + u;
      const set = units[u]!.codes[c];
      if (set === null || set === undefined) missing[cell] = 1;
      else for (const code of set) { const k = index.get(code); if (k !== undefined) items.push(k); }
      offsets[cell + 1] = items.length;
    }
  }
  return { coders: [...coders], unitIds: units.map(unitId), codes: [...codes], missing, offsets, items: Int32Array.from(items) };
}

/**
 * The worker's entry. Built: `_bootstrap-worker.js`. As TypeScript source, a small module that
 * registers tsx's loader in the worker and then imports `_bootstrap-worker.ts` (Node 20 does not
 * apply `--import tsx` from a worker's `execArgv` to the worker's entry point).
 */
function workerScript(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./_bootstrap-worker.js", import.meta.url);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const entry = new URL("./_bootstrap-worker.ts", import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Bootstrap the codes `chunk` (indices into `packed.codes`) on one worker thread; null if the worker could not run. */
export function bootstrapOnWorker(packed: PackedUnits, chunk: readonly number[], resamples: number, seed: number): Promise<[string, AlphaBootstrapSummary | null][] | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerScript(), { workerData: { packed, chunk, resamples, seed } });
    } catch {
      resolve(null);
      return;
    }
    let settled = false;
    const done = (value: [string, AlphaBootstrapSummary | null][] | null) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(value);
    };
    worker.once("message", (m: [string, AlphaBootstrapSummary | null][]) => done(m));
    worker.once("error", () => done(null));
    worker.once("exit", () => done(null));
  });
}

/**
 * Bootstrap every code's alpha (Krippendorff–Hayes, `resamples` resamples, the report's `seed`),
 * on up to `threads` threads. Returns code → summary (null where alpha is undefined or
 * `resamples` is 0): the same values `computeCodeRow` computes one code at a time.
 *
 * @example
 * const bootstraps = await bootstrapAllCodes(coders, units, allCodes(transcripts), { resamples: 1000, seed: 20260101 });
 * buildReport({ ...input, bootstraps });
 */
export async function bootstrapAllCodes(
  coders: readonly string[],
  units: readonly AlignedUnit[],
  codes: readonly string[],
  options: ParallelBootstrapOptions,
): Promise<Map<string, AlphaBootstrapSummary | null>> {
  const threads = Math.max(1, Math.min(codes.length, Math.floor(options.threads ?? autoThreads(codes.length))));
  const packed = packUnits(coders, units, codes);
  // Round-robin, so that each thread gets codes from the whole alphabet (costs vary by code).
  const chunks = Array.from({ length: threads }, (_, t) => codes.map((_, k) => k).filter((k) => k % threads === t));
  const pending = chunks.slice(1).map((chunk) => bootstrapOnWorker(packed, chunk, options.resamples, options.seed).then((r) => {
    options.onProgress?.(chunk.length);
    return r;
  }));
  const results: [string, AlphaBootstrapSummary | null][] = [];
  for (const k of chunks[0] ?? []) {
    results.push(...bootstrapChunk(packed, [k], options.resamples, options.seed));
    options.onProgress?.(1);
  }
  const fromWorkers = await Promise.all(pending);
  fromWorkers.forEach((r, i) => results.push(...(r ?? bootstrapChunk(packed, chunks[i + 1]!, options.resamples, options.seed))));
  const map = new Map<string, AlphaBootstrapSummary | null>();
  for (const code of codes) map.set(code, null);
  for (const [code, summary] of results) map.set(code, summary);
  return map;
}
