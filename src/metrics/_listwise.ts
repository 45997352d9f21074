/**
 * Listwise deletion, shared by the coefficients that use only units every coder rated (irr's
 * habit): the complete units, or the undefined record that says why there are none.
 */
import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { codeMatrix, completeUnits, type CodedMatrix } from "./_category-counts.js";
import { undefinedResult, type Parts } from "./_result.js";

export type Listwise = { complete: CodedMatrix; parts: Parts; undefined?: never } | { undefined: MetricResult };

/** The complete units of `matrix`, or why `name` is undefined (one coder, no units, no complete unit). */
export function listwise(name: string, matrix: ReliabilityMatrix, withPairable = false): Listwise {
  const coders = matrix.coders.length;
  const complete = completeUnits(codeMatrix(matrix));
  const parts: Parts = { units: complete.unitCount, coders, ...(withPairable ? { pairable: complete.unitCount * coders } : {}) };
  if (coders < 2) return { undefined: undefinedResult(name, "fewer-than-two-coders", parts) };
  if (matrix.units.length === 0) return { undefined: undefinedResult(name, "no-units", parts) };
  if (complete.unitCount === 0) return { undefined: undefinedResult(name, "no-complete-units", parts) };
  return { complete, parts };
}
