/**
 * Conger's (1980) chance agreement and its irrCAC linearisation variance, shared by
 * `congerKappa`, `daviesFleissKappa` and the interval of weighted Cohen's kappa.
 *
 * ```
 * p_gk = share of coder g's ratings in category k (over the units g rated);  S_k = Σ_g p_gk
 * pe   = (Σ_kl w_kl S_k S_l − Σ_g Σ_kl w_kl p_gk p_gl) / (r (r − 1))   (mean over coder pairs g ≠ h)
 * L_igl = (n / n_g) (δ_igl − (ε_ig − n_g / n) p_gl)       (linearised p_gl for unit i)
 * pe_i = Σ_g Σ_kl w_kl L_igl (S_k − p_gk) / (r (r − 1))
 * ```
 * δ_igl = 1 when coder g rated unit i as l, ε_ig = 1 when g rated i, n_g = units g rated.
 * Reference: Conger, A. J. (1980) *Psychological Bulletin* 88(2), 322–328,
 * doi:10.1037/0033-2909.88.2.322; Gwet (2014), ch. 5; R irrCAC 1.0 `conger.kappa.raw`.
 */
import type { MetricResult } from "../model/reliability-matrix.js";
import type { CodedMatrix, UnitCounts } from "./_category-counts.js";
import { agreementStage, chanceCorrected } from "./_gwet.js";
import { undefinedResult } from "./_result.js";

/** Conger's kappa over the coders with at least one rating; `weights` null means identity. */
export function congerCore(
  name: string,
  coded: CodedMatrix,
  counts: UnitCounts,
  weights: Float64Array | null,
): MetricResult {
  const q = counts.categoryCount;
  const n = counts.unitCount;
  const w = (k: number, l: number): number => (weights === null ? (k === l ? 1 : 0) : (weights[k * q + l] as number));
  const raters: number[] = [];
  const share: Float64Array[] = [];
  const rated: number[] = [];
  for (let coder = 0; coder < coded.coderCount; coder++) {
    const tally = new Float64Array(q);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const code = coded.codes[coder * coded.unitCount + (counts.unitIndex[i] as number)] as number;
      if (code >= 0) {
        tally[code] = (tally[code] as number) + 1;
        total++;
      }
    }
    if (total === 0) continue;
    for (let k = 0; k < q; k++) tally[k] = (tally[k] as number) / total;
    raters.push(coder);
    share.push(tally);
    rated.push(total);
  }
  const r = raters.length;
  const stage = agreementStage(counts, weights);
  if (r < 2) return undefinedResult(name, "fewer-than-two-coders", { observed: stage.observed, units: n, coders: r });
  const sums = new Float64Array(q);
  for (const p of share) for (let k = 0; k < q; k++) sums[k] = (sums[k] as number) + (p[k] as number);
  let between = 0;
  for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) between += w(k, l) * (sums[k] as number) * (sums[l] as number);
  let within = 0;
  for (const p of share) {
    for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) within += w(k, l) * (p[k] as number) * (p[l] as number);
  }
  const expected = (between - within) / (r * (r - 1));
  // B_gl = Σ_k w_kl (S_k − p_gk) and A_g = Σ_l B_gl p_gl turn the triple sum for pe_i into O(1) per rating.
  const unitExpected = new Float64Array(n);
  for (let g = 0; g < r; g++) {
    const p = share[g] as Float64Array;
    const b = new Float64Array(q);
    let a = 0;
    for (let l = 0; l < q; l++) {
      for (let k = 0; k < q; k++) b[l] = (b[l] as number) + w(k, l) * ((sums[k] as number) - (p[k] as number));
      a += (b[l] as number) * (p[l] as number);
    }
    const ng = rated[g] as number;
    const base = (raters[g] as number) * coded.unitCount;
    for (let i = 0; i < n; i++) {
      const code = coded.codes[base + (counts.unitIndex[i] as number)] as number;
      const epsilon = code >= 0 ? 1 : 0;
      const linear = (n / ng) * ((code >= 0 ? (b[code] as number) : 0) - (epsilon - ng / n) * a);
      unitExpected[i] = (unitExpected[i] as number) + linear / (r * (r - 1));
    }
  }
  return chanceCorrected(name, stage, expected, unitExpected, r);
}
