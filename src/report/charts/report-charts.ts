/**
 * The report's three charts, by file name, from a `ReliabilityReport`: alpha per code with its
 * 95% interval (forest plot), mean Cohen's kappa per coder pair (heatmap) and the code
 * substitution counts (heatmap). The markdown report links these files; the HTML report inlines
 * them. Pure and deterministic: the same report gives the same strings.
 */
import type { CodeRow, ReliabilityReport } from "../types.js";
import { forestPlot, type ForestRow } from "./forest-plot.js";
import { heatmap } from "./heatmap.js";

/** File names of the report charts, in the order they are shown. */
export const REPORT_CHART_FILES = ["alpha-forest.svg", "coder-pairs.svg", "substitutions.svg"] as const;

/** The 95% interval of a code's alpha: the bootstrap interval when there is one, else the analytic one. */
export function alphaInterval(row: CodeRow): [number, number] | null {
  return row.krippendorffAlpha.bootstrap?.ci95 ?? row.krippendorffAlpha.ci95 ?? null;
}

function forestRow(row: CodeRow): ForestRow {
  const alpha = row.krippendorffAlpha;
  const ci = alphaInterval(row);
  const note = alpha.value === null ? `undefined (${alpha.reason ?? "no value"})` : `${row.units} units`;
  return { label: row.code, value: alpha.value, low: ci?.[0] ?? null, high: ci?.[1] ?? null, note };
}

/**
 * `coders × coders` matrix of the mean Cohen's kappa of each pair (symmetric; the diagonal and
 * pairs whose mean is undefined are null).
 */
export function coderPairMatrix(report: ReliabilityReport): (number | null)[][] {
  const index = new Map(report.coders.map((c, i) => [c, i]));
  const matrix: (number | null)[][] = report.coders.map(() => report.coders.map(() => null));
  for (const p of report.pairs) {
    const i = index.get(p.coders[0]);
    const j = index.get(p.coders[1]);
    if (i === undefined || j === undefined || i === j) continue;
    matrix[i]![j] = p.meanKappa;
    matrix[j]![i] = p.meanKappa;
  }
  return matrix;
}

/**
 * Render the report's charts: `alpha-forest.svg` (Krippendorff's alpha per code with its 95%
 * interval, bootstrap when computed, and the 0.667/0.800 lines), `coder-pairs.svg` (mean Cohen's
 * kappa per coder pair) and `substitutions.svg` (how often another coder applied the column code
 * where the row code was applied).
 *
 * @example
 * Object.keys(reportCharts(report)) // => ["alpha-forest.svg", "coder-pairs.svg", "substitutions.svg"]
 */
export function reportCharts(report: ReliabilityReport): Record<string, string> {
  return {
    "alpha-forest.svg": forestPlot(report.codes.map(forestRow), {
      title: "Krippendorff's alpha per code (nominal), with 95% intervals",
    }),
    "coder-pairs.svg": heatmap(coderPairMatrix(report), report.coders, report.coders, {
      title: "Mean Cohen's kappa per coder pair",
    }),
    "substitutions.svg": heatmap(report.substitution.matrix, report.substitution.codes, report.substitution.codes, {
      title: "Codes applied instead of each other on the same turn",
      colorScale: "counts",
      rowAxisLabel: "Code applied",
      colAxisLabel: "Applied instead by another coder",
    }),
  };
}
