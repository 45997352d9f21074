import type { Level, MetricResult, ReliabilityMatrix, Value } from "../model/reliability-matrix.js";
import { alphaResult } from "./_alpha-core.js";
import { customDistanceTable, distanceTable, pairDistance } from "./_alpha-distances.js";
import { alphaManyValues, MAX_TABLE_VALUES } from "./_alpha-many-values.js";
import { alphaOnePass, type OnePassOptions } from "./_alpha-one-pass.js";
import { type CodedMatrix, type Coincidences, coincidenceMatrix, compareScalars, encodeScalars } from "./_coincidences.js";

export interface AlphaOptions {
  /** Level of measurement; picks Krippendorff's difference function. Default "nominal". */
  level?: Level;
  /**
   * A caller-supplied distance δ(a, b) ≥ 0 on numeric values (δ(a, a) should be 0); overrides
   * `level` for the computation, and the coefficient is named "alphaCustom".
   */
  distance?: (a: number, b: number) => number;
  /** Ordinal only: the values from lowest to highest, when their natural order is not meant. */
  order?: readonly Value[];
  /** Compute `se` and `ci95` (default true); false skips their second pass over the ratings. */
  standardError?: boolean;
}

const NAMES: Record<Level, string> = {
  nominal: "alphaNominal",
  ordinal: "alphaOrdinal",
  interval: "alphaInterval",
  ratio: "alphaRatio",
};

/**
 * Krippendorff's alpha: agreement among any number of coders, beyond what the values' overall
 * distribution would give by chance, for nominal, ordinal, interval or ratio data or any
 * distance. It tolerates missing ratings and needs no fixed set of coders, which makes it the
 * usual choice for content analysis and for coded interview data (Hayes & Krippendorff 2007).
 *
 * **Formula** (coincidence form):
 * ```
 * o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1)          (`coincidenceMatrix`)
 * D_o  = (1/n..) Σ_c Σ_k o_ck δ_ck                                  (`observed`)
 * D_e  = (1/(n..(n.. − 1))) Σ_c Σ_k n_c (n_k − [c = k]) δ_ck        (`expected`)
 * α    = 1 − D_o / D_e                                              (`value`)
 * ```
 * m_u is the number of ratings of unit u, n_c the number of pairable values equal to c, n..
 * the number of pairable values (`pairable`), δ_ck the level's difference function: nominal
 * [c ≠ k]; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over ranked values (as the Python
 * `krippendorff` package; irrCAC's "ordinal" weights are a different metric); interval
 * (c − k)²; ratio ((c − k)/(c + k))² with δ(0, 0) = 0.
 * `se` and `ci95` are Gwet's linearised standard error and t-interval exactly as irrCAC
 * `krippen.alpha.raw` computes them (upper bound capped at 1).
 *
 * **Reference**: Krippendorff, K. (2011) *Computing Krippendorff's Alpha-Reliability*,
 * Annenberg School for Communication Departmental Papers 43,
 * https://repository.upenn.edu/asc_papers/43 (section C, p. 8: nominal example with missing
 * data, α = 0.743; ordinal 0.815, interval 0.849, ratio 0.797). Krippendorff, K. (2004)
 * *Content Analysis*, 2nd ed., Sage, ch. 11. Gwet, K. L. (2014) *Handbook of Inter-Rater
 * Reliability*, 4th ed., ch. 6 (standard error).
 *
 * **Missing data and degenerate cases**: `null` ratings are skipped; units with fewer than two
 * ratings cannot be paired and are left out (`units` and `pairable` count what was used), so
 * adding a unit rated by one coder does not change alpha. Status `"undefined"` with reason
 * `"no-pairable-values"` when no unit has two ratings, and `"no-variation"` when D_e = 0 (one
 * value only). Other packages answer that case with 1 (irr, nltk), NaN (irrCAC) or an error
 * (`krippendorff`). `se`/`ci95` are null with fewer than two pairable units.
 *
 * @example
 * // Krippendorff (2011), section C: 4 observers × 12 units, values 1–5, with missing data
 * const m = { coders: ["A", "B", "C", "D"], units: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
 *   values: [[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
 *            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
 *            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
 *            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]] };
 * krippendorffAlpha(m).value;                         // => 0.743 (0.7434210526…)
 * krippendorffAlpha(m, { level: "interval" }).value;  // => 0.849
 *
 * @throws TypeError for non-numeric values with interval, ratio or a custom distance;
 *   RangeError for a malformed matrix or negative values at the ratio level.
 * Runs in O(units × coders² + values²) time and O(units × coders + values²) memory. When every
 * value is a small non-negative integer and the level is not ordinal, alpha and its standard
 * error come from a single pass over the ratings (`_alpha-one-pass.ts`, coding a few thousand
 * units at a time); otherwise the values are integer-coded once and passed over twice. For
 * tables coded once and analysed many times, `krippendorffAlphaCoded` takes the codes directly. Past 2048 distinct values (e.g. continuous
 * scores) it works without V × V tables, in O(units × coders + values) memory and, except for
 * nominal and interval, O(values²) time.
 */
