import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { congerCore } from "./_conger.js";
import { prepare } from "./_gwet.js";

/**
 * Conger's kappa: Cohen's kappa generalised to any number of coders, with chance agreement
 * from each coder's own category distribution, averaged over coder pairs. Pick it when the
 * same identified coders rate the units and their personal habits are part of the design.
 *
 * ```
 * pa   = mean over units with r_i ≥ 2 of Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))   (observed)
 * p_gk = share of coder g's own ratings in category k;  S_k = Σ_g p_gk
 * pe   = Σ_k (S_k² − Σ_g p_gk²) / (r (r − 1))     (expected: mean over pairs g ≠ h of Σ_k p_gk p_hk)
 * κ_C  = (pa − pe) / (1 − pe);  se by Gwet's linearisation (see _conger.ts), CI with t(n − 1)
 * ```
 * With two coders and complete data κ_C is Cohen's kappa; on complete data it equals the
 * Davies–Fleiss kappa and irr `kappam.fleiss(exact = TRUE)`.
 *
 * Reference: Conger, A. J. (1980) Integration and generalization of kappas for multiple raters.
 * *Psychological Bulletin* 88(2), 322–328, doi:10.1037/0033-2909.88.2.322; Gwet (2014)
 * *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2 and 5; R irrCAC 1.0 `conger.kappa.raw`.
 *
 * Missing data and degenerate cases: Gwet's generalisation, as irrCAC: pa over units with ≥ 2
 * ratings, p_gk over the units coder g rated (so a lone rating still moves g's marginals);
 * coders with no rating are left out. Packages disagree: irr `kappam.fleiss(exact = TRUE)` drops
 * units with any missing rating (Krippendorff 2011 data: 0.6458 there, 0.7621 here). Status
 * "undefined" with "fewer-than-two-coders", "no-units", "no-pairable-units" or "no-variation".
 *
 * @example
 * // Fleiss (1971) diagnoses, 30 patients × 6 psychiatrists
 * congerKappa(matrix).value; // => 0.4418085403 (irrCAC conger.kappa.raw; irr exact = TRUE)
 */
export function congerKappa(matrix: ReliabilityMatrix): MetricResult {
  const prepared = prepare(matrix, "congerKappa");
  if ("result" in prepared) return prepared.result;
  return congerCore("congerKappa", prepared.coded, prepared.counts, null);
}
