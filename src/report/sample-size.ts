/**
 * How many units a code needs before its alpha can be estimated reliably, after Krippendorff's
 * sample-size guidance (Krippendorff 2004, *Content Analysis*, 2nd ed., §11.4.2, built on Bloch &
 * Kraemer 1989, eq. 3.7).
 *
 * ```
 * N ≥ z² · (1 + α_min)(3 − α_min) / (4 · p_c (1 − p_c)(1 − α_min)) − α_min
 * ```
 * where `p_c` is the share of values in the rarer category (here: how often the code is applied,
 * or not applied, whichever is smaller), `α_min` the smallest acceptable alpha (0.800 by
 * default) and `z` the one-tailed normal quantile of the significance level (1.645 for 0.05).
 * The result is rounded up. It is a planning figure for two coders, not a test.
 *
 * @example
 * requiredUnits(0.5)  // => 53 (alpha_min 0.800, p = 0.05)
 */
export function requiredUnits(prevalence: number, alphaMin = 0.8, z = 1.6448536269514722): number | null {
  const p = Math.min(prevalence, 1 - prevalence);
  if (!(p > 0) || !(alphaMin < 1)) return null;
  const n = (z * z * (1 + alphaMin) * (3 - alphaMin)) / (4 * p * (1 - p) * (1 - alphaMin)) - alphaMin;
  return Math.ceil(n);
}
