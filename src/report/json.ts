/** The JSON report: the machine contract (schemaVersion 1). Exact numbers, stable key order. */
import type { ReliabilityReport } from "./types.js";

export function renderJson(report: ReliabilityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
