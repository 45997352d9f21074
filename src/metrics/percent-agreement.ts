import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { agreementStage, chanceCorrected, prepare } from "./_gwet.js";

/**
 * Percent agreement (pairwise): the share of agreeing rater pairs, averaged over units. It is
 * the plain "how often did coders agree" figure, uncorrected for chance, and the observed
 * agreement inside every kappa-type coefficient; report it beside a chance-corrected one.
 *
 * ```
 * pa_i = Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))      (share of agreeing ordered pairs in unit i)
 * pa   = (1/n') Σ_{i: r_i ≥ 2} pa_i                 (value = observed)
 * var  = Σ_i ((n/n') pa_i − pa)² / (n (n − 1))      (se; pa_i = 0 when r_i < 2)
 * ```
 * r_ik: ratings of category k in unit i; r_i their sum; n' units with ≥ 2 ratings, n units
 * with ≥ 1 rating. CI = pa ± t(0.975, n − 1)·se, upper bound capped at 1.
 *
 * Reference: Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*, 4th ed., Advanced
 * Analytics, ch. 2 and 5; R irrCAC 1.0 `pa.coeff.raw` (also nltk `AnnotationTask.avg_Ao`).
 *
 * Missing data and degenerate cases: units with fewer than two ratings add nothing to pa but
 * count in n for the variance (as in irrCAC). Status "undefined" with reason
 * "fewer-than-two-coders", "no-units" or "no-pairable-units" (no unit has two ratings).
 * One category only gives pa = 1 (defined). se and ci95 are null for a single unit.
 * Known disagreement: irr's `agree` is a different statistic (unanimous agreement on
 * complete units); see `percentAgreementUnanimous`.
 *
 * @example
 * // Cohen's kappa article on Wikipedia: 50 proposals, readers agree on 20 + 15
 * percentAgreement(matrix).value; // => 0.7, se 0.06546536707 (irrCAC pa.coeff.raw)
 */
export function percentAgreement(matrix: ReliabilityMatrix): MetricResult {
  const prepared = prepare(matrix, "percentAgreement");
  if ("result" in prepared) return prepared.result;
  const stage = agreementStage(prepared.counts, null);
  // With pe = 0 the linearised kappa variance reduces to the variance of pa itself.
  const result = chanceCorrected("percentAgreement", stage, 0, null, matrix.coders.length);
  return { ...result, expected: null };
}
