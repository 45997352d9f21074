import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { agreementWeights } from "./_category-counts.js";
import { prepare } from "./_gwet.js";
import { undefinedResult } from "./_result.js";
import { gwetAgreement } from "./gwet-ac1.js";

/**
 * Gwet's AC2: AC1 with partial credit for near-misses on an ordered numeric scale, so two
 * coders who give 4 and 5 agree more than two who give 1 and 5. Use it for ordinal or interval
 * ratings when kappa's chance term is distorted by skewed prevalence.
 *
 * ```
 * w_kl (linear)    = 1 − |x_k − x_l| / (x_max − x_min)
 * w_kl (quadratic) = 1 − (x_k − x_l)² / (x_max − x_min)²
 * r*_ik = Σ_l w_kl r_il;   pa_i = Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))    (observed: mean pa_i)
 * pe    = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k),  T_w = Σ_kl w_kl          (expected)
 * AC2   = (pa − pe) / (1 − pe);  se by Gwet's linearisation, CI with t(n − 1)
 * ```
 * x_k are the observed category values (q of them).
 *
 * Reference: Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*, 4th ed., Advanced
 * Analytics, ch. 3 (weights) and 5; R irrCAC 1.0 `gwet.ac1.raw(weights = "linear" | "quadratic")`.
 *
 * Missing data and degenerate cases: as `gwetAC1`. Weights follow irrCAC, by category value;
 * weighted Cohen's kappa in irr/sklearn/statsmodels weights by category index instead, and the
 * two agree only for consecutive integer categories. Status "undefined" with "non-numeric-values"
 * when a value is not a number, and otherwise as `gwetAC1` ("no-variation" for one category).
 *
 * @example
 * // Krippendorff (2011) 4 observers × 12 units, values 1–5, with missing data
 * gwetAC2(matrix, "quadratic").value; // => 0.9140007236 (irrCAC gwet.ac1.raw, quadratic)
 * @throws RangeError for an unknown weighting.
 */
export function gwetAC2(matrix: ReliabilityMatrix, weights: "linear" | "quadratic"): MetricResult {
  if (weights !== "linear" && weights !== "quadratic") throw new RangeError(`gwetAC2: unknown weights "${String(weights)}"`);
  const name = weights === "linear" ? "gwetAC2Linear" : "gwetAC2Quadratic";
  const prepared = prepare(matrix, name);
  if ("result" in prepared) return prepared.result;
  const { coded, counts } = prepared;
  if (!coded.numeric) {
    return undefinedResult(name, "non-numeric-values", { units: counts.unitCount, coders: matrix.coders.length });
  }
  const matrixWeights = agreementWeights(weights, coded.categories as number[]);
  return gwetAgreement(name, counts, matrixWeights, matrix.coders.length);
}
