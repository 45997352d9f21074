import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { okResult } from "./_result.js";
import { listwise } from "./_listwise.js";

/**
 * Unanimous percent agreement: the share of units on which every coder gave the same value.
 * It is the strictest raw agreement figure (R irr's `agree`), easy to explain, and falls
 * quickly as coders are added; prefer pairwise `percentAgreement` for more than two coders.
 *
 * ```
 * value = #{complete units i with x_1i = x_2i = … = x_mi} / #{complete units}
 * ```
 * A complete unit is one rated by all m coders. `observed` is the value; `expected` is null.
 *
 * Reference: Gamer, M., Lemon, J., Fellows, I. & Singh, P. (2019) *irr: Various Coefficients
 * of Interrater Reliability and Agreement*, R package 0.84.1, function `agree` (tolerance 0).
 *
 * Missing data and degenerate cases: listwise deletion, as irr: a unit with any missing rating
 * is left out (`units` reports how many were used). Status "undefined" with reason
 * "fewer-than-two-coders", "no-units", or "no-complete-units" (every unit misses a rating).
 * No standard error is defined here (irr gives none). Known disagreement: irrCAC and nltk call
 * the pairwise mean "percent agreement"; with 2 coders and complete data the two coincide.
 *
 * @example
 * // Fleiss (1971) diagnoses, 30 patients × 6 psychiatrists: 5 unanimous patients
 * percentAgreementUnanimous(matrix).value; // => 0.1666… (irr::agree 16.7%)
 */
export function percentAgreementUnanimous(matrix: ReliabilityMatrix): MetricResult {
  const name = "percentAgreementUnanimous";
  const coders = matrix.coders.length;
  const deleted = listwise(name, matrix);
  if (deleted.undefined) return deleted.undefined;
  const { complete, parts } = deleted;
  const { codes, unitCount } = complete;
  let unanimous = 0;
  for (let unit = 0; unit < unitCount; unit++) {
    const first = codes[unit] as number;
    let same = true;
    for (let coder = 1; coder < coders && same; coder++) same = codes[coder * unitCount + unit] === first;
    if (same) unanimous++;
  }
  const value = unanimous / unitCount;
  const withParts = { ...parts, observed: value, expected: null, pairable: unitCount * coders };
  return { ...okResult(name, value, withParts), se: null, ci95: null };
}
