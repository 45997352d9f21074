import type { MetricResult, ReliabilityMatrix, Status, Value } from "../model/reliability-matrix.js";
import { alphaResult } from "./_alpha-core.js";
import { alphaUnitResampler } from "./_alpha-unit-resampling.js";
import { summarise, undefinedResult } from "./_bootstrap-summary.js";
import { createRng, DEFAULT_SEED, type Rng } from "./_rng.js";
import { type AlphaOptions, krippendorffAlpha, prepareAlpha } from "./krippendorff-alpha.js";

export interface BootstrapOptions {
  /** Number of resamples N (default 1000). The stability check draws N more. */
  resamples?: number;
  /** Seed of the generator (default `DEFAULT_SEED`); the same seed gives the same digits. */
  seed?: number;
  /** Return the N resampled coefficients, sorted, in `values`. */
  keepValues?: boolean;
}

export interface AlphaBootstrapOptions extends AlphaOptions, BootstrapOptions {
  /**
   * "pairs" (default): Krippendorff & Hayes, resampling pairable values from the coincidence
   * matrix. "units": percentile bootstrap over units, from per-unit statistics.
   */
  method?: "pairs" | "units";
}

export interface BootstrapResult {
  method: "krippendorff-hayes" | "units";
  coefficient: string;
  /** The coefficient on the data as given. */
  estimate: number | null;
  status: Status;
  reason?: string;
  /** Percentile interval (Krippendorff's ranks: the ⌊0.025N⌋-th and (⌊0.975N⌋+1)-th of N). */
  ci95: [number, number] | null;
  /** Share of resampled coefficients below Krippendorff's thresholds .667 and .800. */
  pBelow: { "0.667": number; "0.8": number } | null;
  resamples: number;
  seed: number;
  /** Krippendorff–Hayes: pairs drawn per resample (M); units: units drawn per resample. */
  draws: number;
  /** Units bootstrap: resamples on which the coefficient was undefined (left out). */
  undefinedResamples?: number;
  values?: number[];
  /** How far the interval moves when N more resamples are added (2N in all). */
  stability: { ci95At2N: [number, number]; maxShift: number } | null;
}

const ALPHA_OPTIONS: unique symbol = Symbol("alphaOptions");

/** A metric function for `unitsBootstrap` that is Krippendorff's alpha, so it can take the fast path. */
export type AlphaMetric = ((m: ReliabilityMatrix) => MetricResult) & { [ALPHA_OPTIONS]: AlphaOptions };

/**
 * `krippendorffAlpha` with fixed options, as a metric for `unitsBootstrap`. The bootstrap
 * recognises it and resamples per-unit statistics instead of rebuilding matrices; the numbers
 * are the same either way.
 */
export function alphaMetric(options: AlphaOptions = {}): AlphaMetric {
  const metric = ((m: ReliabilityMatrix) => krippendorffAlpha(m, options)) as AlphaMetric;
  metric[ALPHA_OPTIONS] = { ...options };
  return metric;
}

