import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { agreementStage, chanceCorrected, prepare } from "./_gwet.js";

/**
 * Brennan–Prediger coefficient (also Bennett's S, Randolph's free-marginal kappa, PABAK for two
 * categories): agreement corrected for the chance of hitting the same one of q categories by
 * uniform guessing. Pick it when coders were not constrained to any category distribution.
 *
 * ```
 * pa = mean over units with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))   (observed)
 * pe = 1 / q                                                                   (expected)
 * BP = (pa − pe) / (1 − pe)
 * se: Gwet's linearisation with pe_i = pe (chance does not depend on the data), CI with t(n − 1)
 * ```
 * q is the number of categories observed in the data.
 *
 * Reference: Brennan, R. L. & Prediger, D. J. (1981) Coefficient kappa: some uses, misuses,
 * and alternatives. *Educational and Psychological Measurement* 41(3), 687–699,
 * doi:10.1177/001316448104100307; Gwet (2014) *Handbook of Inter-Rater Reliability*, 4th ed.,
 * ch. 4–5; R irrCAC 1.0 `bp.coeff.raw`; statsmodels `fleiss_kappa(method="randolph")`.
 *
 * Missing data and degenerate cases: agreement over units with ≥ 2 ratings (irrCAC). Status
 * "undefined" with "fewer-than-two-coders", "no-units", "no-pairable-units", or "no-variation"
 * (one category only: pe = 1).
 *
 * @example
 * // Gwet (2014) cont3x3abstractors: pa = 0.89, q = 3
 * brennanPrediger(matrix).value; // => 0.835 (irrCAC vignette bp2.table)
 */
export function brennanPrediger(matrix: ReliabilityMatrix): MetricResult {
  const prepared = prepare(matrix, "brennanPrediger");
  if ("result" in prepared) return prepared.result;
  const stage = agreementStage(prepared.counts, null);
  return chanceCorrected("brennanPrediger", stage, 1 / prepared.counts.categoryCount, null, matrix.coders.length);
}
