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
