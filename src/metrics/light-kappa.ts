import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { meanPairKappa } from "./_pairwise-kappa.js";
import { okResult, undefinedResult } from "./_result.js";
import { listwise } from "./_listwise.js";

/**
 * Light's kappa: the mean of Cohen's kappa over all pairs of coders, on the units that every
 * coder rated. It keeps Cohen's coder-specific chance term for more than two coders; use it for
 * a fixed team of coders and complete data (with missing data see `lightKappaPairwiseDeletion`).
 *
 * ```
 * κ_gh = (p_o(g,h) − p_e(g,h)) / (1 − p_e(g,h))     (Cohen's kappa of coders g and h)
 * κ_L  = (2 / (m (m − 1))) Σ_{g<h} κ_gh              (value; observed/expected: mean p_o, p_e)
 * ```
 *
 * Reference: Light, R. J. (1971) Measures of response agreement for qualitative data: some
 * generalizations and alternatives. *Psychological Bulletin* 76(5), 365–377,
 * doi:10.1037/h0031643; R irr 0.84.1 `kappam.light`; nltk `AnnotationTask.kappa`.
 *
 * Missing data and degenerate cases: listwise deletion, as irr: a unit with any missing rating
 * is left out for all pairs (`units` says how many remain). Status "undefined" with
 * "fewer-than-two-coders", "no-units", "no-complete-units" (every unit misses a rating; irr
 * gives NaN), or "no-variation" when a pair's chance agreement is 1. No analytic SE is
 * defined (irr's z test is for the null only); use a units bootstrap for an interval.
 * Cost O(m² × units).
 *
 * @example
 * // Fleiss (1971) diagnoses, 30 patients × 6 psychiatrists: 15 pairs
 * lightKappa(matrix).value; // => 0.4594121444 (irr::kappam.light)
 */
export function lightKappa(matrix: ReliabilityMatrix): MetricResult {
  const name = "lightKappa";
  const deleted = listwise(name, matrix, true);
  if (deleted.undefined) return deleted.undefined;
  const { complete, parts } = deleted;
  const mean = meanPairKappa(complete);
  const withParts = { ...parts, observed: mean.observed, expected: mean.expected };
  if (mean.kappa === null) return undefinedResult(name, mean.reason, withParts);
  return { ...okResult(name, mean.kappa, withParts), se: null, ci95: null };
}
