import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { fleissKappa } from "./fleiss-kappa.js";
import { undefinedResult } from "./_result.js";

/**
 * Scott's pi: chance-corrected agreement between exactly two coders, with chance from the two
 * coders' pooled category distribution. Prefer it to Cohen's kappa when the two coders are
 * interchangeable (chance should not reward their different habits).
 *
 * ```
 * π_k = mean over units of r_ik / r_i;   pe = Σ_k π_k²   (expected)
 * pa  = share of units (rated twice) on which the two agree   (observed)
 * π   = (pa − pe) / (1 − pe)
 * ```
 * It is Fleiss' kappa restricted to two coders, so value, se and ci95 are those of
 * `fleissKappa` (Gwet's linearisation SE, CI with t(n − 1), upper bound capped at 1).
 *
 * Reference: Scott, W. A. (1955) Reliability of content analysis: the case of nominal scale
 * coding. *Public Opinion Quarterly* 19(3), 321–325, doi:10.1086/266577; Gwet, K. L. (2014)
 * *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2 (`scott2.table`, `fleiss.kappa.raw`).
 *
 * Missing data and degenerate cases: as `fleissKappa` (Gwet: agreement over units both coders
 * rated, π_k over units with ≥ 1 rating; nltk `pi` and listwise versions agree on complete
 * data). Status "undefined" with "not-two-coders", "no-units", "no-pairable-units" or
 * "no-variation".
 *
 * @example
 * // Gwet (2014) cont3x3abstractors, 100 women, 2 abstractors
 * scottPi(matrix).value; // => 0.7962397 (irrCAC vignette scott2.table)
 */
export function scottPi(matrix: ReliabilityMatrix): MetricResult {
  if (matrix.coders.length !== 2) {
    return undefinedResult("scottPi", "not-two-coders", { units: matrix.units.length, coders: matrix.coders.length });
  }
  const { se0: _nullSe, ...result } = fleissKappa(matrix);
  return { ...result, coefficient: "scottPi" };
}
