import type { ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";

/** A coders × units matrix from rows of values (coders c1.., units u1..). */
export function matrixOf(rows: readonly (readonly (Value | null)[])[]): ReliabilityMatrix {
  return {
    coders: rows.map((_, index) => `c${index + 1}`),
    units: (rows[0] ?? []).map((_, index) => `u${index + 1}`),
    values: rows.map((row) => [...row]),
  };
}
