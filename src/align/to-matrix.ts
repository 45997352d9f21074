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

/**
 * `presenceMatrix` for many codes over the same units: the unit ids, the missing cells and each
 * code's cells are found once, so each matrix costs a copy of the coders' rows instead of a scan
 * of every unit's codes. Returns the same matrices as `presenceMatrix`.
 */
export function presenceMatrices(coders: readonly string[], units: readonly AlignedUnit[]): (code: string) => ReliabilityMatrix<number> {
  const ids = units.map(unitId);
  const blank = coders.map((_, c) => {
    const row = new Array<number | null>(units.length);
    for (let u = 0; u < units.length; u++) row[u] = units[u]!.codes[c] == null ? null : 0;
    return row;
  });
  const cells = new Map<string, number[]>();
  for (let c = 0; c < coders.length; c++) {
    for (let u = 0; u < units.length; u++) {
      const set = units[u]!.codes[c];
      if (set == null) continue;
      for (const code of set) {
        let list = cells.get(code);
        if (list === undefined) cells.set(code, (list = []));
        list.push(c * units.length + u);
      }
    }
  }
  return (code) => {
    const values = blank.map((row) => row.slice());
    for (const cell of cells.get(code) ?? []) values[Math.floor(cell / units.length)]![cell % units.length] = 1;
    return { coders, units: ids, values };
  };
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
