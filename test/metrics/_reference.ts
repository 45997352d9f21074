// The reference cases for the alpha tests: the same loader as the kappa tests use.
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { loadReferenceCases, parseRatingsCsv, type ReferenceCase } from "./_reference-cases.js";

export { REFERENCE_DIR } from "../_paths.js";
export type { ReferenceCase };

/** Long CSV (unit,coder,value) → coders × units, in first-appearance order; numbers when all values are numeric. */
export function readLongCsv(text: string): ReliabilityMatrix {
  return parseRatingsCsv(text);
}

export function referenceCases(): ReferenceCase[] {
  return loadReferenceCases();
}