/**
 * Bootstrap distribution of Krippendorff's alpha as Krippendorff and Hayes describe it, with
 * the percentile interval and the probability that alpha falls below .667 and .800.
 *
 * **Procedure** (method "pairs", the algorithm of Hayes's KALPHA macro as Krippendorff
 * specifies it in "Algorithm for bootstrapping a distribution of α", 2006, revised 2011; the
 * rule for M as in the R package kripp.boot): with the coincidence matrix o_ck, n..
 * pairable values and the data's D_e, let p_cc = o_cc / n.. and p_ck = 2 o_ck / n.. (c < k).
 * ```
 * M   = min(25 Q, (m − 1) n.. / 2)    Q = non-zero cells of o, m = coders (`draws`)
 * α*  = 1 − Σ_{j=1..M} δ(cell_j) / (M · D_e)    each cell_j drawn with probability p_ck
 * ```
 * α* below −1 is set to −1. A resample that drew only agreements on a single value has no
 * variation; Krippendorff sets such α* to 0: directly when one value carries all the diagonal,
 * otherwise for round(N Σ_c p_cc^M) of the resamples with α* = 1. D_e stays that of the data.
 * This resamples pairable values, not units; its interval is narrower than a units bootstrap,
 * and M is capped, so it does not narrow further with more data (Gwet, K. L. (2015) "Standard
 * error of Krippendorff's alpha coefficient", inter-rater-reliability.blogspot.com, argues
 * for resampling units instead).
 * Method "units" is the percentile bootstrap over units (`unitsBootstrap`), from per-unit
 * statistics computed once.
 *
 * **Reference**: Hayes, A. F. & Krippendorff, K. (2007) "Answering the call for a standard
 * reliability measure for coding data", *Communication Methods and Measures* 1(1), 77–89,
 * https://doi.org/10.1080/19312450709336664. Krippendorff, K. (2004) *Content Analysis: An
 * Introduction to Its Methodology*, 2nd ed., Sage, ch. 11.
 *
 * **Degenerate cases**: when alpha itself is undefined, the result has that status and reason
 * and null interval, probabilities and stability.
 *
 * @example
 * // Krippendorff (2011) example C (see krippendorffAlpha), nominal: alpha = 0.743
 * const b = alphaBootstrap(m, { level: "nominal", resamples: 1000, seed: 1 });
 * b.draws;             // => 60 = (4 − 1) · 40 / 2 pairs per resample
 * b.ci95;              // => [0.59375, 0.8717…], the same digits on every run with seed 1
 * b.pBelow["0.667"];   // => 0.131 of the resamples fall below .667
 * @throws RangeError for resamples < 1 or a seed that is not a safe integer.
 * O(resamples × M × log Q) for "pairs", O(resamples × units × coders) for "units".
 */