export function krippendorffAlpha(m: ReliabilityMatrix, options: AlphaOptions = {}): MetricResult {
  checkLevel(options);
  const fast = alphaOnePass(m, onePassOptions(options));
  if (fast !== null) return fast;
  return alphaFromCodes(encodeAlpha(m, options), options);
}

/**
 * @internal The general route from coded values: without V × V tables past 2048 distinct
 * values, else the coincidence matrix and a second pass for the standard error.
 */
export function alphaFromCodes(coded: CodedMatrix<Value>, options: AlphaOptions): MetricResult {
  const standardError = options.standardError !== false;
  const names = naming(options);
  if (coded.values.length > MAX_TABLE_VALUES) {
    const makeDistance = (marginals: Float64Array) => pairDistance(coded.values, options, marginals);
    return alphaManyValues(names.coefficient, names.level, coded, makeDistance, standardError);
  }
  const { coincidences, delta } = prepareCoded(coded, options);
  return alphaResult(names.coefficient, names.level, coded, coincidences, delta, standardError);
}

/** @internal The coded data, coincidences and distance table behind an alpha (used by the bootstraps). */
export interface PreparedAlpha {
  coefficient: string;
  level: Level | undefined;
  coded: CodedMatrix<Value>;
  coincidences: Coincidences;
  delta: Float64Array;
}

/**
 * @internal The dense stages (V × V tables), for at most 2048 distinct values.
 * @throws RangeError beyond that (the bootstraps need the tables).
 */
export function prepareAlpha(m: ReliabilityMatrix, options: AlphaOptions = {}, coded = encodeAlpha(m, options)): PreparedAlpha {
  if (coded.values.length > MAX_TABLE_VALUES) {
    throw new RangeError(`${coded.values.length} distinct values; the bootstraps support at most ${MAX_TABLE_VALUES}`);
  }
  return prepareCoded(coded, options);
}

function prepareCoded(coded: CodedMatrix<Value>, options: AlphaOptions): PreparedAlpha {
  const level = options.level ?? "nominal";
  const coincidences = coincidenceMatrix(coded);
  const delta = options.distance
    ? customDistanceTable(coded.values, options.distance)
    : distanceTable(coded.values, level, coincidences.marginals, options.order);
  return { ...naming(options), coded, coincidences, delta };
}

/**
 * @internal Integer-code a matrix's values (canonical order; 32-bit codes when `wide`).
 * @throws TypeError for an unknown level or a non-finite number.
 */
export function encodeAlpha(m: ReliabilityMatrix, options: AlphaOptions, wide = false): CodedMatrix<Value> {
  checkLevel(options);
  const coded = encodeScalars<Value>(m, compareScalars, wide);
  checkFinite(coded.values);
  return coded;
}

/** @internal @throws TypeError for an unknown level. */
export function checkLevel(options: AlphaOptions): void {
  const level = options.level ?? "nominal";
  if (!(level in NAMES)) throw new TypeError(`unknown level "${String(level)}"`);
}

/** @internal @throws TypeError for a number that is not finite. */
export function checkFinite(values: readonly Value[]): void {
  for (const v of values) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new TypeError(`${String(v)} is not a value; use null for a missing rating`);
    }
  }
}

/** @internal The coefficient's name and reported level. */
export function naming(options: AlphaOptions): { coefficient: string; level: Level | undefined } {
  const level = options.level ?? "nominal";
  return options.distance
    ? { coefficient: "alphaCustom", level: options.level }
    : { coefficient: NAMES[level], level };
}

/** @internal What the one-pass route needs from the options. */
export function onePassOptions(options: AlphaOptions): OnePassOptions {
  const names = naming(options);
  return {
    level: options.level ?? "nominal",
    ...(options.distance ? { distance: options.distance } : {}),
    coefficient: names.coefficient,
    reportedLevel: names.level,
    standardError: options.standardError !== false,
  };
}
