import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { completeUnits, type CodedMatrix } from "./_category-counts.js";
import { agreementStage, chanceCorrected, prepare, type Prepared } from "./_gwet.js";

/**
 * Fleiss' kappa: chance-corrected agreement among any number of coders, with chance taken
 * from the pooled category distribution (coders are treated as interchangeable). The usual
 * choice when different units may be rated by different coders; with two coders it is Scott's pi.
 *
 * ```
 * pa   = mean over units with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))   (observed)
 * π_k  = mean over units with r_i ≥ 1 of r_ik / r_i
 * pe   = Σ_k π_k²                                                             (expected)
 * κ    = (pa − pe) / (1 − pe)
 * pe_i = Σ_k r_ik π_k / r_i;  se by Gwet's linearisation (see _gwet.ts), CI with t(n − 1)
 * se0  = √2 / (Σ_k p_k q_k · √(n_c m (m − 1))) · √((Σ_k p_k q_k)² − Σ_k p_k q_k (q_k − p_k))
 * ```
 * se0 (Fleiss, Nee & Landis 1979) is the SE under the null of chance agreement, computed on the
 * n_c complete units (m coders each), p_k the share of their ratings in category k, q_k = 1 − p_k.
 *
 * Reference: Fleiss, J. L. (1971) Measuring nominal scale agreement among many raters.
 * *Psychological Bulletin* 76(5), 378–382, doi:10.1037/h0031619 (Table 1, κ = .430); Fleiss,
 * J. L., Nee, J. C. M. & Landis, J. R. (1979) *Psychological Bulletin* 86(5), 974–977,
 * doi:10.1037/0033-2909.86.5.974; Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*,
 * 4th ed., ch. 5 (missing data, variance); R irrCAC 1.0 `fleiss.kappa.raw`.
 *
 * Missing data and degenerate cases: Gwet's generalisation, as irrCAC: agreement over units with
 * ≥ 2 ratings, π_k over units with ≥ 1 rating. Packages disagree here: irr `kappam.fleiss` and
 * statsmodels drop every unit with a missing rating (Krippendorff 2011 data: 0.6415 there, 0.7612
 * here). se0 follows irr (listwise) and is null when no unit is complete. Status "undefined" with
 * "fewer-than-two-coders", "no-units", "no-pairable-units", or "no-variation" (pe = 1: one
 * category only; irrCAC gives NaN there).
 *
 * @example
 * // Fleiss (1971) Table 1: 30 patients, 6 psychiatrists, 5 diagnoses
 * fleissKappa(matrix).value; // => 0.4302445201 (published .430), se 0.0541989, se0 0.0243739
 */
export function fleissKappa(matrix: ReliabilityMatrix): MetricResult {
  return fleissKappaOf(matrix, prepare(matrix, "fleissKappa"));
}

/** @internal `fleissKappa` from `prepare(matrix, "fleissKappa", …)`, for callers that share the matrix's codes and counts. */
export function fleissKappaOf(matrix: ReliabilityMatrix, prepared: Prepared): MetricResult {
  if ("result" in prepared) return prepared.result;
  const { coded, counts } = prepared;
  const stage = agreementStage(counts, null);
  const q = counts.categoryCount;
  const pi = stage.classProbabilities;
  let expected = 0;
  for (let k = 0; k < q; k++) expected += (pi[k] as number) ** 2;
  const unitExpected = new Float64Array(counts.unitCount);
  for (let unit = 0; unit < counts.unitCount; unit++) {
    let sum = 0;
    for (let k = 0; k < q; k++) sum += (counts.counts[unit * q + k] as number) * (pi[k] as number);
    unitExpected[unit] = sum / (counts.ratings[unit] as number);
  }
  const result = chanceCorrected("fleissKappa", stage, expected, unitExpected, matrix.coders.length);
  return result.status === "ok" ? { ...result, se0: nullStandardError(coded) } : result;
}

/** Fleiss, Nee & Landis (1979) SE under H0 on the complete units (irr's listwise deletion). */
function nullStandardError(coded: CodedMatrix): number | null {
  const complete = completeUnits(coded);
  const m = complete.coderCount;
  const n = complete.unitCount;
  if (n === 0) return null;
  const share = new Float64Array(coded.categories.length);
  for (const code of complete.codes) share[code] = (share[code] as number) + 1;
  let sumPQ = 0;
  let sumPQQP = 0;
  for (const count of share) {
    const p = count / (n * m);
    sumPQ += p * (1 - p);
    sumPQQP += p * (1 - p) * (1 - 2 * p);
  }
  if (sumPQ === 0) return null;
  return (Math.SQRT2 / (sumPQ * Math.sqrt(n * m * (m - 1)))) * Math.sqrt(Math.max(0, sumPQ ** 2 - sumPQQP));
}
