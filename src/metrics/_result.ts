/**
 * Building the one `MetricResult` record every coefficient returns, and the interval rule
 * (irrCAC's): estimate ± t(0.975, n − 1) · se, with the upper bound capped at 1.
 */
import type { MetricResult } from "../model/reliability-matrix.js";
import { studentTQuantile } from "./student-t.js";

export interface Parts {
  observed?: number | null;
  expected?: number | null;
  units: number;
  coders: number;
  pairable?: number;
}

/** A degenerate result: no value, a reason, and the parts that were available. */
export function undefinedResult(coefficient: string, reason: string, parts: Parts): MetricResult {
  return {
    coefficient,
    value: null,
    status: "undefined",
    reason,
    observed: finiteOrNull(parts.observed),
    expected: finiteOrNull(parts.expected),
    units: parts.units,
    coders: parts.coders,
    ...(parts.pairable === undefined ? {} : { pairable: parts.pairable }),
  };
}

/** A defined result; `se`, `se0` and `ci95` are added by the caller when it has them. */
export function okResult(coefficient: string, value: number, parts: Parts): MetricResult {
  return {
    coefficient,
    value,
    status: "ok",
    observed: finiteOrNull(parts.observed),
    expected: finiteOrNull(parts.expected),
    units: parts.units,
    coders: parts.coders,
    ...(parts.pairable === undefined ? {} : { pairable: parts.pairable }),
  };
}

/** estimate ± t(0.975, n − 1) · se, upper bound capped at 1; null when n < 2 or se is null. */
export function tInterval(estimate: number, se: number | null, n: number): [number, number] | null {
  if (se === null || n < 2) return null;
  const half = studentTQuantile(0.975, n - 1) * se;
  return [estimate - half, Math.min(1, estimate + half)];
}

/** A variance that rounding pushed just below 0 is 0; NaN or Infinity becomes null. */
export function sqrtVariance(variance: number): number | null {
  if (!Number.isFinite(variance)) return null;
  return Math.sqrt(Math.max(0, variance));
}

function finiteOrNull(x: number | null | undefined): number | null {
  return x === undefined || x === null || !Number.isFinite(x) ? null : x;
}
