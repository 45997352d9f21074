/**
 * The data every coefficient takes: a coders × units table (Krippendorff's orientation) whose
 * cells are a value or `null` for missing. `null` is the only missing marker.
 */
export type Value = string | number;

export interface ReliabilityMatrix<V = Value> {
  /** Coder names, in input order (pairs are formed in this order). */
  coders: readonly string[];
  /** Unit identifiers, in input order. */
  units: readonly string[];
  /** `values[coder][unit]`: the value, or null when that coder did not rate that unit. */
  values: readonly (readonly (V | null)[])[];
}

/** Set-valued matrix (a unit's value is the set of codes a coder gave it). */
export type SetMatrix = ReliabilityMatrix<readonly string[]>;

export type Level = "nominal" | "ordinal" | "interval" | "ratio";

export type Status = "ok" | "undefined";

/**
 * The one record every coefficient returns. Components are always present so a reader can
 * recompute the value; `status: "undefined"` comes with a `reason` and `value: null`, never NaN.
 */
export interface MetricResult {
  /** Metric name as used in `intercoder agree --json`, e.g. "alphaNominal", "cohenKappa". */
  coefficient: string;
  level?: Level | "set";
  value: number | null;
  status: Status;
  /** Why the value is undefined, e.g. "no-variation", "fewer-than-two-coders". */
  reason?: string;
  /** Observed agreement (kappa family) or observed disagreement D_o (alpha). */
  observed: number | null;
  /** Chance agreement (kappa family) or expected disagreement D_e (alpha). */
  expected: number | null;
  /** Units that entered the computation. */
  units: number;
  /** Coders that entered the computation. */
  coders: number;
  /** Pairable values (alpha: values in units with ≥ 2 ratings). */
  pairable?: number;
  /** Analytic standard error, where one is defined. */
  se?: number | null;
  /** Standard error under the null hypothesis of chance agreement. */
  se0?: number | null;
  /** 95% interval from `se` (estimate ± t(0.975, n−1)·se, upper bound capped at 1). */
  ci95?: [number, number] | null;
}

/**
 * A reliability matrix integer-coded once, for large tables: `codes[u * coderCount + c]` is the
 * code of coder c's value for unit u (unit-major, so one unit's ratings are contiguous), or -1
 * when that coder did not rate that unit; a value's code is its index in `values`. Built by
 * `codeRatings` or handed over by a reader (`readRatings(..., { coded: true })`); taken by
 * `krippendorffAlphaCoded`. Results are bit-for-bit those of the `ReliabilityMatrix` route when
 * `values` are distinct and in canonical order (numbers ascending, then strings), as
 * `codeRatings` makes them; other orders are re-coded first.
 */
export interface CodedRatings {
  /** Unit-major codes, -1 for a missing rating; length `unitCount * coderCount`. */
  codes: Int32Array;
  unitCount: number;
  coderCount: number;
  /** The value labels: code i stands for `values[i]`. */
  values: Value[];
  /** Coder names, when known (in code order c). */
  coders?: readonly string[];
  /** Unit identifiers, when known (in code order u). */
  units?: readonly string[];
}
