/**
 * Alpha per round, one small panel per code: coding is iterative (code, measure, revise the
 * codebook, code again), and this chart shows for each code whether the revision moved its
 * reliability across the 0.667 and 0.800 lines. Small multiples rather than one panel of lines,
 * because a dozen overlapping lines with intervals cannot be read.
 */
import {
  DEFAULT_THRESHOLDS, GRID, INK, MUTED, THRESHOLD, bandColour, coord, isDrawable, niceTicks, noDataDocument,
  svgDocument, text, textWidth, tickLabel, tooltip, truncate, value3,
} from "./_svg.js";

export interface RoundPoint {
  /** Round name, e.g. "round 1" or the file name of that round's results. */
  round: string;
  /** The estimate in that round, or null when undefined (drawn as the word "undefined"). */
  value: number | null;
  low?: number | null;
  high?: number | null;
}

export interface RoundSeries {
  code: string;
  points: readonly RoundPoint[];
}

export interface RoundsChartOptions {
  /** Chart title, also the SVG `<title>`. Default "Reliability per round". */
  title?: string;
  /** Dashed reference lines. Default [0.667, 0.8] (Krippendorff 2004, p. 241). */
  thresholds?: readonly number[];
  /** Bottom of each panel's axis. Default 0, or lower (in steps of 0.2) when the data go below 0. */
  min?: number;
  /** Top of each panel's axis. Default 1, or higher when the data go above 1. */
  max?: number;
  /** Panels per row. Default: as many as fit in about 900 px, at most 4. */
  columns?: number;
}

const FONT = 12;
const SMALL = 10;
const PAD = 16;
const PLOT_HEIGHT = 110;
const AXIS_WIDTH = 34;
const HEADER = 26;
const FOOTER = 24;
const GAP = 18;

/**
 * Render the per-round chart as a standalone SVG string.
 *
 * Rounds are placed left to right in order of first appearance across all series; a code
 * missing from a round has no mark there. Consecutive defined estimates are joined by a line;
 * an undefined estimate breaks the line and shows "undefined". An empty `series` (or only empty
 * series) gives a chart saying "no data". Output is deterministic (fixed decimals, no ids).
 *
 * @example
 * roundsChart([{ code: "Trust", points: [{ round: "1", value: 0.6 }, { round: "2", value: 0.82 }] }])
 * // => "<svg xmlns=…"
 * @throws RangeError when `min`/`max` are not finite or `min >= max`.
 */
