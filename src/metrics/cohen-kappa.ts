import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { agreementWeights, codeMatrix, unitCategoryCounts, type CodedMatrix } from "./_category-counts.js";
import { congerCore } from "./_conger.js";
import { okResult, sqrtVariance, undefinedResult } from "./_result.js";
import { studentTQuantile } from "./student-t.js";

const NAMES = { none: "cohenKappa", linear: "weightedKappaLinear", quadratic: "weightedKappaQuadratic" } as const;

/**
 * Cohen's kappa: chance-corrected agreement between exactly two coders, with chance from each
 * coder's own category distribution. Weighted kappa gives partial credit for near-misses on an
 * ordered scale (linear or quadratic weights), the usual choice for ordinal ratings.
 *
 * ```
 * p_ij  = share of units coder A rated i and coder B rated j;  p_i., p_.j its margins
 * w_ij  = 1 (i = j), else 0 | 1 − |i − j| / (q − 1) | 1 − (i − j)² / (q − 1)²   (i, j: category index)
 * p_o   = Σ_ij w_ij p_ij (observed);  p_e = Σ_ij w_ij p_i. p_.j (expected);  κ = (p_o − p_e) / (1 − p_e)
 * w̄_i.  = Σ_j p_.j w_ij,  w̄_.j = Σ_i p_i. w_ij
 * se²   = [Σ_ij p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − p_e (1 − κ))²] / (n (1 − p_e)²)
 * se0²  = [Σ_ij p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / (n (1 − p_e)²)
 * ```
 * Interval: unweighted, κ ± z(0.975)·se (statsmodels, psych); weighted, irrCAC's
 * `conger.kappa.raw` interval, κ ± t(0.975, n − 1)·se_Gwet (its linearisation SE, see _conger.ts).
 * Upper bounds are capped at 1. Packages disagree on the SE: statsmodels `std_kappa` and psych use
 * the formula above for κ; for weighted κ statsmodels, psych and irrCAC give three different SEs
 * (se here = statsmodels, which matches the unweighted formula when the weights are the identity).
 *
 * Reference: Cohen, J. (1960) *Educational and Psychological Measurement* 20(1), 37–46,
 * doi:10.1177/001316446002000104; Cohen, J. (1968) Weighted kappa. *Psychological Bulletin*
 * 70(4), 213–220, doi:10.1037/h0026256; Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969) Large
 * sample standard errors of kappa and weighted kappa. *Psychological Bulletin* 72(5), 323–327,
 * doi:10.1037/h0028106.
 *
 * Missing data and degenerate cases: only units both coders rated are used (irr, sklearn,
 * statsmodels; irrCAC's `conger.kappa.raw` instead keeps one-coder units in each coder's
 * marginals, see `congerKappa`, which equals this κ on complete data); categories and their
 * indices are those observed on those units, in value order.
 * Status "undefined" with "not-two-coders", "no-units", "no-pairable-units" (no unit rated by
 * both), "non-numeric-values" (weighted kappa needs numbers), or "no-variation" (p_e = 1: one
 * category only; sklearn returns NaN there). With a single common unit se, se0 and ci95 are null.
 *
 * @example
 * // Wikipedia "Cohen's kappa": 50 proposals, Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15
 * cohenKappa(matrix).value; // => 0.4 (p_o 0.7, p_e 0.5), se 0.1269961, se0 0.1385641
 * @throws RangeError for an unknown weighting.
 */
export function cohenKappa(matrix: ReliabilityMatrix, weights: "none" | "linear" | "quadratic" = "none"): MetricResult {
  const name = NAMES[weights];
  if (name === undefined) throw new RangeError(`cohenKappa: unknown weights "${String(weights)}"`);
  const coders = matrix.coders.length;
  if (coders !== 2) return undefinedResult(name, "not-two-coders", { units: matrix.units.length, coders });
  return kappaOfCommonUnits(commonUnits(codeMatrix(matrix)), weights, matrix.units.length);
}

/**
 * @internal Cohen's kappa from the two coders' jointly rated units, already coded over the
 * categories observed on them in value order (what `commonUnits` gives), out of `unitCount`
 * units in all. Lets a caller that has those codes (the report's presence pairs) skip the
 * general encoding; `cohenKappa` is this after `commonUnits(codeMatrix(matrix))`.
 */