export function alphaBootstrap(m: ReliabilityMatrix, options: AlphaBootstrapOptions = {}): BootstrapResult {
  const { resamples, seed } = checkOptions(options);
  if (options.method === "units") return alphaUnitsBootstrap(m, options, resamples, seed, options.keepValues);
  const prepared = prepareAlpha(m, options);
  const estimate = alphaResult(prepared.coefficient, prepared.level, prepared.coded, prepared.coincidences, prepared.delta);
  const head = { method: "krippendorff-hayes" as const, coefficient: estimate.coefficient, estimate: estimate.value, resamples, seed };
  if (estimate.status !== "ok") return undefinedResult(head, estimate.reason, 0);

  const coinc = prepared.coincidences;
  const V = coinc.valueCount;
  const n = coinc.pairable;
  const expected = estimate.expected as number;
  // The cells c ≤ k as segments of [0, 1), each with its probability and its distance.
  const cumulative: number[] = [];
  const distance: number[] = [];
  let nonZeroCells = 0;
  let diagonalCells = 0;
  let total = 0;
  for (let c = 0; c < V; c++) {
    for (let k = c; k < V; k++) {
      const o = (coinc.matrix[c * V + k] as number) + (c === k ? 0 : (coinc.matrix[k * V + c] as number));
      if (o <= 0) continue;
      nonZeroCells += c === k ? 1 : 2;
      if (c === k) diagonalCells++;
      total += o / n;
      cumulative.push(total);
      distance.push(((prepared.delta[c * V + k] as number) + (prepared.delta[k * V + c] as number)) / 2);
    }
  }
  const draws = Math.max(1, Math.min(25 * nonZeroCells, Math.floor(((coinc.pairableCoders - 1) * n) / 2)));
  let diagonalMass = 0;
  for (let c = 0; c < V; c++) diagonalMass += ((coinc.matrix[c * V + c] as number) / n) ** draws;

  const rng = createRng(seed);
  const cells = Float64Array.from(cumulative);
  const last = cells.length - 1;
  cells[last] = Number.POSITIVE_INFINITY; // guards against the rounding of the running sum
  const raw = new Float64Array(2 * resamples);
  const scale = 1 / (draws * expected);
  for (let x = 0; x < raw.length; x++) {
    let sum = 0;
    for (let j = 0; j < draws; j++) {
      const r = rng.uint32() / 4294967296;
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cells[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      sum += distance[lo] as number;
    }
    let a = 1 - sum * scale;
    if (a < -1) a = -1;
    if (a === 1 && diagonalCells === 1) a = 0;
    raw[x] = a;
  }
  const correct = (values: Float64Array): Float64Array => {
    // Krippendorff's correction: round(N Σ p_cc^M) resamples drew a single value and are indeterminate.
    let limit = Math.round(values.length * diagonalMass);
    for (let i = 0; i < values.length && limit > 0; i++) {
      if (values[i] === 1) {
        values[i] = 0;
        limit--;
      }
    }
    return values;
  };
  const first = correct(raw.slice(0, resamples));
  const both = correct(raw.slice());
  return summarise(head, draws, first, both, options.keepValues);
}

/**
 * Percentile bootstrap over units for any coefficient: draw the units with replacement, N
 * times, recompute the coefficient, and report the percentile interval and the share below
 * .667 and .800. Resamples on which the coefficient is undefined are left out and counted.
 * For Krippendorff's alpha pass `alphaMetric(options)`: the same numbers come from per-unit
 * statistics computed once, without rebuilding a matrix per resample.
 *
 * **Reference**: Efron, B. & Tibshirani, R. J. (1993) *An Introduction to the Bootstrap*,
 * Chapman & Hall, ch. 13 (percentile interval).
 *
 * @example
 * unitsBootstrap(m, (x) => krippendorffAlpha(x, { level: "interval" }), { resamples: 1000, seed: 7 }).ci95;
 * @throws RangeError for resamples < 1 or a seed that is not a safe integer.
 */
export function unitsBootstrap(
  m: ReliabilityMatrix,
  metric: (m: ReliabilityMatrix) => MetricResult,
  options: BootstrapOptions = {},
): BootstrapResult {
  const { resamples, seed } = checkOptions(options);
  const alphaOptions = (metric as Partial<AlphaMetric>)[ALPHA_OPTIONS];
  if (alphaOptions !== undefined) return alphaUnitsBootstrap(m, alphaOptions, resamples, seed, options.keepValues);
  const estimate = metric(m);
  const U = m.units.length;
  const head = { method: "units" as const, coefficient: estimate.coefficient, estimate: estimate.value, resamples, seed };
  if (estimate.status !== "ok") return undefinedResult(head, estimate.reason, U);
  const rng = createRng(seed);
  const raw = new Float64Array(2 * resamples);
  const picks = new Int32Array(U);
  for (let x = 0; x < raw.length; x++) {
    drawUnits(rng, U, picks);
    const units = new Array<string>(U);
    for (let i = 0; i < U; i++) units[i] = m.units[picks[i] as number] as string;
    const values = m.values.map((row) => {
      const copy = new Array<Value | null>(U);
      for (let i = 0; i < U; i++) copy[i] = row[picks[i] as number] as Value | null;
      return copy;
    });
    const r = metric({ coders: m.coders, units, values });
    raw[x] = r.status === "ok" && r.value !== null ? r.value : Number.NaN;
  }
  return summarise(head, U, raw.slice(0, resamples), raw, options.keepValues);
}

function alphaUnitsBootstrap(
  m: ReliabilityMatrix,
  options: AlphaOptions,
  resamples: number,
  seed: number,
  keepValues: boolean | undefined,
): BootstrapResult {
  const prepared = prepareAlpha(m, options);
  const estimate = alphaResult(prepared.coefficient, prepared.level, prepared.coded, prepared.coincidences, prepared.delta);
  const U = prepared.coded.unitCount;
  const head = { method: "units" as const, coefficient: estimate.coefficient, estimate: estimate.value, resamples, seed };
  if (estimate.status !== "ok") return undefinedResult(head, estimate.reason, U);
  const resample = alphaUnitResampler(prepared, options);
  const rng = createRng(seed);
  const raw = new Float64Array(2 * resamples);
  const picks = new Int32Array(U);
  for (let x = 0; x < raw.length; x++) raw[x] = resample(drawUnits(rng, U, picks));
  return summarise(head, U, raw.slice(0, resamples), raw, keepValues);
}

/** U unit indices drawn with replacement (the one place both units paths consume the generator). */
function drawUnits(rng: Rng, U: number, picks = new Int32Array(U)): Int32Array {
  return rng.fillInts(picks, U);
}

function checkOptions(options: BootstrapOptions): { resamples: number; seed: number } {
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${String(resamples)}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  return { resamples, seed };
}
