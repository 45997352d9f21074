/**
 * Loads the shared reference cases (`test/fixtures/reference/NAME.csv` + `NAME.json`, a copy of the shared cases) into
 * reliability matrices. The CSV is `unit,coder,value`, one row per rating; units and coders keep
 * their order of first appearance; values become numbers when every value in the case is numeric.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";
import { REFERENCE_DIR } from "../_paths.js";

export { REFERENCE_DIR };

export interface ExpectedMetric {
  value: number | null | [number | null, number | null];
  by: string;
}

export interface ReferenceCase {
  name: string;
  matrix: ReliabilityMatrix;
  expected: Record<string, ExpectedMetric>;
}

export function parseRatingsCsv(text: string): ReliabilityMatrix {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines.shift() ?? "").split(",").map((cell) => cell.trim());
  const [unitColumn, coderColumn, valueColumn] = ["unit", "coder", "value"].map((name) => header.indexOf(name));
  if (unitColumn === undefined || coderColumn === undefined || valueColumn === undefined || unitColumn < 0 || coderColumn < 0 || valueColumn < 0) {
    throw new Error(`expected columns unit,coder,value, got ${header.join(",")}`);
  }
  const rows = lines.map((line) => line.split(",").map((cell) => cell.trim()));
  const units: string[] = [];
  const coders: string[] = [];
  const unitIndex = new Map<string, number>();
  const coderIndex = new Map<string, number>();
  for (const row of rows) {
    const unit = row[unitColumn] ?? "";
    const coder = row[coderColumn] ?? "";
    if (!unitIndex.has(unit)) unitIndex.set(unit, units.push(unit) - 1);
    if (!coderIndex.has(coder)) coderIndex.set(coder, coders.push(coder) - 1);
  }
  const numeric = rows.every((row) => row[valueColumn] !== "" && Number.isFinite(Number(row[valueColumn])));
  const values: (Value | null)[][] = coders.map(() => units.map(() => null));
  for (const row of rows) {
    const raw = row[valueColumn] ?? "";
    const cells = values[coderIndex.get(row[coderColumn] ?? "") as number] as (Value | null)[];
    cells[unitIndex.get(row[unitColumn] ?? "") as number] = numeric ? Number(raw) : raw;
  }
  return { coders, units, values };
}

export function loadReferenceCases(): ReferenceCase[] {
  return readdirSync(REFERENCE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/, "");
      const json = JSON.parse(readFileSync(join(REFERENCE_DIR, file), "utf8")) as { expected: Record<string, ExpectedMetric> };
      return { name, matrix: parseRatingsCsv(readFileSync(join(REFERENCE_DIR, `${name}.csv`), "utf8")), expected: json.expected };
    });
}
