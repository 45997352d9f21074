import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { unitCategoryCounts } from "./_category-counts.js";
import { congerCore } from "./_conger.js";
import { listwise } from "./_listwise.js";

/**
 * Davies–Fleiss kappa: kappa for a fixed set of m coders who all rate every unit, with chance
 * agreement from each coder's own distribution averaged over coder pairs. It is Conger's kappa
 * for complete designs; choose it when the design is fully crossed and identified coders matter.
 *
 * ```
 * P_o = mean over units of Σ_k n_ik (n_ik − 1) / (m (m − 1))          (observed)
 * P_e = (2 / (m (m − 1))) Σ_{g<h} Σ_k p_gk p_hk                        (expected)
 * κ   = (P_o − P_e) / (1 − P_e);  se and ci95 as irrCAC's `conger.kappa.raw` on these units
 * ```
 *
 * Reference: Davies, M. & Fleiss, J. L. (1982) Measuring agreement for multinomial data.
 * *Biometrics* 38(4), 1047–1051, doi:10.2307/2529886; nltk 3.8 `AnnotationTask.multi_kappa`;
 * equals irr `kappam.fleiss(exact = TRUE)` and irrCAC `conger.kappa.raw` on complete data.
 *
 * Missing data and degenerate cases: the statistic is defined for complete data, so units with
 * any missing rating are dropped (listwise, as irr). Packages disagree with missing data: nltk
 * divides each coder's category counts by the number of all units; irrCAC's Conger keeps every
 * unit (see `congerKappa`). Status "undefined" with "fewer-than-two-coders", "no-units",
 * "no-complete-units" or "no-variation".
 *
 * @example
 * // Fleiss (1971) diagnoses, 30 patients × 6 psychiatrists (complete)
 * daviesFleissKappa(matrix).value; // => 0.4418085403 (nltk multi_kappa; irr exact = TRUE)
 */
export function daviesFleissKappa(matrix: ReliabilityMatrix): MetricResult {
  const name = "daviesFleissKappa";
  const deleted = listwise(name, matrix);
  if (deleted.undefined) return deleted.undefined;
  const { complete } = deleted;
  return congerCore(name, complete, unitCategoryCounts(complete), null);
}
