/**
 * The shared last stage of the bootstraps: from resampled coefficients (NaN where undefined)
 * to the percentile interval, the probabilities below .667 and .800, and the N → 2N check.
 */
import type { BootstrapResult } from "./bootstrap.js";

export type Head = Pick<BootstrapResult, "method" | "coefficient" | "estimate" | "resamples" | "seed">;

export function summarise(head: Head, draws: number, first: Float64Array, both: Float64Array, keepValues?: boolean): BootstrapResult {
  const a = sortDefined(first);
  const b = sortDefined(both);
  const undefinedResamples = first.length - a.length;
  const extra = head.method === "units" ? { undefinedResamples } : {};
  if (a.length === 0 || b.length === 0) return { ...undefinedResult(head, "no-defined-resamples", draws), ...extra };
  const ci95 = percentileInterval(a);
  const ci95At2N = percentileInterval(b);
  const below = (t: number): number => countBelow(a, t) / a.length;
  return {
    ...head,
    status: "ok",
    ci95,
    pBelow: { "0.667": below(0.667), "0.8": below(0.8) },
    draws,
    ...extra,
    ...(keepValues ? { values: Array.from(a) } : {}),
    stability: { ci95At2N, maxShift: Math.max(Math.abs(ci95[0] - ci95At2N[0]), Math.abs(ci95[1] - ci95At2N[1])) },
  };
}

export function undefinedResult(head: Head, reason: string | undefined, draws: number): BootstrapResult {
  return { ...head, status: "undefined", reason: reason ?? "undefined", ci95: null, pBelow: null, draws, stability: null };
}

function sortDefined(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/** Krippendorff's ranks: the max(⌊0.025 N⌋, 1)-th and min(⌊0.975 N⌋ + 1, N)-th sorted values. */
function percentileInterval(sorted: Float64Array): [number, number] {
  const N = sorted.length;
  const lo = Math.max(Math.floor((25 * N) / 1000), 1);
  const hi = Math.min(Math.floor((975 * N) / 1000) + 1, N);
  return [sorted[lo - 1] as number, sorted[hi - 1] as number];
}

function countBelow(sorted: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < threshold) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
