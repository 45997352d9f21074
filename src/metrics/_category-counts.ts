/**
 * Shared first stage of the kappa family: integer-code a reliability matrix once, then count
 * ratings per unit and category. Everything downstream works on typed arrays, never on
 * per-pair objects, so a coefficient costs O(coders × units + units × categories).
 */
import type { ReliabilityMatrix, Value } from "../model/reliability-matrix.js";

/** A reliability matrix with its values replaced by category indices. */
export interface CodedMatrix {
  coderCount: number;
  unitCount: number;
  /** Observed categories in a fixed order: ascending numbers, then strings in code-unit order. */
  categories: Value[];
  /** True when every observed value is a number (weights and numeric levels need this). */
  numeric: boolean;
  /** `codes[coder * unitCount + unit]` = category index, or -1 when missing. */
  codes: Int32Array;
}

/**
 * Code every value as the index of its category. Categories are sorted so the coding (and with
 * it every floating-point sum) does not depend on the order of units, coders or labels.
 * @throws RangeError when the matrix is ragged; TypeError for a non-finite number or other type.
 */
export function codeMatrix(matrix: ReliabilityMatrix): CodedMatrix {
  const coderCount = matrix.coders.length;
  const unitCount = matrix.units.length;
  if (matrix.values.length !== coderCount) {
    throw new RangeError(`matrix has ${coderCount} coders but ${matrix.values.length} value rows`);
  }
  const firstSeen = new Map<Value, number>();
  const codes = new Int32Array(coderCount * unitCount);
  for (let coder = 0; coder < coderCount; coder++) {
    const row = matrix.values[coder] as readonly (Value | null)[];
    if (row.length !== unitCount) {
      throw new RangeError(`coder ${coder} has ${row.length} values for ${unitCount} units`);
    }
    for (let unit = 0; unit < unitCount; unit++) {
      const value = row[unit];
      let code = -1;
      if (value !== null && value !== undefined) {
        if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "string") {
          throw new TypeError(`value ${String(value)} (coder ${coder}, unit ${unit}) is not a finite number or a string`);
        }
        const known = firstSeen.get(value);
        if (known === undefined) {
          code = firstSeen.size;
          firstSeen.set(value, code);
        } else code = known;
      }
      codes[coder * unitCount + unit] = code;
    }
  }
  const categories = [...firstSeen.keys()].sort(compareValues);
  const remap = new Int32Array(categories.length);
  categories.forEach((value, index) => (remap[firstSeen.get(value) as number] = index));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code >= 0) codes[i] = remap[code] as number;
  }
  const numeric = categories.every((value) => typeof value === "number");
  return { coderCount, unitCount, categories, numeric, codes };
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per-unit category counts over the units with at least one rating (r_ik in Gwet 2014). */
export interface UnitCounts {
  /** Units with ≥ 1 rating (n). */
  unitCount: number;
  categoryCount: number;
  /** `counts[unit * categoryCount + k]` = r_ik, ratings of category k in unit i. */
  counts: Int32Array;
  /** r_i, ratings in unit i. */
  ratings: Int32Array;
  /** Original column of each kept unit. */
  unitIndex: Int32Array;
}

/** Count r_ik for every unit that has at least one rating; units with none are left out. */
export function unitCategoryCounts(coded: CodedMatrix): UnitCounts {
  const { coderCount, unitCount, codes } = coded;
  const categoryCount = coded.categories.length;
  const perUnit = new Int32Array(unitCount);
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) >= 0) {
    const unit = i % unitCount;
    perUnit[unit] = (perUnit[unit] as number) + 1;
  }
  let kept = 0;
  for (let unit = 0; unit < unitCount; unit++) if ((perUnit[unit] as number) > 0) kept++;
  const unitIndex = new Int32Array(kept);
  const ratings = new Int32Array(kept);
  const row = new Int32Array(unitCount).fill(-1);
  for (let unit = 0, next = 0; unit < unitCount; unit++) {
    if ((perUnit[unit] as number) === 0) continue;
    unitIndex[next] = unit;
    ratings[next] = perUnit[unit] as number;
    row[unit] = next++;
  }
  const counts = new Int32Array(kept * categoryCount);
  for (let coder = 0; coder < coderCount; coder++) {
    const base = coder * unitCount;
    for (let unit = 0; unit < unitCount; unit++) {
      const code = codes[base + unit] as number;
      if (code < 0) continue;
      const cell = (row[unit] as number) * categoryCount + code;
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  return { unitCount: kept, categoryCount, counts, ratings, unitIndex };
}

/** Keep only the units every coder rated (listwise deletion, as irr's `na.omit`). */
export function completeUnits(coded: CodedMatrix): CodedMatrix {
  const { coderCount, unitCount, codes } = coded;
  const keep: number[] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    let complete = coderCount > 0;
    for (let coder = 0; coder < coderCount && complete; coder++) {
      complete = (codes[coder * unitCount + unit] as number) >= 0;
    }
    if (complete) keep.push(unit);
  }
  const kept = new Int32Array(coderCount * keep.length);
  for (let coder = 0; coder < coderCount; coder++) {
    keep.forEach((unit, index) => (kept[coder * keep.length + index] = codes[coder * unitCount + unit] as number));
  }
  return { ...coded, unitCount: keep.length, codes: kept };
}

/**
 * Agreement weights w_kl (1 on the diagonal) over category positions x_k:
 * linear 1 − |x_k − x_l| / (x_max − x_min), quadratic 1 − (x_k − x_l)² / (x_max − x_min)².
 * Returned row-major, q × q. "none" gives the identity.
 */
export function agreementWeights(kind: "none" | "linear" | "quadratic", positions: readonly number[]): Float64Array {
  const q = positions.length;
  const weights = new Float64Array(q * q);
  const range = q > 0 ? Math.max(...positions) - Math.min(...positions) : 0;
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      const distance = Math.abs((positions[k] as number) - (positions[l] as number));
      if (kind === "none" || range === 0) weights[k * q + l] = k === l ? 1 : 0;
      else weights[k * q + l] = kind === "linear" ? 1 - distance / range : 1 - (distance / range) ** 2;
    }
  }
  return weights;
}
