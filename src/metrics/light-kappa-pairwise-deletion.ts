import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { codeMatrix, unitCategoryCounts } from "./_category-counts.js";
import { meanPairKappa } from "./_pairwise-kappa.js";
import { okResult, undefinedResult } from "./_result.js";

/**
 * Light's kappa with pairwise deletion: the mean of Cohen's kappa over all pairs of coders,
 * each pair using every unit both of its coders rated. With missing data it uses far more of
 * the data than listwise `lightKappa`; on complete data the two are equal.
 *
 * ```
 * κ_gh = (p_o(g,h) − p_e(g,h)) / (1 − p_e(g,h))   over the units rated by both g and h
 * κ_LP = (2 / (m (m − 1))) Σ_{g<h} κ_gh             (value; observed/expected: mean p_o, p_e)
 * ```
 *
 * Reference: Light, R. J. (1971) *Psychological Bulletin* 76(5), 365–377,
 * doi:10.1037/h0031643; pairwise deletion as in Hallgren, K. A. (2012) Computing inter-rater
 * reliability for observational data. *Tutorials in Quantitative Methods for Psychology* 8(1),
 * 23–34, doi:10.20982/tqmp.08.1.p023. Checked against an independent implementation
 * (reference cases); no R or Python package offers this variant directly (irr is listwise).
 *
 * Missing data and degenerate cases: each pair drops only the units one of its coders missed;
 * `units` counts units rated by at least two coders. Status "undefined" with
 * "fewer-than-two-coders", "no-units", "no-pairable-units", "pair-without-common-units" (some pair shares no unit),
 * or "no-variation" (a pair's chance agreement is 1). No analytic SE. Cost O(m² × units).
 *
 * @example
 * // Krippendorff (2011) 4 observers × 12 units with missing values
 * lightKappaPairwiseDeletion(matrix).value; // => 0.7001626371 (listwise lightKappa: 0.6435)
 */
export function lightKappaPairwiseDeletion(matrix: ReliabilityMatrix): MetricResult {
  const name = "lightKappaPairwiseDeletion";
  const coders = matrix.coders.length;
  const coded = codeMatrix(matrix);
  const counts = unitCategoryCounts(coded);
  let units = 0;
  let pairable = 0;
  for (const r of counts.ratings) if (r >= 2) (units++, (pairable += r));
  const parts = { units, coders, pairable };
  if (coders < 2) return undefinedResult(name, "fewer-than-two-coders", parts);
  if (matrix.units.length === 0) return undefinedResult(name, "no-units", parts);
  if (units === 0) return undefinedResult(name, "no-pairable-units", parts);
  const mean = meanPairKappa(coded);
  const withParts = { ...parts, observed: mean.observed, expected: mean.expected };
  if (mean.kappa === null) return undefinedResult(name, mean.reason, withParts);
  return { ...okResult(name, mean.kappa, withParts), se: null, ci95: null };
}
