import { compareScalars } from "../model/order.js";
import type { CodedRatings, MetricResult, ReliabilityMatrix, Value } from "../model/reliability-matrix.js";
import { alphaOnePassCoded } from "./_alpha-one-pass.js";
import { type AlphaOptions, alphaFromCodes, checkFinite, checkLevel, encodeAlpha, onePassOptions } from "./krippendorff-alpha.js";

/**
 * Integer-code a coders × units matrix once, for `krippendorffAlphaCoded`: the distinct values
 * in canonical order (numbers ascending, then strings) become codes 0 … V − 1, a missing rating
 * becomes −1, and the codes are laid out unit by unit (`codes[u * coderCount + c]`).
 *
 * @example
 * codeRatings({ coders: ["A", "B"], units: ["1", "2"], values: [[3, 1], [3, null]] });
 * // => { codes: Int32Array [1, 1, 0, -1], unitCount: 2, coderCount: 2, values: [1, 3], coders, units }
 *
 * @throws RangeError when a row does not have one entry per unit; TypeError for a non-finite
 *   number. O(units × coders) time; 4 bytes a rating.
 */
export function codeRatings(m: ReliabilityMatrix): CodedRatings {
  const coded = encodeAlpha(m, {}, true);
  const codes = coded.codes instanceof Int32Array ? coded.codes : Int32Array.from(coded.codes);
  return { codes, unitCount: coded.unitCount, coderCount: coded.coderCount, values: coded.values, coders: m.coders, units: m.units };
}

/**
 * Krippendorff's alpha from ratings integer-coded once (`codeRatings`, or a reader's `coded`):
 * the same coefficient, components, standard error and interval as `krippendorffAlpha` on the
 * matrix the codes stand for, bit for bit, without a JavaScript array per coder. For large
 * tables: with small non-negative integer values and a level other than ordinal, alpha and its
 * standard error come from one pass over the codes that counts each pair of ratings once.
 *
 * **Formula**: as `krippendorffAlpha`, α = 1 − D_o / D_e over the coincidence matrix o_ck, with
 * the value-by-value distances δ_ck of the level (or `options.distance`) between `values[c]` and
 * `values[k]`; `se` and `ci95` as irrCAC `krippen.alpha.raw`.
 *
 * **Reference**: Krippendorff, K. (2011) *Computing Krippendorff's Alpha-Reliability*,
 * Annenberg School for Communication Departmental Papers 43,
 * https://repository.upenn.edu/asc_papers/43 (section C, p. 8). Gwet, K. L. (2014) *Handbook of
 * Inter-Rater Reliability*, 4th ed., ch. 6 (standard error).
 *
 * **Missing data and degenerate cases**: code −1 is a missing rating; units with fewer than two
 * ratings are left out; status `"undefined"` with `"no-pairable-values"` or `"no-variation"`
 * exactly as `krippendorffAlpha`. Labels that are not distinct and in canonical order are
 * re-coded first (a copy of the codes), so the result never depends on the label order.
 *
 * @example
 * // Krippendorff (2011), section C: 4 observers × 12 units, values 1–5, with missing data
 * const coded = codeRatings({ coders: ["A", "B", "C", "D"], units: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
 *   values: [[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
 *            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
 *            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
 *            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]] });
 * krippendorffAlphaCoded(coded).value;                         // => 0.743 (0.7434210526…)
 * krippendorffAlphaCoded(coded, { level: "interval" }).value;  // => 0.849
 *
 * @throws RangeError when `codes` does not hold `unitCount × coderCount` codes or a code is not
 *   −1 or an index into `values`; TypeError for an unknown level, a non-finite number, or a
 *   non-numeric value with interval, ratio or a custom distance.
 * O(units × coders² + values²) time; no memory beyond O(coders × values²) on the one-pass route.
 */
export function krippendorffAlphaCoded(coded: CodedRatings, options: AlphaOptions = {}): MetricResult {
  checkLevel(options);
  const { codes, unitCount, coderCount } = coded;
  if (codes.length !== unitCount * coderCount) {
    throw new RangeError(`codes has ${codes.length} entries for ${unitCount} units × ${coderCount} coders`);
  }
  checkFinite(coded.values);
  const canonical = inCanonicalOrder(coded.values) ? coded : recode(coded);
  const fast = alphaOnePassCoded(canonical, onePassOptions(options));
  if (fast !== null) return fast;
  checkCodes(canonical.codes, canonical.values.length);
  return alphaFromCodes(canonical, options);
}

function inCanonicalOrder(values: readonly Value[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(compareScalars(values[i - 1] as Value, values[i] as Value) < 0)) return false;
  return true;
}

/** The same ratings with distinct labels in canonical order (equal labels share a code). */
function recode(coded: CodedRatings): CodedRatings {
  const V = coded.values.length;
  const order = coded.values.map((_, i) => i).sort((a, b) => compareScalars(coded.values[a] as Value, coded.values[b] as Value));
  const values: Value[] = [];
  const newCode = new Int32Array(V);
  for (const old of order) {
    const v = coded.values[old] as Value;
    if (values.length === 0 || compareScalars(values[values.length - 1] as Value, v) !== 0) values.push(v);
    newCode[old] = values.length - 1;
  }
  checkCodes(coded.codes, V);
  const codes = coded.codes.map((x) => (x < 0 ? -1 : (newCode[x] as number)));
  return { ...coded, codes, values };
}

/** @throws RangeError for a code that is neither −1 nor an index into the values. */
function checkCodes(codes: Int32Array, valueCount: number): void {
  for (let i = 0; i < codes.length; i++) {
    const x = codes[i] as number;
    if (x < -1 || x >= valueCount) {
      throw new RangeError(`code ${x} at index ${i}: codes must be -1 (missing) or 0 … ${valueCount - 1} (an index into values)`);
    }
  }
}
