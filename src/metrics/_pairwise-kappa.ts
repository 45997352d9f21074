/**
 * Unweighted Cohen's kappa of one coder pair straight from the integer codes, over the units
 * both coders rated: one pass, two reusable tallies, no table or pair object. Used by Light's
 * kappa, which averages it over all coder pairs.
 */
import type { CodedMatrix } from "./_category-counts.js";

export interface PairKappa {
  /** κ, or null when undefined (no common unit, or p_e = 1). */
  kappa: number | null;
  observed: number;
  expected: number;
  units: number;
}

/** κ_ab = (p_o − p_e) / (1 − p_e) with p_e = Σ_k p_a(k) p_b(k) over units rated by both. */
export function pairKappa(coded: CodedMatrix, a: number, b: number, tallyA: Float64Array, tallyB: Float64Array): PairKappa {
  const { unitCount, codes } = coded;
  tallyA.fill(0);
  tallyB.fill(0);
  let units = 0;
  let agreements = 0;
  for (let unit = 0; unit < unitCount; unit++) {
    const x = codes[a * unitCount + unit] as number;
    const y = codes[b * unitCount + unit] as number;
    if (x < 0 || y < 0) continue;
    units++;
    if (x === y) agreements++;
    tallyA[x] = (tallyA[x] as number) + 1;
    tallyB[y] = (tallyB[y] as number) + 1;
  }
  if (units === 0) return { kappa: null, observed: Number.NaN, expected: Number.NaN, units };
  let expected = 0;
  for (let k = 0; k < tallyA.length; k++) expected += (tallyA[k] as number) * (tallyB[k] as number);
  expected /= units * units;
  const observed = agreements / units;
  const kappa = 1 - expected > 1e-12 ? (observed - expected) / (1 - expected) : null;
  return { kappa, observed, expected, units };
}

/**
 * Mean κ over all coder pairs (Light 1971), with mean p_o and p_e over the defined pairs.
 * `kappa` is null when any pair is undefined; `reason` then says why ("no-variation" in a
 * pair, or "pair-without-common-units").
 */
export function meanPairKappa(coded: CodedMatrix): {
  kappa: number | null;
  observed: number;
  expected: number;
  reason: string;
} {
  const q = coded.categories.length;
  const tallyA = new Float64Array(q);
  const tallyB = new Float64Array(q);
  let sum = 0;
  let observed = 0;
  let expected = 0;
  let pairs = 0;
  let undefinedPairs = 0;
  let reason = "";
  for (let a = 0; a < coded.coderCount; a++) {
    for (let b = a + 1; b < coded.coderCount; b++) {
      const pair = pairKappa(coded, a, b, tallyA, tallyB);
      pairs++;
      if (pair.kappa === null) {
        undefinedPairs++;
        if (reason === "" || pair.units === 0) reason = pair.units === 0 ? "pair-without-common-units" : "no-variation";
        continue;
      }
      sum += pair.kappa;
      observed += pair.observed;
      expected += pair.expected;
    }
  }
  const defined = pairs - undefinedPairs;
  return {
    kappa: undefinedPairs === 0 && pairs > 0 ? sum / pairs : null,
    observed: defined > 0 ? observed / defined : Number.NaN,
    expected: defined > 0 ? expected / defined : Number.NaN,
    reason,
  };
}
