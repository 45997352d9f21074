/**
 * The last stage of `_alpha-one-pass.ts`: alpha and its standard error from the sums the pass
 * kept, in O(coders × values²), without going back to the ratings.
 *
 * The standard error (see `_alpha-core.ts`) sums (x_i − α')² with x_i affine in three per-unit
 * numbers: y_i = D_i / (r_i − 1), r_i and G_i = Σ_c n_ic e_c. The e_c are only known after the
 * pass, so the pass keeps the sums those squares expand into: Σy, Σy², Σyr, Σr, Σr², and per
 * value Y_c = Σ_i y_i n_ic, R_c = Σ_i r_i n_ic, and S_ck = Σ_i n_ic n_ik. S comes from pair
 * counts kept separately for each number of ratings r (then o_ck = Σ_r pairs_r(c, k)/(r − 1)),
 * each unordered pair counted once (one increment; the mirror image is added here), so the
 * pass does less work per pair than building the coincidence matrix. When those sums
 * cancel to less than 1e-4 of their size (the x_i almost equal, e.g. perfect agreement), the
 * caller's general route recomputes the standard error directly.
 */
import type { MetricResult } from "../model/reliability-matrix.js";
import { disagreements } from "./_alpha-core.js";
import type { OnePassOptions } from "./_alpha-one-pass.js";
import type { Coincidences } from "./_coincidences.js";
import { studentTQuantile } from "./student-t.js";

/** What the pass keeps: the distance tables and the running sums (see the file comment). */
export interface OnePassSums {
  coderCount: number;
  valueCount: number;
  delta: Float64Array;
  /** δ_ab + δ_ba: what one unordered pair adds to D_i. */
  pairDelta: Float64Array;
  /** 1 / (r − 1) by r. */
  inverse: Float64Array;
  /** pairs[(r − 2) V² + a V + b]: pairs (a from the earlier coder, b the later) in units with r ratings. */
  pairs: Float64Array;
  unitsWith: Float64Array;
  /** Y_c = Σ_i y_i n_ic. */
  Y: Float64Array;
  /** Σy, Σy², Σyr, kept between chunks. */
  sums: Float64Array;
  seenMask: number;
  buffer: Int32Array;
}

