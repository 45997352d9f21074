/**
 * Units → reliability matrices. Per code, one binary nominal matrix ("was code X applied to this
 * turn?", 1/0, null where the coder has no value for the turn); overall, one set-valued matrix
 * (the set of codes each coder gave each turn).
 */
import type { AlignedUnit } from "../model/aligned.js";
import type { ReliabilityMatrix, SetMatrix } from "../model/reliability-matrix.js";

/** Stable identifier of a unit across transcripts: `transcript#turn`. */
export function unitId(unit: AlignedUnit): string {
  return `${unit.transcript}#${unit.turn}`;
}

/** The presence matrix of one code: coders × units of 1 (applied), 0 (not applied) or null (no value). */
export function presenceMatrix(coders: readonly string[], units: readonly AlignedUnit[], code: string): ReliabilityMatrix<number> {
  const values = coders.map((_, c) =>
    units.map((u) => {
      const set = u.codes[c];
      if (set === null || set === undefined) return null;
      return set.includes(code) ? 1 : 0;
    }),
  );
  return { coders, units: units.map(unitId), values };
}

/** The set-valued matrix: each cell is the coder's set of codes on the unit (possibly empty), or null. */
export function setMatrix(coders: readonly string[], units: readonly AlignedUnit[], mapCodes?: (codes: readonly string[]) => readonly string[]): SetMatrix {
  const values = coders.map((_, c) =>
    units.map((u) => {
      const set = u.codes[c];
      if (set === null || set === undefined) return null;
      return mapCodes ? mapCodes(set) : set;
    }),
  );
  return { coders, units: units.map(unitId), values };
}
