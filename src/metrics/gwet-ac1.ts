import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import type { UnitCounts } from "./_category-counts.js";
import { agreementStage, chanceCorrected, prepare, type Prepared } from "./_gwet.js";
import { undefinedResult } from "./_result.js";

/**
 * Gwet's AC1: chance-corrected agreement whose chance term shrinks when categories are very
 * unequal in prevalence, so it avoids the "high agreement, low kappa" paradox. Use it beside
 * kappa when one code is rare (or nearly always present), as with per-code presence matrices.
 *
 * ```
 * pa   = mean over units with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))   (observed)
 * π_k  = mean over units with r_i ≥ 1 of r_ik / r_i
 * pe   = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k)          (expected; T_w = Σ_kl w_kl = q for AC1)
 * AC1  = (pa − pe) / (1 − pe)
 * pe_i = T_w / (q (q − 1)) · Σ_k r_ik (1 − π_k) / r_i;  se by Gwet's linearisation, CI with t(n − 1)
 * ```
 * q is the number of categories observed in the data.
 *
 * Reference: Gwet, K. L. (2008) Computing inter-rater reliability and its variance in the
 * presence of high agreement. *British Journal of Mathematical and Statistical Psychology*
 * 61(1), 29–48, doi:10.1348/000711006X126600; Gwet (2014) *Handbook of Inter-Rater
 * Reliability*, 4th ed., ch. 5; R irrCAC 1.0 `gwet.ac1.raw`.
 *
 * Missing data and degenerate cases: agreement over units with ≥ 2 ratings, π_k over units
 * with ≥ 1 rating (irrCAC). Status "undefined" with "fewer-than-two-coders", "no-units",
 * "no-pairable-units", or "no-variation" when only one category occurs: packages disagree
 * there (irrCAC sets pe = 1e-15 and reports AC1 = 1, kappa-type coefficients give NaN).
 *
 * @example
 * // Gwet (2014) cont3x3abstractors: 100 women, 2 abstractors, 3 categories
 * gwetAC1(matrix).value; // => 0.8493305 (irrCAC vignette gwet.ac1.table)
 */
export function gwetAC1(matrix: ReliabilityMatrix): MetricResult {
  return gwetAC1Of(matrix, prepare(matrix, "gwetAC1"));
}

/** @internal `gwetAC1` from `prepare(matrix, "gwetAC1", …)`, for callers that share the matrix's codes and counts. */
export function gwetAC1Of(matrix: ReliabilityMatrix, prepared: Prepared): MetricResult {
  if ("result" in prepared) return prepared.result;
  return gwetAgreement("gwetAC1", prepared.counts, null, matrix.coders.length);
}

/** AC1 (`weights` null) or AC2 (agreement weights, q × q row-major) on counted units. */
export function gwetAgreement(name: string, counts: UnitCounts, weights: Float64Array | null, coders: number): MetricResult {
  const q = counts.categoryCount;
  const stage = agreementStage(counts, weights);
  if (q < 2) {
    const parts = { observed: stage.observed, units: stage.units, coders, pairable: stage.pairable };
    return undefinedResult(name, "no-variation", parts);
  }
  let totalWeight = q;
  if (weights !== null) totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const factor = totalWeight / (q * (q - 1));
  const pi = stage.classProbabilities;
  let spread = 0;
  for (let k = 0; k < q; k++) spread += (pi[k] as number) * (1 - (pi[k] as number));
  const unitExpected = new Float64Array(counts.unitCount);
  for (let unit = 0; unit < counts.unitCount; unit++) {
    let sum = 0;
    for (let k = 0; k < q; k++) sum += (counts.counts[unit * q + k] as number) * (1 - (pi[k] as number));
    unitExpected[unit] = (factor * sum) / (counts.ratings[unit] as number);
  }
  return chanceCorrected(name, stage, factor * spread, unitExpected, coders);
}
