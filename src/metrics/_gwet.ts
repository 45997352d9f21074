/**
 * Gwet's (2014) framework shared by percent agreement, Fleiss/Scott, Brennan–Prediger, AC1/AC2
 * and Conger: per-unit observed agreement over units with ≥ 2 ratings, category probabilities
 * over units with ≥ 1 rating, and the linearisation variance that irrCAC reports.
 *
 * ```
 * r*_ik = Σ_l w_kl r_il
 * pa_i  = Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))          (unitAgreement, units with r_i ≥ 2)
 * pa    = mean of pa_i over the n' units with r_i ≥ 2    (observed)
 * π_k   = (1/n) Σ_i r_ik / r_i over the n units with r_i ≥ 1   (classProbabilities)
 * κ_i   = (n/n') (pa_i − pe·[r_i ≥ 2]) / (1 − pe) − 2 (1 − κ) (pe_i − pe) / (1 − pe)
 * var   = Σ_i (κ_i − κ)² / (n (n − 1))
 * ```
 * Reference: Gwet, K. L. (2014) *Handbook of Inter-Rater Reliability*, 4th ed., chapters 2–5;
 * irrCAC 1.0 (`fleiss.kappa.raw`, `gwet.ac1.raw`, ...), finite-population correction f = 0.
 */
import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { codeMatrix, unitCategoryCounts, type CodedMatrix, type UnitCounts } from "./_category-counts.js";
import { okResult, sqrtVariance, tInterval, undefinedResult } from "./_result.js";

export interface AgreementStage {
  /** n: units with at least one rating. */
  units: number;
  /** n': units with at least two ratings. */
  pairableUnits: number;
  /** Ratings in units with at least two ratings. */
  pairable: number;
  /** 1 for units with at least two ratings. */
  hasPairs: Uint8Array;
  /** pa_i, 0 for units with fewer than two ratings. */
  unitAgreement: Float64Array;
  /** pa. */
  observed: number;
  /** π_k. */
  classProbabilities: Float64Array;
}

/** Per-unit weighted agreement and category probabilities; `weights` null means identity. */
export function agreementStage(counts: UnitCounts, weights: Float64Array | null): AgreementStage {
  const { unitCount, categoryCount: q, ratings } = counts;
  const unitAgreement = new Float64Array(unitCount);
  const hasPairs = new Uint8Array(unitCount);
  const classProbabilities = new Float64Array(q);
  let pairableUnits = 0;
  let pairable = 0;
  let sum = 0;
  for (let unit = 0; unit < unitCount; unit++) {
    const base = unit * q;
    const r = ratings[unit] as number;
    let agreeing = 0;
    for (let k = 0; k < q; k++) {
      const rk = counts.counts[base + k] as number;
      if (rk === 0) continue;
      classProbabilities[k] = (classProbabilities[k] as number) + rk / r;
      let weighted = rk;
      if (weights !== null) {
        weighted = 0;
        for (let l = 0; l < q; l++) weighted += (weights[k * q + l] as number) * (counts.counts[base + l] as number);
      }
      agreeing += rk * (weighted - 1);
    }
    if (r >= 2) {
      const pa = agreeing / (r * (r - 1));
      unitAgreement[unit] = pa;
      hasPairs[unit] = 1;
      sum += pa;
      pairableUnits++;
      pairable += r;
    }
  }
  for (let k = 0; k < q; k++) classProbabilities[k] = (classProbabilities[k] as number) / unitCount;
  const observed = sum / pairableUnits;
  return { units: unitCount, pairableUnits, pairable, hasPairs, unitAgreement, observed, classProbabilities };
}

/**
 * Finish a chance-corrected coefficient (pa − pe) / (1 − pe) with its irrCAC standard error.
 * `unitExpected` holds pe_i (null when pe does not depend on the data, as for Brennan–Prediger).
 */
export function chanceCorrected(
  coefficient: string,
  stage: AgreementStage,
  expected: number,
  unitExpected: Float64Array | null,
  coders: number,
): MetricResult {
  const parts = { observed: stage.observed, expected, units: stage.units, coders, pairable: stage.pairable };
  if (!(1 - expected > 1e-12)) return undefinedResult(coefficient, "no-variation", parts);
  const value = (stage.observed - expected) / (1 - expected);
  const n = stage.units;
  let se: number | null = null;
  if (n >= 2) {
    const scale = n / stage.pairableUnits;
    let squares = 0;
    for (let unit = 0; unit < n; unit++) {
      const pa = stage.unitAgreement[unit] as number;
      let term = (scale * (pa - (stage.hasPairs[unit] === 1 ? expected : 0))) / (1 - expected);
      if (unitExpected !== null) term -= (2 * (1 - value) * ((unitExpected[unit] as number) - expected)) / (1 - expected);
      squares += (term - value) ** 2;
    }
    se = sqrtVariance(squares / (n * (n - 1)));
  }
  return { ...okResult(coefficient, value, parts), se, ci95: tInterval(value, se, n) };
}

/** The coded matrix and its per-unit counts, or the degenerate result that stops the metric. */
export type Prepared = { coded: CodedMatrix; counts: UnitCounts } | { result: MetricResult };

/**
 * Shared checks and the coding stage: "no-units" (empty matrix), "fewer-than-two-coders",
 * "not-two-coders" (`exactlyTwo`), "no-pairable-units" (no unit has two ratings).
 */
export function prepare(matrix: ReliabilityMatrix, coefficient: string, exactlyTwo = false, counted?: { coded: CodedMatrix; counts: UnitCounts }): Prepared {
  const coders = matrix.coders.length;
  // `counted`: this matrix's codes and counts, when the caller has them (shared by several coefficients).
  const coded = counted?.coded ?? codeMatrix(matrix);
  const counts = counted?.counts ?? unitCategoryCounts(coded);
  const parts = { units: counts.unitCount, coders };
  if (exactlyTwo && coders !== 2) return { result: undefinedResult(coefficient, "not-two-coders", parts) };
  if (coders < 2) return { result: undefinedResult(coefficient, "fewer-than-two-coders", parts) };
  if (matrix.units.length === 0) return { result: undefinedResult(coefficient, "no-units", parts) };
  let pairable = false;
  for (let unit = 0; unit < counts.unitCount && !pairable; unit++) pairable = (counts.ratings[unit] as number) >= 2;
  if (!pairable) return { result: undefinedResult(coefficient, "no-pairable-units", parts) };
  return { coded, counts };
}
