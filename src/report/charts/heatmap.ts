/**
 * Heatmap of a labelled matrix: the coder-pair agreement matrix (values −1..1 or 0..1) and the
 * code substitution matrix (counts of "coder A applied the row code where coder B applied the
 * column code"). Each cell shows its value as text, so the colour only guides the eye.
 */
import {
  GRID, INK, MUTED, coord, isDrawable, luminance, mixColour, noDataDocument, svgDocument, text, textWidth, tooltip,
  truncate,
} from "./_svg.js";

export type HeatmapColourScale = "agreement" | "counts";

export interface HeatmapOptions {
  /** Chart title, also the SVG `<title>`. */
  title: string;
  /** Value at the low end of the colour scale. Default: agreement −1 if any value is negative, else 0; counts 0. */
  min?: number;
  /** Value at the high end. Default: agreement 1; counts the largest value (at least 1). */
  max?: number;
  /** Cell and legend text. Default: agreement two decimals; counts integers as is, others two decimals. */
  format?: (v: number) => string;
  /** "agreement" (diverging red–white–blue around 0) or "counts" (white to blue). Default "agreement". */
  colorScale?: HeatmapColourScale;
  /** Caption for the row labels, e.g. "Coder A's code". */
  rowAxisLabel?: string;
  /** Caption for the column labels, e.g. "Coder B's code". */
  colAxisLabel?: string;
}

const FONT = 12;
const CELL_FONT = 11;
const MAX_LABEL_WIDTH = 200;
const PAD = 16;
const LEGEND_LEFT = PAD + 20;
const LEGEND_STEPS = 20;
const COS45 = Math.SQRT1_2;

// ColorBrewer RdBu end points and a neutral middle; Blues for counts.
const NEGATIVE = "#b2182b";
const NEUTRAL = "#f7f7f7";
const POSITIVE = "#2166ac";
const COUNT_LOW = "#f7fbff";
const COUNT_HIGH = "#08306b";
const MISSING = "#e5e7eb";
// White text on fills darker than this; at 0.22 white and the dark ink have about equal WCAG
// contrast ((L + 0.05)² = 1.05 × (0.02 + 0.05)), so whichever is chosen is the better one.
const WHITE_TEXT_BELOW = 0.22;

/**
 * Render a heatmap as a standalone SVG string.
 *
 * `matrix[r][c]` is the value for `rowLabels[r]` × `colLabels[c]`; `null` (or a non-finite
 * number) is drawn as a grey hatched cell with "–". Column labels are rotated 45° above the
 * grid; long labels are truncated with "…" and the full text is kept in each cell's tooltip.
 * A colour legend below the grid shows the scale. An empty matrix gives a chart saying "no data".
 *
 * @example
 * heatmap([[1, 0.4], [0.4, 1]], ["A", "B"], ["A", "B"], { title: "Coder agreement" }) // => "<svg xmlns=…"
 * @throws RangeError when the matrix shape does not match the labels, or min >= max.
 */
