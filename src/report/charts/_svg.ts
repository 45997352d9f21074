/**
 * Shared building blocks for the report's SVG charts: fixed-precision number formatting, a
 * text-width estimate (charts are pure functions, so nothing can be measured), truncation with
 * an ellipsis, colour ramps and the document wrapper. Every chart is a standalone SVG string:
 * no scripts, no external references, no ids (so several charts can be inlined in one HTML page).
 */
import { escapeXml } from "../_escape.js";

/** System font stack; unquoted family names are valid CSS and need no attribute escaping. */
export const FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";

export const INK = "#1f2937";
export const MUTED = "#4b5563";
export const GRID = "#d1d5db";
export const THRESHOLD = "#6b7280";

/** Default Krippendorff thresholds: tentative conclusions (.667) and reliable (.800). */
export const DEFAULT_THRESHOLDS: readonly number[] = [0.667, 0.8];

/** A coordinate with two decimals; never "-0.00", so output is stable across platforms. */
export function coord(x: number): string {
  const s = x.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}

/** A data value as shown to readers: three decimals (STYLE: fixed decimals, 3 by default). */
export function value3(x: number): string {
  const s = x.toFixed(3);
  return s === "-0.000" ? "0.000" : s;
}

/** True for a number that can be drawn (null, NaN and ±Infinity cannot). */
export function isDrawable(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * Estimated rendered width of `text` in px at `fontSize` in a sans-serif system font. The
 * per-character widths follow DejaVu Sans (Linux's default fallback, one of the widest common
 * sans fonts), so labels fit in narrower fonts too; bold text is about 12% wider.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if ("iljI.,:;|!'`".includes(ch)) em += 0.32;
    else if ("ftr()[]-/ ".includes(ch)) em += 0.42;
    else if ("mwMW@%".includes(ch)) em += 0.98;
    else if (ch >= "A" && ch <= "Z") em += 0.74;
    else if (ch >= "0" && ch <= "9") em += 0.64;
    else if (ch.codePointAt(0)! > 0x2e80) em += 1.0;
    else em += 0.63;
  }
  return em * fontSize * (bold ? 1.12 : 1);
}

/** `text` shortened with "…" so its estimated width is at most `maxWidth`. */
export function truncate(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = Array.from(text);
  let out = "";
  for (const ch of chars) {
    if (textWidth(out + ch + "…", fontSize, bold) > maxWidth) break;
    out += ch;
  }
  return out + "…";
}

export interface TextOptions {
  size?: number;
  anchor?: "start" | "middle" | "end";
  weight?: "normal" | "bold";
  fill?: string;
  transform?: string;
  italic?: boolean;
  /** Vertical alignment: "middle" centres the text on y (via dy, which all viewers support). */
  baseline?: "alphabetic" | "middle";
}

/** A `<text>` element; `content` is escaped here, so callers pass raw strings. */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const size = o.size ?? 12;
  const attrs = [
    o.transform === undefined ? `x="${coord(x)}" y="${coord(y)}"` : `transform="${o.transform}"`,
    o.baseline === "middle" ? `dy="0.35em"` : "",
    `font-size="${size}"`,
    o.anchor !== undefined && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.weight === "bold" ? `font-weight="bold"` : "",
    o.italic === true ? `font-style="italic"` : "",
    `fill="${o.fill ?? INK}"`,
  ].filter((a) => a !== "");
  return `<text ${attrs.join(" ")}>${escapeXml(content)}</text>`;
}

/** A `<title>` tooltip element (escaped). */
export function tooltip(content: string): string {
  return `<title>${escapeXml(content)}</title>`;
}

export interface DocumentParts {
  width: number;
  height: number;
  title: string;
  desc: string;
  body: readonly string[];
}

/**
 * The standalone `<svg>` element. No XML declaration, so the same string is valid both as an
 * `.svg` file (UTF-8 is the XML default) and inline in HTML.
 */
export function svgDocument(p: DocumentParts): string {
  const w = coord(Math.ceil(p.width));
  const h = coord(Math.ceil(p.height));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(p.title)}</title>`,
    `<desc>${escapeXml(p.desc)}</desc>`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`,
    ...p.body,
    `</svg>`,
    "",
  ].join("\n");
}

/** A small chart that says "no data", used by every chart for empty input. */
export function noDataDocument(title: string, what: string): string {
  const width = Math.max(320, textWidth(title, 15, true) + 40);
  return svgDocument({
    width,
    height: 110,
    title,
    desc: `${what}: no data.`,
    body: [
      text(20, 30, title, { size: 15, weight: "bold" }),
      `<rect x="20.00" y="45.00" width="${coord(width - 40)}" height="45.00" fill="#f3f4f6" stroke="${GRID}"/>`,
      text(width / 2, 67.5, "no data", { size: 13, anchor: "middle", baseline: "middle", fill: MUTED, italic: true }),
    ],
  });
}

/**
 * Tick values for an axis from `min` to `max`: a "nice" step (1, 2 or 5 × 10^k) giving about
 * five intervals, computed as integer multiples so the labels do not drift.
 */
export function niceTicks(min: number, max: number, target = 5): { ticks: number[]; decimals: number } {
  const span = max - min;
  if (!(span > 0)) return { ticks: [min], decimals: 3 };
  const raw = span / target;
  const power = Math.floor(Math.log10(raw));
  const base = 10 ** power;
  const mult = raw / base <= 1.5 ? 1 : raw / base <= 3 ? 2 : raw / base <= 7 ? 5 : 10;
  const step = mult * base;
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(12)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { ticks, decimals };
}

/** A tick label: `decimals` digits, no "-0". */
export function tickLabel(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Linear interpolation between two "#rrggbb" colours at t in [0, 1]. */
export function mixColour(from: string, to: string, t: number): string {
  const u = Math.min(1, Math.max(0, t));
  const a = parseHex(from);
  const b = parseHex(to);
  const channel = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * u).toString(16).padStart(2, "0");
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** Relative luminance (WCAG 2) of a "#rrggbb" colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Colour for an estimate relative to the thresholds (Okabe–Ito, safe for colour-blind readers). */
export function bandColour(v: number, thresholds: readonly number[]): string {
  const sorted = [...thresholds].sort((a, b) => a - b);
  if (sorted.length === 0) return INK;
  const top = sorted[sorted.length - 1];
  const bottom = sorted[0];
  if (top !== undefined && v >= top) return "#0072b2";
  if (bottom !== undefined && v >= bottom) return "#e69f00";
  return "#d55e00";
}
