/**
 * Forest plot: one row per code with its estimate (usually Krippendorff's alpha) as a point and
 * its 95% interval as a bar, against dashed threshold lines (by default 0.667 and 0.800, the
 * levels Krippendorff recommends for tentative and for reliable conclusions). A researcher reads
 * it to see at a glance which codes are reliable and which need their definitions rewritten.
 */
import {
  DEFAULT_THRESHOLDS, GRID, INK, MUTED, THRESHOLD, bandColour, coord, isDrawable, niceTicks, noDataDocument,
  svgDocument, text, textWidth, tickLabel, tooltip, truncate, value3,
} from "./_svg.js";

export interface ForestRow {
  /** Row label, e.g. the code name. Long labels are truncated; the full label is the tooltip. */
  label: string;
  /** The estimate, or null when it is undefined (drawn as the word "undefined"). */
  value: number | null;
  /** Lower bound of the 95% interval, or null when there is none. */
  low: number | null;
  /** Upper bound of the 95% interval, or null when there is none. */
  high: number | null;
  /** A short remark shown after the numbers, e.g. "12 units" or "no variation". */
  note?: string;
}

export interface ForestPlotOptions {
  /** Chart title, also the SVG `<title>`. Default "Reliability per code". */
  title?: string;
  /** Dashed reference lines. Default [0.667, 0.8] (Krippendorff 2004, p. 241). */
  thresholds?: readonly number[];
  /** Left end of the axis. Default −1, or lower when an estimate or bound is below −1. */
  min?: number;
  /** Right end of the axis. Default 1, or higher when an estimate or bound is above 1. */
  max?: number;
  /** Axis caption. Default "Krippendorff's α". */
  axisLabel?: string;
  /** Header of the label column. Default "Code". */
  labelHeader?: string;
  /** Header of the numbers column. Default "α [95% interval]". */
  valueHeader?: string;
}

const FONT = 12;
const ROW = 24;
const PLOT_WIDTH = 380;
const MAX_LABEL_WIDTH = 230;
const MAX_NOTE_WIDTH = 220;
const PAD = 16;

/**
 * Render a forest plot as a standalone SVG string.
 *
 * Rows are drawn in the order given. A row whose `value` is null (or not finite) shows the word
 * "undefined" instead of a point; a row without bounds shows the point alone. Values outside
 * `[min, max]` are clamped to the edge and drawn as a triangle pointing outwards. Numbers are
 * printed with three decimals and coordinates with two, so equal input gives an identical string.
 *
 * Reference for the default thresholds: Krippendorff, K. (2004) *Content Analysis: An
 * Introduction to Its Methodology*, 2nd ed., Sage, p. 241.
 *
 * @example
 * forestPlot([{ label: "Trust", value: 0.81, low: 0.7, high: 0.9 }]) // => "<svg xmlns=…"
 * @throws RangeError when `min`/`max` are not finite or `min >= max`.
 */