/** From the kept sums: the coincidence matrix, D_o, D_e, alpha and its standard error. */
export function finishPass(pass: OnePassSums, options: OnePassOptions): MetricResult | null {
  const { coderCount, valueCount: V, delta, pairs, unitsWith, Y, seenMask } = pass;
  const sumY = pass.sums[0] as number;
  const sumYY = pass.sums[1] as number;
  const sumYR = pass.sums[2] as number;
  // Each unordered pair was counted once: add the mirror image (a pair of equal values counts twice).
  for (let r = 2; r <= coderCount; r++) {
    const offset = (r - 2) * V * V;
    for (let c = 0; c < V; c++) {
      pairs[offset + c * V + c] = 2 * (pairs[offset + c * V + c] as number);
      for (let k = c + 1; k < V; k++) {
        const both = (pairs[offset + c * V + k] as number) + (pairs[offset + k * V + c] as number);
        pairs[offset + c * V + k] = both;
        pairs[offset + k * V + c] = both;
      }
    }
  }
  let pairableUnits = 0;
  let sumR = 0;
  let sumRR = 0;
  for (let r = 2; r <= coderCount; r++) {
    const count = unitsWith[r] as number;
    pairableUnits += count;
    sumR += r * count;
    sumRR += r * r * count;
  }

  const matrix = new Float64Array(V * V);
  const S = new Float64Array(V * V);
  const marginals = new Float64Array(V);
  const R = new Float64Array(V);
  for (let r = 2; r <= coderCount; r++) {
    const offset = (r - 2) * V * V;
    const w = pass.inverse[r] as number;
    for (let c = 0; c < V; c++) {
      let row = 0;
      for (let k = 0; k < V; k++) {
        const count = pairs[offset + c * V + k] as number;
        if (count === 0) continue;
        row += count;
        matrix[c * V + k] = (matrix[c * V + k] as number) + count * w;
        S[c * V + k] = (S[c * V + k] as number) + count;
      }
      // Each value in a unit with r ratings has r − 1 partners (an exact integer division).
      const valuesAtR = row / (r - 1);
      marginals[c] = (marginals[c] as number) + valuesAtR;
      R[c] = (R[c] as number) + r * valuesAtR;
    }
  }
  let pairable = 0;
  for (let c = 0; c < V; c++) {
    pairable += marginals[c] as number;
    S[c * V + c] = (S[c * V + c] as number) + (marginals[c] as number);
  }
  let pairableCoders = 0;
  for (let c = 0; c < coderCount; c++) pairableCoders += (seenMask >>> c) & 1;
  const coinc: Coincidences = { valueCount: V, matrix, marginals, pairable, pairableUnits, pairableCoders };
  const base = {
    coefficient: options.coefficient,
    ...(options.reportedLevel !== undefined ? { level: options.reportedLevel } : {}),
    units: pairableUnits,
    coders: pairableCoders,
    pairable,
  };
  if (pairableUnits === 0) {
    return { ...base, value: null, status: "undefined", reason: "no-pairable-values", observed: null, expected: null, se: null, ci95: null };
  }
  const { observed, expected } = disagreements(coinc, delta);
  if (!(expected > 0)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected, se: null, ci95: null };
  }
  const value = 1 - observed / expected;
  if (!options.standardError) return { ...base, value, status: "ok", observed, expected };
  if (pairableUnits < 2) return { ...base, value, status: "ok", observed, expected, se: null, ci95: null };

  // e_c and P as in _alpha-core.ts, then Σ (K0 + K1 y + K2 r + K3 G)² from the kept sums.
  const n = pairable;
  const e = new Float64Array(V);
  let P = 0;
  for (let c = 0; c < V; c++) {
    let sum = 0;
    for (let k = 0; k < V; k++) {
      const nk = marginals[k] as number;
      sum += (((delta[c * V + k] as number) + (delta[k * V + c] as number)) / 2) * nk;
      P += (marginals[c] as number) * nk * (delta[c * V + k] as number);
    }
    e[c] = sum / n;
  }
  P /= n * n;
  const meanRatings = n / pairableUnits;
  const epsilon = 1 / n;
  const alphaPrime = 1 - observed / P;
  const K0 = 1 - ((1 - epsilon) * observed) / P - alphaPrime;
  const K1 = -1 / (meanRatings * P);
  const K2 = ((1 - epsilon) * observed) / (meanRatings * P) - (2 * (1 - alphaPrime)) / meanRatings;
  const K3 = (2 * (1 - alphaPrime)) / (meanRatings * P);
  let sumG = 0;
  let sumYG = 0;
  let sumRG = 0;
  let sumGG = 0;
  for (let c = 0; c < V; c++) {
    const ec = e[c] as number;
    sumG += (marginals[c] as number) * ec;
    sumYG += (Y[c] as number) * ec;
    sumRG += (R[c] as number) * ec;
    let row = 0;
    for (let k = 0; k < V; k++) row += (S[c * V + k] as number) * (e[k] as number);
    sumGG += ec * row;
  }
  const terms = [
    pairableUnits * K0 * K0, K1 * K1 * sumYY, K2 * K2 * sumRR, K3 * K3 * sumGG,
    2 * K0 * K1 * sumY, 2 * K0 * K2 * sumR, 2 * K0 * K3 * sumG, 2 * K1 * K2 * sumYR, 2 * K1 * K3 * sumYG, 2 * K2 * K3 * sumRG,
  ];
  let sumSquares = 0;
  let magnitude = 0;
  for (const term of terms) {
    sumSquares += term;
    magnitude += Math.abs(term);
  }
  // When the spread of the x_i is tiny next to the terms (e.g. perfect agreement), the expanded
  // sum loses too many digits: leave it to the general route, which sums (x_i − α')² directly.
  if (!(sumSquares > 1e-4 * magnitude)) return null;
  const se = Math.sqrt(sumSquares / (pairableUnits * (pairableUnits - 1)));
  const t = studentTQuantile(0.975, pairableUnits - 1);
  return { ...base, value, status: "ok", observed, expected, se, ci95: [value - t * se, Math.min(1, value + t * se)] };
}