export function heatmap(
  matrix: readonly (readonly (number | null)[])[],
  rowLabels: readonly string[],
  colLabels: readonly string[],
  options: HeatmapOptions,
): string {
  if (matrix.length !== rowLabels.length || matrix.some((row) => row.length !== colLabels.length)) {
    throw new RangeError(
      `heatmap: the matrix must have ${rowLabels.length} rows of ${colLabels.length} values (one per label), ` +
        `got ${matrix.length} rows of lengths ${matrix.map((r) => r.length).join(", ")}`,
    );
  }
  const title = options.title;
  if (rowLabels.length === 0 || colLabels.length === 0) return noDataDocument(title, "Heatmap");

  const scale = options.colorScale ?? "agreement";
  const values = matrix.flat().filter(isDrawable);
  const min = options.min ?? (scale === "agreement" && values.some((v) => v < 0) ? -1 : 0);
  const max = options.max ?? (scale === "agreement" ? 1 : Math.max(1, ...values));
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new RangeError(`heatmap: the colour scale needs finite min < max, got min=${min} max=${max}`);
  }
  const format = options.format ?? ((v: number) => (scale === "counts" && Number.isInteger(v) ? String(v) : v.toFixed(2)));
  const colour = (v: number): string => cellColour(v, min, max, scale);

  const rows = rowLabels.map((l) => truncate(l, MAX_LABEL_WIDTH, FONT));
  const cols = colLabels.map((l) => truncate(l, MAX_LABEL_WIDTH, FONT));
  const rowLabelWidth = Math.max(...rows.map((l) => textWidth(l, FONT)));
  const colLabelWidth = Math.max(...cols.map((l) => textWidth(l, FONT)));
  const cellTexts = matrix.map((row) => row.map((v) => (isDrawable(v) ? format(v) : "–")));
  const cell = Math.max(34, Math.ceil(Math.max(...cellTexts.flat().map((t) => textWidth(t, CELL_FONT))) + 10));

  const rowAxisWidth = options.rowAxisLabel !== undefined ? 22 : 0;
  const gridLeft = PAD + rowAxisWidth + rowLabelWidth + 8;
  const colAxisHeight = options.colAxisLabel !== undefined ? 20 : 0;
  const gridTop = 44 + colAxisHeight + colLabelWidth * COS45 + 12;
  const gridWidth = colLabels.length * cell;
  const gridHeight = rowLabels.length * cell;
  const gridBottom = gridTop + gridHeight;
  // The last column label runs up and to the right of its column's centre.
  const labelsRight = gridLeft + gridWidth - cell / 2 + colLabelWidth * COS45 + 10;
  const legendTop = gridBottom + 22;
  const legendWidth = 240;
  const width = Math.max(labelsRight, gridLeft + gridWidth, LEGEND_LEFT + legendWidth + 110, textWidth(title, 15, true) + PAD) + PAD;
  const height = legendTop + 48;

  const body: string[] = [];
  body.push(text(PAD, 26, title, { size: 15, weight: "bold" }));
  if (options.colAxisLabel !== undefined) {
    body.push(text(gridLeft + gridWidth / 2, 50, options.colAxisLabel, { size: FONT, anchor: "middle", weight: "bold", fill: MUTED }));
  }
  if (options.rowAxisLabel !== undefined) {
    const cy = gridTop + gridHeight / 2;
    body.push(text(0, 0, options.rowAxisLabel, { size: FONT, anchor: "middle", weight: "bold", fill: MUTED, transform: `translate(${coord(PAD + 10)},${coord(cy)}) rotate(-90)` }));
  }

  cols.forEach((label, c) => {
    const x = gridLeft + (c + 0.5) * cell;
    body.push(`<g>${tooltip(colLabels[c] ?? "")}${text(0, 0, label, { size: FONT, transform: `translate(${coord(x)},${coord(gridTop - 6)}) rotate(-45)` })}</g>`);
  });
  rows.forEach((label, r) => {
    const y = gridTop + (r + 0.5) * cell;
    body.push(`<g>${tooltip(rowLabels[r] ?? "")}${text(gridLeft - 8, y, label, { size: FONT, anchor: "end", baseline: "middle" })}</g>`);
  });

  matrix.forEach((row, r) => {
    row.forEach((v, c) => {
      const x = gridLeft + c * cell;
      const y = gridTop + r * cell;
      const label = `${rowLabels[r]} × ${colLabels[c]}: ${isDrawable(v) ? format(v) : "no value"}`;
      const parts = [`<g>`, tooltip(label)];
      if (isDrawable(v)) {
        const fill = colour(v);
        parts.push(`<rect x="${coord(x)}" y="${coord(y)}" width="${coord(cell)}" height="${coord(cell)}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`);
        const ink = luminance(fill) < WHITE_TEXT_BELOW ? "#ffffff" : scale === "counts" && v === 0 ? "#9ca3af" : INK;
        parts.push(text(x + cell / 2, y + cell / 2, cellTexts[r]?.[c] ?? "", { size: CELL_FONT, anchor: "middle", baseline: "middle", fill: ink }));
      } else {
        parts.push(`<rect x="${coord(x)}" y="${coord(y)}" width="${coord(cell)}" height="${coord(cell)}" fill="${MISSING}" stroke="#ffffff" stroke-width="1"/>`);
        parts.push(hatch(x, y, cell));
        parts.push(`<rect x="${coord(x + cell / 2 - 7)}" y="${coord(y + cell / 2 - 6)}" width="14.00" height="12.00" fill="${MISSING}"/>`);
        parts.push(text(x + cell / 2, y + cell / 2, "–", { size: CELL_FONT, anchor: "middle", baseline: "middle", weight: "bold", fill: INK }));
      }
      parts.push(`</g>`);
      body.push(parts.join(""));
    });
  });
  body.push(`<rect x="${coord(gridLeft)}" y="${coord(gridTop)}" width="${coord(gridWidth)}" height="${coord(gridHeight)}" fill="none" stroke="${GRID}" stroke-width="1"/>`);

  // Legend: discrete steps (no gradient, so no ids that could clash when charts are inlined).
  const step = legendWidth / LEGEND_STEPS;
  for (let k = 0; k < LEGEND_STEPS; k++) {
    const v = min + ((k + 0.5) / LEGEND_STEPS) * (max - min);
    body.push(`<rect x="${coord(LEGEND_LEFT + k * step)}" y="${coord(legendTop)}" width="${coord(step + 0.3)}" height="12.00" fill="${colour(v)}"/>`);
  }
  body.push(`<rect x="${coord(LEGEND_LEFT)}" y="${coord(legendTop)}" width="${coord(legendWidth)}" height="12.00" fill="none" stroke="${GRID}"/>`);
  const legendTicks = scale === "agreement" && min < 0 && max > 0 ? [min, 0, max] : [min, (min + max) / 2, max];
  for (const t of legendTicks) {
    const x = LEGEND_LEFT + ((t - min) / (max - min)) * legendWidth;
    body.push(`<line x1="${coord(x)}" y1="${coord(legendTop + 12)}" x2="${coord(x)}" y2="${coord(legendTop + 16)}" stroke="${INK}"/>`);
    body.push(text(x, legendTop + 28, format(t), { size: CELL_FONT, anchor: "middle", fill: MUTED }));
  }
  const missingX = LEGEND_LEFT + legendWidth + 24;
  const hasMissing = matrix.some((row) => row.some((v) => !isDrawable(v)));
  if (hasMissing) {
    body.push(`<rect x="${coord(missingX)}" y="${coord(legendTop)}" width="12.00" height="12.00" fill="${MISSING}"/>`);
    body.push(hatch(missingX, legendTop, 12));
    body.push(text(missingX + 18, legendTop + 6, "no value", { size: CELL_FONT, baseline: "middle", fill: MUTED }));
  }

  const described = matrix
    .map((row, r) => `${rowLabels[r]}: ` + row.map((v, c) => `${colLabels[c]} ${isDrawable(v) ? format(v) : "no value"}`).join(", "))
    .join("; ");
  const desc = `Heatmap of ${rowLabels.length} rows by ${colLabels.length} columns, colour scale from ${format(min)} to ${format(max)}. ${described}.`;
  return svgDocument({ width, height, title, desc, body });
}

function cellColour(v: number, min: number, max: number, scale: HeatmapColourScale): string {
  if (scale === "agreement" && min < 0 && max > 0) {
    return v < 0 ? mixColour(NEUTRAL, NEGATIVE, v / min) : mixColour(NEUTRAL, POSITIVE, v / max);
  }
  const t = (v - min) / (max - min);
  return scale === "agreement" ? mixColour(NEUTRAL, POSITIVE, t) : mixColour(COUNT_LOW, COUNT_HIGH, t);
}

/** Diagonal hatch lines inside a square cell (drawn as lines, so no pattern id is needed). */
function hatch(x: number, y: number, size: number): string {
  const segments: string[] = [];
  for (let k = 6; k < 2 * size; k += 6) {
    // The line x + y = k, clipped to the square.
    const x1 = Math.min(k, size);
    const y1 = k - x1;
    const y2 = Math.min(k, size);
    const x2 = k - y2;
    segments.push(`M${coord(x + x1)} ${coord(y + y1)}L${coord(x + x2)} ${coord(y + y2)}`);
  }
  return `<path d="${segments.join("")}" stroke="#b6bcc5" stroke-width="1" fill="none"/>`;
}
