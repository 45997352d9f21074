import type { ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";

/** A coders × units matrix from rows of values (coders c1.., units u1..). */
export function matrixOf(rows: readonly (readonly (Value | null)[])[]): ReliabilityMatrix {
  return {
    coders: rows.map((_, index) => `c${index + 1}`),
    units: (rows[0] ?? []).map((_, index) => `u${index + 1}`),
    values: rows.map((row) => [...row]),
  };
}

/** Krippendorff (2011) section C, p. 8 (seeds/krippendorff-2011-examples.md): 4 observers × 12 units, values 1–5. */
export const exampleC: ReliabilityMatrix = {
  coders: ["A", "B", "C", "D"],
  units: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
  values: [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ],
};