export function roundsChart(series: readonly RoundSeries[], options: RoundsChartOptions = {}): string {
  const title = options.title ?? "Reliability per round";
  const rounds: string[] = [];
  for (const s of series) for (const p of s.points) if (!rounds.includes(p.round)) rounds.push(p.round);
  if (series.length === 0 || rounds.length === 0) return noDataDocument(title, "Reliability per round");

  const thresholds = [...(options.thresholds ?? DEFAULT_THRESHOLDS)].filter(isDrawable).sort((a, b) => a - b);
  const numbers = series.flatMap((s) => s.points.flatMap((p) => [p.value, p.low, p.high])).filter(isDrawable);
  const min = options.min ?? Math.min(0, Math.floor(Math.min(...numbers, 0) * 5 + 1e-9) / 5);
  const max = options.max ?? Math.max(1, Math.ceil(Math.max(...numbers, 1) * 5 - 1e-9) / 5);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new RangeError(`roundsChart: the axis needs finite min < max, got min=${min} max=${max}`);
  }

  const slot = Math.max(56, Math.min(110, Math.max(...rounds.map((r) => textWidth(r, SMALL))) + 10));
  const plotWidth = Math.max(150, rounds.length * slot);
  const panelWidth = AXIS_WIDTH + plotWidth + GAP;
  const panelHeight = HEADER + PLOT_HEIGHT + FOOTER + GAP;
  const columns = Math.max(1, Math.min(series.length, options.columns ?? Math.min(4, Math.floor(900 / panelWidth) || 1)));
  const panelRows = Math.ceil(series.length / columns);
  const roundLabels = rounds.map((r) => truncate(r, slot - 4, SMALL));
  const visible = thresholds.filter((t) => t >= min && t <= max);
  const legend = "Point: estimate; bar: 95% interval" + (visible.length > 0 ? `; dashed lines: ${visible.map(value3).join(" and ")}` : "");

  const top = 62;
  const width = Math.max(PAD + columns * panelWidth, textWidth(title, 15, true) + 2 * PAD, textWidth(legend, FONT - 1) + 2 * PAD);
  const height = top + panelRows * panelHeight;
  const { ticks, decimals } = niceTicks(min, max, 4);

  const body: string[] = [];
  body.push(text(PAD, 26, title, { size: 15, weight: "bold" }));
  body.push(text(PAD, 46, legend, { size: FONT - 1, fill: MUTED }));

  series.forEach((s, i) => {
    const left = PAD + (i % columns) * panelWidth + AXIS_WIDTH;
    const plotTop = top + Math.floor(i / columns) * panelHeight + HEADER;
    const plotBottom = plotTop + PLOT_HEIGHT;
    const y = (v: number): number => plotBottom - ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * PLOT_HEIGHT;
    const x = (k: number): number => left + (plotWidth / rounds.length) * (k + 0.5);
    const parts: string[] = [`<g>`];
    parts.push(`<g>${tooltip(s.code)}${text(left - AXIS_WIDTH, plotTop - 12, truncate(s.code, AXIS_WIDTH + plotWidth, FONT, true), { size: FONT, weight: "bold" })}</g>`);
    parts.push(`<rect x="${coord(left)}" y="${coord(plotTop)}" width="${coord(plotWidth)}" height="${coord(PLOT_HEIGHT)}" fill="#f9fafb" stroke="${GRID}"/>`);
    for (const t of ticks) {
      parts.push(`<line x1="${coord(left)}" y1="${coord(y(t))}" x2="${coord(left + plotWidth)}" y2="${coord(y(t))}" stroke="${t === 0 ? "#9ca3af" : GRID}"/>`);
      parts.push(text(left - 5, y(t), tickLabel(t, decimals), { size: SMALL, anchor: "end", baseline: "middle", fill: MUTED }));
    }
    for (const t of visible) {
      parts.push(`<line x1="${coord(left)}" y1="${coord(y(t))}" x2="${coord(left + plotWidth)}" y2="${coord(y(t))}" stroke="${THRESHOLD}" stroke-width="1.2" stroke-dasharray="5 3"/>`);
    }
    rounds.forEach((r, k) => {
      parts.push(`<g>${tooltip(r)}${text(x(k), plotBottom + 14, roundLabels[k] ?? "", { size: SMALL, anchor: "middle", fill: MUTED })}</g>`);
    });

    // Join consecutive defined estimates; an undefined or absent round breaks the line.
    const byRound = rounds.map((r) => s.points.find((p) => p.round === r));
    let path = "";
    let pen = false;
    byRound.forEach((p, k) => {
      if (p !== undefined && isDrawable(p.value)) {
        path += `${pen ? "L" : "M"}${coord(x(k))} ${coord(y(p.value))}`;
        pen = true;
      } else pen = false;
    });
    if (path.includes("L")) parts.push(`<path d="${path}" fill="none" stroke="${MUTED}" stroke-width="1.5"/>`);

    byRound.forEach((p, k) => {
      if (p === undefined) return;
      if (!isDrawable(p.value)) {
        parts.push(`<g>${tooltip(`${s.code}, ${p.round}: undefined`)}${text(x(k), plotTop + PLOT_HEIGHT / 2, "undefined", { size: SMALL, anchor: "middle", baseline: "middle", italic: true, fill: MUTED })}</g>`);
        return;
      }
      const hasInterval = isDrawable(p.low) && isDrawable(p.high);
      const label = `${s.code}, ${p.round}: ${value3(p.value)}` +
        (hasInterval ? ` [${value3(Math.min(p.low!, p.high!))}, ${value3(Math.max(p.low!, p.high!))}]` : "");
      const mark = [`<g>`, tooltip(label)];
      if (hasInterval) {
        mark.push(`<line x1="${coord(x(k))}" y1="${coord(y(p.low!))}" x2="${coord(x(k))}" y2="${coord(y(p.high!))}" stroke="${INK}" stroke-width="1.5"/>`);
      }
      mark.push(`<circle cx="${coord(x(k))}" cy="${coord(y(p.value))}" r="4.5" fill="${bandColour(p.value, thresholds)}" stroke="${INK}"/>`);
      mark.push(`</g>`);
      parts.push(mark.join(""));
    });
    parts.push(`</g>`);
    body.push(parts.join(""));
  });

  const summary = series
    .map((s) => `${s.code}: ` + s.points.map((p) => `${p.round} ${isDrawable(p.value) ? value3(p.value) : "undefined"}`).join(", "))
    .join("; ");
  const desc = `Estimate per round for ${series.length} code${series.length === 1 ? "" : "s"} over ${rounds.length} round${rounds.length === 1 ? "" : "s"}` +
    (visible.length > 0 ? `, with reference lines at ${visible.map(value3).join(" and ")}` : "") + `. ${summary}.`;
  return svgDocument({ width, height, title, desc, body });
}
