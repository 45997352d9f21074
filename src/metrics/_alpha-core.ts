/**
 * The second stage of every alpha: from the coincidence matrix and a table of distances δ
 * between the coded values, the observed and expected disagreement, alpha, and irrCAC's
 * analytic standard error. Shared by krippendorff-alpha.ts and krippendorff-alpha-sets.ts.
 *
 * Symbols (Krippendorff 2011): o_ck is `coinc.matrix`, n_c is `coinc.marginals`, n.. is
 * `coinc.pairable`, δ_ck is `delta[c * V + k]`.
 *   D_o = (1/n..) Σ_c Σ_k o_ck δ_ck
 *   D_e = (1/(n..(n.. − 1))) Σ_c Σ_k n_c (n_k − [c = k]) δ_ck
 *   α   = 1 − D_o / D_e
 */
import type { Level, MetricResult } from "../model/reliability-matrix.js";
import type { CodedMatrix, Coincidences } from "./_coincidences.js";
import { studentTQuantile } from "./student-t.js";

export interface AlphaDisagreements {
  observed: number;
  expected: number;
}

/** D_o and D_e from the coincidence matrix (O(V²)). */
export function disagreements(coinc: Coincidences, delta: Float64Array): AlphaDisagreements {
  const V = coinc.valueCount;
  const n = coinc.pairable;
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < V; c++) {
    const nc = coinc.marginals[c] as number;
    for (let k = 0; k < V; k++) {
      const d = delta[c * V + k] as number;
      if (d === 0) continue;
      observedSum += (coinc.matrix[c * V + k] as number) * d;
      expectedSum += nc * ((coinc.marginals[k] as number) - (c === k ? 1 : 0)) * d;
    }
  }
  return { observed: observedSum / n, expected: expectedSum / (n * (n - 1)) };
}

/**
 * The full alpha record: value, components, and irrCAC's standard error and 95% interval.
 * `undefined` with "no-pairable-values" when no unit has two ratings, "no-variation" when
 * D_e = 0 (a single value, or values at distance 0 from each other).
 */
export function alphaResult(
  coefficient: string,
  level: Level | "set" | undefined,
  coded: CodedMatrix<unknown>,
  coinc: Coincidences,
  delta: Float64Array,
  standardError = true,
): MetricResult {
  const base = {
    coefficient,
    ...(level !== undefined ? { level } : {}),
    units: coinc.pairableUnits,
    coders: coinc.pairableCoders,
    pairable: coinc.pairable,
  };
  if (coinc.pairableUnits === 0) {
    return { ...base, value: null, status: "undefined", reason: "no-pairable-values", observed: null, expected: null, se: null, ci95: null };
  }
  const { observed, expected } = disagreements(coinc, delta);
  if (!(expected > 0)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected, se: null, ci95: null };
  }
  const value = 1 - observed / expected;
  if (!standardError) return { ...base, value, status: "ok", observed, expected };
  const se = alphaStandardError(coded, coinc, delta, observed);
  let ci95: [number, number] | null = null;
  if (se !== null) {
    const t = studentTQuantile(0.975, coinc.pairableUnits - 1);
    ci95 = [value - t * se, Math.min(1, value + t * se)];
  }
  return { ...base, value, status: "ok", observed, expected, se, ci95 };
}

/**
 * Gwet's linearised standard error of alpha, as irrCAC `krippen.alpha.raw` computes it
 * (Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*, 4th ed., Advanced Analytics,
 * ch. 6), rewritten in disagreements so that any distance works without rescaling δ into
 * agreement weights (the result does not depend on that scale). Over the n' units with
 * r_i ≥ 2 ratings, r̄ = mean r_i, ε = 1/n.., P = Σ n_c n_k δ_ck / n..², α' = 1 − D_o / P:
 *   a_i = 1 − [D_i / (r̄ (r_i − 1)) − (1 − ε) D_o (r_i − r̄)/r̄] / P
 *   x_i = a_i − 2 (1 − α') (r_i / r̄ − G_i / (r̄ P))
 *   SE² = Σ_i (x_i − α')² / (n' (n' − 1))
 * where D_i sums δ over the ordered pairs of unit i's ratings and G_i sums, over its ratings
 * of value c, e_c = Σ_k (δ_ck + δ_kc)/2 · n_k / n... Null when n' < 2. O(units × coders²).
 */
function alphaStandardError(
  coded: CodedMatrix<unknown>,
  coinc: Coincidences,
  delta: Float64Array,
  observed: number,
): number | null {
  const unitsUsed = coinc.pairableUnits;
  if (unitsUsed < 2) return null;
  const V = coinc.valueCount;
  const n = coinc.pairable;
  const meanRatings = n / unitsUsed;
  const epsilon = 1 / n;
  const e = new Float64Array(V);
  let P = 0;
  for (let c = 0; c < V; c++) {
    let sum = 0;
    for (let k = 0; k < V; k++) {
      const nk = coinc.marginals[k] as number;
      sum += (((delta[c * V + k] as number) + (delta[k * V + c] as number)) / 2) * nk;
      P += (coinc.marginals[c] as number) * nk * (delta[c * V + k] as number);
    }
    e[c] = sum / n;
  }
  P /= n * n;
  const alphaPrime = 1 - observed / P;
  const { codes, unitCount, coderCount } = coded;
  const buffer = new Int32Array(coderCount);
  let sumSquares = 0;
  for (let u = 0, b = 0; u < unitCount; u++, b += coderCount) {
    let m = 0;
    let G = 0;
    for (let c = 0; c < coderCount; c++) {
      const code = codes[b + c] as number;
      if (code >= 0) {
        buffer[m++] = code;
        G += e[code] as number;
      }
    }
    if (m < 2) continue;
    let D = 0;
    for (let i = 0; i < m; i++) {
      const a = buffer[i] as number;
      for (let j = i + 1; j < m; j++) {
        const b = buffer[j] as number;
        D += (delta[a * V + b] as number) + (delta[b * V + a] as number);
      }
    }
    const a = 1 - (D / (meanRatings * (m - 1)) - ((1 - epsilon) * observed * (m - meanRatings)) / meanRatings) / P;
    const x = a - 2 * (1 - alphaPrime) * (m / meanRatings - G / (meanRatings * P));
    sumSquares += (x - alphaPrime) ** 2;
  }
  return Math.sqrt(sumSquares / (unitsUsed * (unitsUsed - 1)));
}