export function forestPlot(rows: readonly ForestRow[], options: ForestPlotOptions = {}): string {
  const title = options.title ?? "Reliability per code";
  if (rows.length === 0) return noDataDocument(title, "Forest plot");
  const thresholds = [...(options.thresholds ?? DEFAULT_THRESHOLDS)].filter(isDrawable).sort((a, b) => a - b);
  const numbers = rows.flatMap((r) => [r.value, r.low, r.high]).filter(isDrawable);
  const min = options.min ?? Math.min(-1, Math.floor(Math.min(...numbers, 0) * 10 + 1e-9) / 10);
  const max = options.max ?? Math.max(1, Math.ceil(Math.max(...numbers, 0) * 10 - 1e-9) / 10);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new RangeError(`forestPlot: the axis needs finite min < max, got min=${min} max=${max}`);
  }
  const axisLabel = options.axisLabel ?? "Krippendorff's α";
  const labelHeader = options.labelHeader ?? "Code";
  const valueHeader = options.valueHeader ?? "α [95% interval]";

  // Columns: labels | plot | numbers and note.
  const labels = rows.map((r) => truncate(r.label, MAX_LABEL_WIDTH, FONT));
  const labelWidth = Math.max(textWidth(labelHeader, FONT, true), ...labels.map((l) => textWidth(l, FONT)));
  const plotLeft = PAD + labelWidth + 14;
  const plotRight = plotLeft + PLOT_WIDTH;
  const numbersLeft = plotRight + 16;
  const numberTexts = rows.map((r) => numbersText(r));
  const notes = rows.map((r) => (r.note === undefined || r.note === "" ? "" : truncate(r.note, MAX_NOTE_WIDTH, FONT - 1)));
  const numbersWidth = Math.max(textWidth(valueHeader, FONT, true), ...numberTexts.map((t) => textWidth(t, FONT)));
  const notesLeft = numbersLeft + numbersWidth + 12;
  const notesWidth = Math.max(0, ...notes.map((n) => textWidth(n, FONT - 1)));
  const width = Math.max(notesLeft + notesWidth + PAD, textWidth(title, 15, true) + 2 * PAD);

  const x = (v: number): number => plotLeft + ((v - min) / (max - min)) * PLOT_WIDTH;
  const clampX = (v: number): number => x(Math.min(max, Math.max(min, v)));

  // Threshold labels above the plot, staggered onto a second line when neighbours would overlap.
  const visible = thresholds.filter((t) => t >= min && t <= max);
  const levels: number[] = [];
  const levelEnds: number[] = [];
  for (const t of visible) {
    const half = textWidth(value3(t), FONT - 1) / 2;
    let level = levelEnds.findIndex((end) => x(t) - half > end + 4);
    if (level === -1) { level = levelEnds.length; levelEnds.push(0); }
    levelEnds[level] = x(t) + half;
    levels.push(level);
  }
  const headerY = 50;
  const plotTop = headerY + 10 + Math.max(1, levelEnds.length) * 14;
  const plotBottom = plotTop + rows.length * ROW;
  const height = plotBottom + 64;

  const body: string[] = [];
  body.push(text(PAD, 26, title, { size: 15, weight: "bold" }));
  body.push(text(PAD, headerY, labelHeader, { size: FONT, weight: "bold", fill: MUTED }));
  body.push(text(numbersLeft, headerY, valueHeader, { size: FONT, weight: "bold", fill: MUTED }));

  // Zebra stripes first, so lines and points sit on top.
  rows.forEach((_, i) => {
    if (i % 2 === 0) {
      body.push(`<rect x="${coord(PAD / 2)}" y="${coord(plotTop + i * ROW)}" width="${coord(width - PAD)}" height="${coord(ROW)}" fill="#f3f4f6"/>`);
    }
  });

  const { ticks, decimals } = niceTicks(min, max);
  for (const t of ticks) {
    const strong = t === 0;
    body.push(`<line x1="${coord(x(t))}" y1="${coord(plotTop)}" x2="${coord(x(t))}" y2="${coord(plotBottom)}" stroke="${strong ? "#9ca3af" : GRID}" stroke-width="1"/>`);
    body.push(`<line x1="${coord(x(t))}" y1="${coord(plotBottom)}" x2="${coord(x(t))}" y2="${coord(plotBottom + 5)}" stroke="${INK}" stroke-width="1"/>`);
    body.push(text(x(t), plotBottom + 18, tickLabel(t, decimals), { size: FONT - 1, anchor: "middle", fill: MUTED }));
  }
  body.push(`<line x1="${coord(plotLeft)}" y1="${coord(plotBottom)}" x2="${coord(plotRight)}" y2="${coord(plotBottom)}" stroke="${INK}" stroke-width="1"/>`);
  body.push(text((plotLeft + plotRight) / 2, plotBottom + 36, axisLabel, { size: FONT, anchor: "middle" }));

  visible.forEach((t, i) => {
    const level = levels[i] ?? 0;
    body.push(`<line x1="${coord(x(t))}" y1="${coord(plotTop - 4)}" x2="${coord(x(t))}" y2="${coord(plotBottom)}" stroke="${THRESHOLD}" stroke-width="1.2" stroke-dasharray="5 3"/>`);
    body.push(text(x(t), plotTop - 8 - (levelEnds.length - 1 - level) * 14, value3(t), { size: FONT - 1, anchor: "middle", fill: MUTED }));
  });

  rows.forEach((r, i) => {
    const cy = plotTop + (i + 0.5) * ROW;
    const parts: string[] = [`<g>`, tooltip(`${r.label}: ${numberTexts[i]}${r.note ? ` (${r.note})` : ""}`)];
    parts.push(text(PAD + labelWidth, cy, labels[i] ?? "", { size: FONT, anchor: "end", baseline: "middle" }));
    if (isDrawable(r.value)) {
      const colour = bandColour(r.value, thresholds);
      if (isDrawable(r.low) && isDrawable(r.high)) {
        const lo = Math.min(r.low, r.high);
        const hi = Math.max(r.low, r.high);
        parts.push(`<line x1="${coord(clampX(lo))}" y1="${coord(cy)}" x2="${coord(clampX(hi))}" y2="${coord(cy)}" stroke="${INK}" stroke-width="1.5"/>`);
        for (const end of [lo, hi]) {
          if (end >= min && end <= max) {
            parts.push(`<line x1="${coord(x(end))}" y1="${coord(cy - 5)}" x2="${coord(x(end))}" y2="${coord(cy + 5)}" stroke="${INK}" stroke-width="1.5"/>`);
          }
        }
      }
      if (r.value < min || r.value > max) {
        const edge = clampX(r.value);
        const dir = r.value < min ? -1 : 1;
        parts.push(`<path d="M${coord(edge + dir * 7)} ${coord(cy)} L${coord(edge - dir * 3)} ${coord(cy - 6)} L${coord(edge - dir * 3)} ${coord(cy + 6)} Z" fill="${colour}" stroke="${INK}"/>`);
      } else {
        parts.push(`<circle cx="${coord(x(r.value))}" cy="${coord(cy)}" r="5" fill="${colour}" stroke="${INK}" stroke-width="1"/>`);
      }
      parts.push(text(numbersLeft, cy, numberTexts[i] ?? "", { size: FONT, baseline: "middle" }));
    } else {
      parts.push(text((plotLeft + plotRight) / 2, cy, "undefined", { size: FONT, anchor: "middle", baseline: "middle", italic: true, fill: MUTED }));
      parts.push(text(numbersLeft, cy, numberTexts[i] ?? "", { size: FONT, baseline: "middle", italic: true, fill: MUTED }));
    }
    if (notes[i]) parts.push(text(notesLeft, cy, notes[i] ?? "", { size: FONT - 1, baseline: "middle", fill: MUTED }));
    parts.push(`</g>`);
    body.push(parts.join(""));
  });

  const legend = "Point: estimate; bar: 95% interval" + (visible.length > 0 ? `; dashed lines: ${visible.map(value3).join(" and ")}` : "");
  body.push(text(PAD, plotBottom + 56, legend, { size: FONT - 1, fill: MUTED }));

  const summary = rows.map((r, i) => `${r.label} ${numberTexts[i]}`).join("; ");
  const desc = `Forest plot of ${axisLabel} for ${rows.length} row${rows.length === 1 ? "" : "s"} with 95% intervals` +
    (visible.length > 0 ? ` and reference lines at ${visible.map(value3).join(" and ")}` : "") + `. ${summary}.`;
  return svgDocument({ width, height, title, desc, body });
}

/** "0.812 [0.701, 0.900]", "0.812 (no interval)" or "undefined". */
function numbersText(r: ForestRow): string {
  if (!isDrawable(r.value)) return "undefined";
  if (!isDrawable(r.low) || !isDrawable(r.high)) return `${value3(r.value)} (no interval)`;
  return `${value3(r.value)} [${value3(Math.min(r.low, r.high))}, ${value3(Math.max(r.low, r.high))}]`;
}
