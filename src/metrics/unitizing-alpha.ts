import type { MetricResult } from "../model/reliability-matrix.js";
import {
  binaryLayer,
  checkContinuum,
  codeLayer,
  coincidences,
  type Coincidences,
  type UnitizingContinuum,
} from "./_unitizing-layers.js";

export type { UnitizingContinuum, UnitizingSpan } from "./_unitizing-layers.js";

/** The four coefficients of the unitizing alpha family, plus the per-code binary layer. */
export interface UnitizingAlphaResult {
  /** uα: agreement on where units are and which code each carries (gaps are a value, φ). */
  unitizingAlpha: MetricResult;
  /** |uα: agreement on coded versus not coded, whatever the code. */
  unitizingAlphaBinary: MetricResult;
  /** cuα: agreement on the codes, only where the coders both coded. */
  unitizingAlphaCode: MetricResult;
  /** (k)uα: for each code k, how reliably k is told apart from the other codes, where coders both coded. */
  unitizingAlphaPerCode: Record<string, MetricResult>;
  /**
   * |uα on the layer of one code (code k versus everything else): do coders mark the same
   * stretches with k? Defined even when a coder's codes overlap, unlike the three above.
   */
  unitizingAlphaPerCodeBinary: Record<string, MetricResult>;
}

const VALUED = "coded";

/**
 * Krippendorff's unitizing alpha family (uα, |uα, cuα, (k)uα) for codings that are stretches of
 * a continuum, such as character spans of a text. Where the turn-level alpha asks whether coders
 * applied a code to the same turn, these ask whether they marked the same stretch of it. Pick
 * |uα for the segmentation alone, uα for segmentation and codes together, cuα for the codes
 * where both coded, and the per-code figures to see which code's extent is unreliable.
 *
 * **Variant.** This computes the coincidence form of Krippendorff, Mathet, Bouvry & Widlöcher
 * (2016), which Krippendorff (2019, §12.6, eqs. 32–38) adopts. It replaces the 2004 pairwise
 * form (sums of squared boundary differences over pairs of coders, normalised by m(m−1)L²),
 * which the 2016 paper shows misbehaves for more than two coders. For two coders the two
 * forms still differ (lengths versus squared lengths), so the 2004 numbers are reproduced by
 * `unitizingAlphaPairwise2004` (unitizing-alpha-pairwise-2004.ts) instead.
 *
 * **Formula.** Each coder partitions a continuum of length L into coded units and gaps (φ).
 * ```
 * ℓ_ck  = 1/(m−1) Σ_i Σ_{j≠i} Σ_g Σ_h |S_ig(c) ∩ S_jh(k)|        observed coincidences, ℓ.. = m·L
 * ε_ck  = ℓ.. (ℓ_c.·ℓ_.k − [c=k]·Σ_{units of c} s²) / (ℓ..² − Σ_{all units} s²)
 *         where s = unit length for a coded unit and each gap counts as single positions (s = 1)
 * uα    = 1 − D_o / D_e,  D_o = (ℓ.. − Σ_c ℓ_cc)/ℓ..,  D_e = (ℓ.. − Σ_c ε_cc)/ℓ..
 * |uα   = the same with every code merged into one value "coded"
 * cuα   = the same on the coded × coded part ℓ*_ck (c, k ≠ φ), with s = a unit's share of ℓ*
 *         (its overlap with the other coders' coded matter, divided by m−1)         (eq. 36–37)
 * (k)uα = 1 − [(ℓ*_k. − ℓ*_kk)/ℓ*_k.] / [(ε*_k. − ε*_kk)/ε*_k.]                     (eq. 38)
 * ```
 * `observed` is D_o and `expected` D_e (for (k)uα, the two bracketed proportions); `units` is
 * the number of coded units that entered, `coders` the largest m, and `pairable` ℓ.. (ℓ*.. for
 * cuα, ℓ*_k. for (k)uα), in continuum positions.
 *
 * The per-code binary figure (`unitizingAlphaPerCodeBinary`) is |uα on the layer of one code,
 * that code versus everything else: Krippendorff's original per-category question ("do coders
 * mark the same stretches as k?") asked with the 2016 coincidences, so it suits qualitative
 * codings where one passage carries several codes. (k)uα proper (eq. 38) answers a different
 * question: within matter all coders coded, is k told apart from the other codes?
 *
 * Several continua (documents) are pooled by summing ℓ_ck and the self-pairing terms over
 * them, which equals concatenating the documents into one continuum: units never cross a
 * document boundary, and a gap's term is linear in its length, so splitting it changes nothing.
 *
 * **Reference.** Krippendorff, K., Mathet, Y., Bouvry, S. & Widlöcher, A. (2016) On the
 * reliability of unitizing textual continua: further developments. *Quality & Quantity* 50,
 * 2347–2364, doi:10.1007/s11135-015-0266-1. Krippendorff, K. (2004) Measuring the reliability
 * of qualitative text analysis data. *Quality & Quantity* 38, 787–800,
 * doi:10.1007/s11135-004-8107-7. Krippendorff, K. (2019) *Content Analysis*, 4th ed., §12.6,
 * worked example Figure 12.11, p. 340, as transcribed in the tests of the R package quallmer
 * (seeds/unitizing-examples.md; equation numbers as cited there).
 *
 * **Missing data and degenerate cases.** A coder listed without spans left the whole
 * continuum uncoded (a gap), which is data, not missing. Overlapping spans with the same code
 * by one coder are merged into one unit; touching spans stay separate units. Continua with
 * fewer than two coders or length 0 are skipped. Status is `"undefined"` (value null, never
 * NaN) with reason `"fewer-than-two-coders"` when nothing is left, `"no-variation"` when the
 * expected disagreement is 0, `"overlapping-codes"` for uα, cuα and (k)uα when a coder gave
 * two codes to the same position (the family assumes one value per position; |uα and the
 * per-code binary figures remain defined), `"no-jointly-coded-matter"` for cuα/(k)uα when no
 * two coders coded the same position, and `"no-spans"` for a code listed in `options.codes`
 * that nobody used. Other libraries return NaN, 0 or 1 in these cases.
 *
 * @example
 * // Krippendorff (2019) Figure 12.11 (seeds/unitizing-examples.md): three coders, L = 60.
 * const r = unitizingAlpha({ length: 60, coders: ["Alex", "Paul", "Suzan"], spans });
 * r.unitizingAlpha.value;       // => 0.50998 (printed .510)
 * r.unitizingAlphaCode.value;   // => 0.72417 (printed .724)
 * r.unitizingAlphaBinary.value; // => 0.41360 (printed .413; see the seed file on this 0.0006 gap)
 *
 * @throws TypeError or RangeError when a span lies outside its continuum, is empty or not
 * integer, or names a coder not listed. O(S log S) for S spans in all.
 */
