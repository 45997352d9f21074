// Loads the shared reference cases (../shared/reference/: NAME.csv + NAME.json) as matrices.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";

export const REFERENCE_DIR = "/work/shared/reference";

export interface ReferenceCase {
  name: string;
  matrix: ReliabilityMatrix;
  expected: Record<string, { value: unknown; by: string }>;
}

/** Long CSV (unit,coder,value) → coders × units, in first-appearance order; numbers when all values are numeric. */
export function readLongCsv(text: string): ReliabilityMatrix {
  const rows = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(","));
  const units: string[] = [];
  const coders: string[] = [];
  const unitIndex = new Map<string, number>();
  const coderIndex = new Map<string, number>();
  for (const [unit, coder] of rows) {
    if (!unitIndex.has(unit as string)) unitIndex.set(unit as string, units.push(unit as string) - 1);
    if (!coderIndex.has(coder as string)) coderIndex.set(coder as string, coders.push(coder as string) - 1);
  }
  const numeric = rows.every(([, , v]) => v !== undefined && v.trim() !== "" && Number.isFinite(Number(v)));
  const values: (Value | null)[][] = coders.map(() => units.map(() => null));
  for (const [unit, coder, v] of rows) {
    const row = values[coderIndex.get(coder as string) as number] as (Value | null)[];
    row[unitIndex.get(unit as string) as number] = numeric ? Number(v) : (v as string);
  }
  return { coders, units, values };
}

export function referenceCases(): ReferenceCase[] {
  return readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.json$/, "");
      const json = JSON.parse(readFileSync(join(REFERENCE_DIR, f), "utf8")) as ReferenceCase;
      const matrix = readLongCsv(readFileSync(join(REFERENCE_DIR, `${name}.csv`), "utf8"));
      return { name, matrix, expected: json.expected };
    });
}