export function kappaOfCommonUnits(pair: CodedMatrix, weights: "none" | "linear" | "quadratic", unitCount: number): MetricResult {
  const name = NAMES[weights];
  const coders = 2;
  const n = pair.unitCount;
  const parts = { units: n, coders, pairable: 2 * n };
  if (unitCount === 0) return undefinedResult(name, "no-units", parts);
  if (n === 0) return undefinedResult(name, "no-pairable-units", parts);
  if (weights !== "none" && !pair.numeric) return undefinedResult(name, "non-numeric-values", parts);
  const q = pair.categories.length;
  const w = agreementWeights(weights, pair.categories.map((_, index) => index));
  const table = new Float64Array(q * q);
  const rows = new Float64Array(q);
  const columns = new Float64Array(q);
  for (let unit = 0; unit < n; unit++) {
    const a = pair.codes[unit] as number;
    const b = pair.codes[n + unit] as number;
    table[a * q + b] = (table[a * q + b] as number) + 1 / n;
    rows[a] = (rows[a] as number) + 1 / n;
    columns[b] = (columns[b] as number) + 1 / n;
  }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      observed += (w[i * q + j] as number) * (table[i * q + j] as number);
      expected += (w[i * q + j] as number) * (rows[i] as number) * (columns[j] as number);
    }
  }
  if (!(1 - expected > 1e-12)) return undefinedResult(name, "no-variation", { ...parts, observed, expected });
  const kappa = (observed - expected) / (1 - expected);
  if (n < 2) return { ...okResult(name, kappa, { ...parts, observed, expected }), se: null, se0: null, ci95: null };
  const rowMean = new Float64Array(q);
  const columnMean = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      rowMean[i] = (rowMean[i] as number) + (columns[j] as number) * (w[i * q + j] as number);
      columnMean[j] = (columnMean[j] as number) + (rows[i] as number) * (w[i * q + j] as number);
    }
  }
  let spread = 0;
  let spread0 = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const margin = (rowMean[i] as number) + (columnMean[j] as number);
      spread += (table[i * q + j] as number) * ((w[i * q + j] as number) - margin * (1 - kappa)) ** 2;
      spread0 += (rows[i] as number) * (columns[j] as number) * ((w[i * q + j] as number) - margin) ** 2;
    }
  }
  const scale = n * (1 - expected) ** 2;
  const se = sqrtVariance((spread - (kappa - expected * (1 - kappa)) ** 2) / scale);
  const se0 = sqrtVariance((spread0 - expected ** 2) / scale);
  let ci95: [number, number] | null = null;
  if (weights === "none") {
    const half = se === null ? null : studentTQuantile(0.975, Infinity) * se;
    if (half !== null) ci95 = [kappa - half, Math.min(1, kappa + half)];
  } else {
    ci95 = congerCore(name, pair, unitCategoryCounts(pair), w).ci95 ?? null;
  }
  return { ...okResult(name, kappa, { ...parts, observed, expected }), se, se0, ci95 };
}

/** The two coders' jointly rated units, recoded over the categories observed on them. */
function commonUnits(coded: CodedMatrix): CodedMatrix {
  const { unitCount, codes } = coded;
  const keep: number[] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    if ((codes[unit] as number) >= 0 && (codes[unitCount + unit] as number) >= 0) keep.push(unit);
  }
  const used = new Int32Array(coded.categories.length).fill(-1);
  for (const unit of keep) for (const cell of [unit, unitCount + unit]) used[codes[cell] as number] = 1;
  const categories = coded.categories.filter((_, index) => used[index] === 1);
  let next = 0;
  for (let k = 0; k < used.length; k++) if (used[k] === 1) used[k] = next++;
  const kept = new Int32Array(2 * keep.length);
  keep.forEach((unit, index) => {
    kept[index] = used[codes[unit] as number] as number;
    kept[keep.length + index] = used[codes[unitCount + unit] as number] as number;
  });
  const numeric = categories.every((value) => typeof value === "number");
  return { coderCount: 2, unitCount: keep.length, categories, numeric, codes: kept };
}
