/**
 * Krippendorff's difference functions δ²_ck as V × V tables over the coded values
 * (Krippendorff, K. (2011) *Computing Krippendorff's Alpha-Reliability*, section E):
 *   nominal:  0 if c = k, else 1
 *   ordinal:  (Σ_{g=c..k} n_g − (n_c + n_k)/2)², values ranked, n_g the pairable-value counts
 *   interval: (c − k)²
 *   ratio:    ((c − k)/(c + k))², with δ(0, 0) = 0
 */
import type { Level, Value } from "../model/reliability-matrix.js";
import type { ManyValuesDistance } from "./_alpha-many-values.js";
import { compareScalars } from "./_coincidences.js";

/** The value as a number, for interval, ratio and custom distances; numeric strings count. */
export function numericValue(value: Value, level: string): number {
  const x = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(x)) {
    throw new TypeError(`${level} distances need numeric values, got ${JSON.stringify(value)}`);
  }
  return x;
}

/**
 * Ranks for the ordinal metric: by `order` when given, else numerically when every value is
 * numeric, else in canonical order (numbers, then strings by code point).
 */
export function ordinalRanks(values: readonly Value[], order?: readonly Value[]): Int32Array {
  const ranks = new Int32Array(values.length);
  if (order !== undefined) {
    const position = new Map<Value, number>(order.map((v, i) => [v, i]));
    const sorted = values.map((v, i) => {
      const p = position.get(v);
      if (p === undefined) throw new TypeError(`value ${JSON.stringify(v)} is not in the ordinal order`);
      return [p, i] as const;
    });
    sorted.sort((a, b) => a[0] - b[0]).forEach(([, i], rank) => (ranks[i] = rank));
    return ranks;
  }
  const numeric = values.every((v) => typeof v === "number" || (v.trim() !== "" && Number.isFinite(Number(v))));
  const idx = values.map((_, i) => i);
  idx.sort((a, b) => {
    const va = values[a] as Value;
    const vb = values[b] as Value;
    if (numeric) {
      const d = Number(va) - Number(vb);
      if (d !== 0) return d;
    }
    return compareScalars(va, vb);
  });
  idx.forEach((i, rank) => (ranks[i] = rank));
  return ranks;
}

/**
 * δ table for a level (ordinal needs the marginal counts n_c of the pairable values, and takes
 * either an explicit order of the values or their ranks from `ordinalRanks`).
 */
export function distanceTable(
  values: readonly Value[],
  level: Level,
  marginals: Float64Array,
  order?: readonly Value[] | Int32Array,
): Float64Array {
  const V = values.length;
  const table = new Float64Array(V * V);
  if (level === "nominal") {
    for (let c = 0; c < V; c++) for (let k = 0; k < V; k++) if (c !== k) table[c * V + k] = 1;
    return table;
  }
  if (level === "ordinal") {
    const ranks = order instanceof Int32Array ? order : ordinalRanks(values, order);
    // cumulative[r] = Σ of n_g over ranks < r
    const byRank = new Float64Array(V);
    for (let c = 0; c < V; c++) byRank[ranks[c] as number] = marginals[c] as number;
    const cumulative = new Float64Array(V + 1);
    for (let r = 0; r < V; r++) cumulative[r + 1] = (cumulative[r] as number) + (byRank[r] as number);
    for (let c = 0; c < V; c++) {
      for (let k = 0; k < V; k++) {
        if (c === k) continue;
        const lo = Math.min(ranks[c] as number, ranks[k] as number);
        const hi = Math.max(ranks[c] as number, ranks[k] as number);
        const between = (cumulative[hi + 1] as number) - (cumulative[lo] as number);
        const d = between - ((marginals[c] as number) + (marginals[k] as number)) / 2;
        table[c * V + k] = d * d;
      }
    }
    return table;
  }
  const x = values.map((v) => numericValue(v, level));
  if (level === "ratio" && x.some((v) => v < 0)) {
    throw new RangeError("the ratio metric needs non-negative values");
  }
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const a = x[c] as number;
      const b = x[k] as number;
      if (a === b) continue;
      table[c * V + k] = level === "interval" ? (a - b) ** 2 : ((a - b) / (a + b)) ** 2;
    }
  }
  return table;
}

/** δ table from a caller-supplied distance on numeric values. */
export function customDistanceTable(
  values: readonly Value[],
  distance: (a: number, b: number) => number,
): Float64Array {
  const V = values.length;
  const x = values.map((v) => numericValue(v, "custom"));
  const table = new Float64Array(V * V);
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const d = distance(x[c] as number, x[k] as number);
      if (!Number.isFinite(d) || d < 0) {
        throw new RangeError(`distance(${x[c]}, ${x[k]}) = ${d}; a distance must be finite and ≥ 0`);
      }
      table[c * V + k] = d;
    }
  }
  return table;
}

/** δ as a function over codes, for tables with too many distinct values for a V × V table. */
export function pairDistance(
  values: readonly Value[],
  options: { level?: Level; distance?: (a: number, b: number) => number; order?: readonly Value[] },
  marginals: Float64Array,
): ManyValuesDistance {
  const level = options.level ?? "nominal";
  const custom = options.distance;
  if (custom !== undefined) {
    const x = Float64Array.from(values, (v) => numericValue(v, "custom"));
    return {
      pair: (a, b) => {
        const d = custom(x[a] as number, x[b] as number);
        if (!Number.isFinite(d) || d < 0) throw new RangeError(`distance(${x[a]}, ${x[b]}) = ${d}; a distance must be finite and ≥ 0`);
        return d;
      },
    };
  }
  if (level === "nominal") return { pair: (a, b) => (a === b ? 0 : 1), closedForm: { kind: "nominal" } };
  if (level === "ordinal") {
    const ranks = ordinalRanks(values, options.order);
    const cumulative = new Float64Array(values.length + 1);
    const byRank = new Float64Array(values.length);
    ranks.forEach((rank, c) => (byRank[rank] = marginals[c] as number));
    for (let r = 0; r < values.length; r++) cumulative[r + 1] = (cumulative[r] as number) + (byRank[r] as number);
    return {
      pair: (a, b) => {
        if (a === b) return 0;
        const lo = Math.min(ranks[a] as number, ranks[b] as number);
        const hi = Math.max(ranks[a] as number, ranks[b] as number);
        const d = (cumulative[hi + 1] as number) - (cumulative[lo] as number) - ((marginals[a] as number) + (marginals[b] as number)) / 2;
        return d * d;
      },
    };
  }
  const x = Float64Array.from(values, (v) => numericValue(v, level));
  if (level === "interval") return { pair: (a, b) => ((x[a] as number) - (x[b] as number)) ** 2, closedForm: { kind: "interval", x } };
  if (x.some((v) => v < 0)) throw new RangeError("the ratio metric needs non-negative values");
  return {
    pair: (a, b) => {
      const xa = x[a] as number;
      const xb = x[b] as number;
      return xa === xb ? 0 : ((xa - xb) / (xa + xb)) ** 2;
    },
  };
}