export function unitizingAlpha(
  input: UnitizingContinuum | readonly UnitizingContinuum[],
  options: { codes?: readonly string[] } = {},
): UnitizingAlphaResult {
  const continua: readonly UnitizingContinuum[] = Array.isArray(input) ? input : [input as UnitizingContinuum];
  continua.forEach(checkContinuum);

  const codesUsed = new Set<string>();
  for (const c of continua) for (const s of c.spans) codesUsed.add(s.code);
  const codes = [...new Set([...(options.codes ?? []), ...codesUsed])].sort();

  const binary = coincidences(continua.map((c) => binaryLayer(c, () => true, VALUED)));
  const unitizingAlphaBinary = nominalFromCoincidences("unitizingAlphaBinary", binary);

  const perCodeBinary: Record<string, MetricResult> = {};
  for (const code of codes) {
    if (!codesUsed.has(code)) {
      perCodeBinary[code] = undefinedResult("unitizingAlphaPerCodeBinary", "no-spans", 0, binary.coders);
      continue;
    }
    const layer = coincidences(continua.map((c) => binaryLayer(c, (k) => k === code, VALUED)));
    perCodeBinary[code] = nominalFromCoincidences("unitizingAlphaPerCodeBinary", layer);
  }

  const layers = continua.map(codeLayer);
  const overlapping = layers.some((l) => l.overlaps);
  const perCode: Record<string, MetricResult> = {};
  if (overlapping) {
    for (const code of codes) {
      perCode[code] = undefinedResult("unitizingAlphaPerCode", "overlapping-codes", 0, binary.coders);
    }
    return {
      unitizingAlpha: undefinedResult("unitizingAlpha", "overlapping-codes", binary.units, binary.coders),
      unitizingAlphaBinary,
      unitizingAlphaCode: undefinedResult("unitizingAlphaCode", "overlapping-codes", binary.units, binary.coders),
      unitizingAlphaPerCode: perCode,
      unitizingAlphaPerCodeBinary: perCodeBinary,
    };
  }

  const full = coincidences(layers);
  for (const code of codes) perCode[code] = perCodeAlpha(code, full, codesUsed.has(code));
  return {
    unitizingAlpha: nominalFromCoincidences("unitizingAlpha", full),
    unitizingAlphaBinary,
    unitizingAlphaCode: codeAlpha(full),
    unitizingAlphaPerCode: perCode,
    unitizingAlphaPerCodeBinary: perCodeBinary,
  };
}

function undefinedResult(coefficient: string, reason: string, units: number, coders: number): MetricResult {
  return { coefficient, level: "nominal", value: null, status: "undefined", reason, observed: null, expected: null, units, coders };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** uα (or |uα) from the full coincidences: eqs. 33–35 of Krippendorff (2019). */
function nominalFromCoincidences(coefficient: string, x: Coincidences): MetricResult {
  if (x.total === 0) return undefinedResult(coefficient, "fewer-than-two-coders", x.units, x.coders);
  const total = x.total;
  // Gaps are irrelevant matter, not units: each position of a gap pairs with the others, so a
  // gap of length g removes only g self-pairings (g·1²), while a unit of length s removes s².
  const selfPairs = sum(x.unitSquares.values()) + x.gapMargin;
  const denominator = total * total - selfPairs;
  let expectedSame = x.gapMargin * x.gapMargin - x.gapMargin;
  for (const [value, margin] of x.margin) expectedSame += margin * margin - (x.unitSquares.get(value) ?? 0);
  const observedSame = x.gapDiagonal + sum(x.diagonal.values());
  return finish(coefficient, total, observedSame, denominator > 0 ? (total * expectedSame) / denominator : total, x);
}

/** cuα: the same on the coded × coded sub-matrix ℓ*, eqs. 36–37. */
function codeAlpha(x: Coincidences): MetricResult {
  const total = sum(x.pairedMargin.values());
  if (x.total === 0) return undefinedResult("unitizingAlphaCode", "fewer-than-two-coders", x.units, x.coders);
  if (!(total > 1e-12)) return undefinedResult("unitizingAlphaCode", "no-jointly-coded-matter", x.units, x.coders);
  const denominator = total * total - sum(x.pairedSquares.values());
  let expectedSame = 0;
  for (const [value, margin] of x.pairedMargin) expectedSame += margin * margin - (x.pairedSquares.get(value) ?? 0);
  const observedSame = sum(x.diagonal.values());
  return finish("unitizingAlphaCode", total, observedSame, denominator > 0 ? (total * expectedSame) / denominator : total, x);
}

function finish(coefficient: string, total: number, observedSame: number, expectedSame: number, x: Coincidences): MetricResult {
  const observed = (total - observedSame) / total;
  const expected = (total - expectedSame) / total;
  const base = { coefficient, level: "nominal" as const, units: x.units, coders: x.coders, pairable: total };
  if (!(expected > 1e-12)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed: clean(observed), expected: 0 };
  }
  return { ...base, value: 1 - clean(observed) / expected, status: "ok", observed: clean(observed), expected };
}

/** Rounding residue of sums of products (e.g. 1e-17) is reported as the exact 0 it stands for. */
function clean(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : v;
}

/** (k)uα, eq. 38: code k against all other codes, within jointly coded matter. */
function perCodeAlpha(code: string, x: Coincidences, used: boolean): MetricResult {
  const coefficient = "unitizingAlphaPerCode";
  if (!used) return undefinedResult(coefficient, "no-spans", 0, x.coders);
  if (x.total === 0) return undefinedResult(coefficient, "fewer-than-two-coders", 0, x.coders);
  const total = sum(x.pairedMargin.values());
  const margin = x.pairedMargin.get(code) ?? 0;
  if (!(margin > 1e-12)) return undefinedResult(coefficient, "no-jointly-coded-matter", 0, x.coders);
  const squares = x.pairedSquares.get(code) ?? 0;
  const denominator = total * total - sum(x.pairedSquares.values());
  const base = { coefficient, level: "nominal" as const, units: x.units, coders: x.coders, pairable: margin };
  const observed = clean((margin - (x.diagonal.get(code) ?? 0)) / margin);
  if (!(denominator > 0)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected: 0 };
  }
  const expectedRow = (total * (margin * total - squares)) / denominator; // ε*_k.
  const expectedSame = (total * (margin * margin - squares)) / denominator; // ε*_kk
  const expected = expectedRow > 1e-12 ? (expectedRow - expectedSame) / expectedRow : 0;
  if (!(expected > 1e-12)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected: 0 };
  }
  return { ...base, value: 1 - observed / expected, status: "ok", observed, expected };
}

