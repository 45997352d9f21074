/**
 * Building blocks of the HTML report: escaped cells and sortable tables, the stylesheet, the one
 * inline script (click or press Enter on a column header to sort) and the Content-Security-Policy
 * that allows exactly that script by its SHA-256 hash. Internal to `html.ts`.
 */
import { createHash } from "node:crypto";
import type { MetricResult } from "../model/reliability-matrix.js";
import type { Band, ReliabilityReport } from "./types.js";
import { escapeHtml } from "./_escape.js";
import { fixed } from "./_format.js";

export const esc = escapeHtml;

/** A code name as inline code. */
export const codeHtml = (code: string): string => `<code>${esc(code)}</code>`;

/** A finite number, or null (NaN and ±Infinity are never shown). */
export function finite(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Three decimals, or "undefined" (with the reason when known). */
export function num(v: number | null | undefined, reason?: string, digits = 3): string {
  const f = finite(v);
  if (f === null) return reason === undefined ? "undefined" : `undefined (${reason})`;
  return fixed(f, digits);
}

/** A coefficient: its value with three decimals, or "undefined (reason)". */
export function coef(m: MetricResult | null | undefined): string {
  if (!m) return "–";
  return num(m.value, m.reason ?? "no value");
}

export function pct(v: number | null | undefined): string {
  const f = finite(v);
  return f === null ? "undefined" : `${fixed(f * 100, 1)}%`;
}

export function interval(ci: readonly [number, number] | null | undefined): string {
  const low = finite(ci?.[0]);
  const high = finite(ci?.[1]);
  return low === null || high === null ? "–" : `[${fixed(low)}, ${fixed(high)}]`;
}

/** How the report names its unit of analysis: in running text (one, many) and as a column heading. */
export interface UnitWords {
  one: string;
  many: string;
  heading: string;
}

const UNIT_WORDS: Record<ReliabilityReport["unit"], UnitWords> = {
  turn: { one: "speaker turn", many: "turns", heading: "Turn" },
  paragraph: { one: "paragraph", many: "paragraphs", heading: "Paragraph" },
  sentence: { one: "sentence", many: "sentences", heading: "Sentence" },
  document: { one: "document", many: "documents", heading: "Document" },
};

/** The words for the report's unit; "turn" (short for "speaker turn") inside longer phrases. */
export function unitWords(unit: ReliabilityReport["unit"]): UnitWords & { short: string } {
  const words = UNIT_WORDS[unit] ?? UNIT_WORDS.turn;
  return { ...words, short: unit === "turn" ? "turn" : words.one };
}

export const BAND_LABEL: Record<Band, string> = {
  reliable: "reliable (≥ 0.800)",
  tentative: "tentative (0.667–0.800)",
  unreliable: "unreliable (< 0.667)",
  undefined: "undefined",
};

/** Verdicts sorted from worst to best, undefined last. */
export const BAND_ORDER: Record<Band, number> = { unreliable: 0, tentative: 1, reliable: 2, undefined: 3 };

/** Text with `backtick` spans (as the diagnoses write code names) escaped, spans shown as `<code>`. */
export function withCode(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

export interface Column {
  label: string;
  /** "number" columns sort numerically (by each cell's `data-sort`); others by text, digits as numbers. */
  type?: "number" | "text";
}

export interface Cell {
  /** Cell content, already escaped HTML. */
  html: string;
  /** Sort key; null sorts last whatever the direction. Default: the cell's text. */
  sort?: number | string | null;
  className?: string;
}

/** A cell of escaped text. */
export function textCell(text: string, className?: string): Cell {
  return className === undefined ? { html: esc(text) } : { html: esc(text), className };
}

/** A numeric cell: `shown` as given (already formatted), sorted by `value`. */
export function numberCell(value: number | null | undefined, shown: string): Cell {
  // "undefined (reason)": the reason on its own line keeps numeric columns narrow.
  const html = esc(shown).replace(/^undefined \((.+)\)$/, `undefined <span class="reason">($1)</span>`);
  return { html, sort: finite(value), className: "num" };
}

/** A table whose headers sort it when clicked (or focused and activated with Enter/Space). */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly Cell[])[], extraClass = ""): string {
  const head = columns.map((c) =>
    `<th scope="col" aria-sort="none"${c.type === "number" ? ` data-type="number" class="num"` : ""}><button type="button">${esc(c.label)}</button></th>`);
  const body = rows.map((r) => `<tr>${r.map((c) => {
    const sort = c.sort === undefined ? "" : ` data-sort="${c.sort === null ? "" : esc(String(c.sort))}"`;
    const cls = c.className === undefined ? "" : ` class="${c.className}"`;
    return `<td${cls}${sort}>${c.html}</td>`;
  }).join("")}</tr>`);
  return [
    `<div class="table-wrap"><table class="sortable${extraClass === "" ? "" : ` ${extraClass}`}">`,
    `<caption>${esc(caption)}</caption>`,
    `<thead><tr>${head.join("")}</tr></thead>`,
    `<tbody>`, ...body, `</tbody></table></div>`,
  ].join("\n");
}

/**
 * Sorts `table.sortable` by a header click. Stable (ties keep the previous order); empty sort
 * keys go last in both directions; text compares with digits as numbers ("turn 9" < "turn 10").
 * Kept as a fixed string: its SHA-256 is what the Content-Security-Policy allows.
 */
export const SORT_SCRIPT = `(function () {
  "use strict";
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  function key(cell) {
    if (!cell) return "";
    var k = cell.getAttribute("data-sort");
    return k === null ? cell.textContent.trim() : k;
  }
  function sortBy(table, th, col) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    var heads = table.tHead.rows[0].cells;
    for (var h = 0; h < heads.length; h++) heads[h].setAttribute("aria-sort", "none");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return { row: row, key: key(row.cells[col]), i: i }; });
    rows.sort(function (a, b) {
      if (a.key === "" || b.key === "") return a.key === b.key ? a.i - b.i : a.key === "" ? 1 : -1;
      var c = numeric ? Number(a.key) - Number(b.key) : collator.compare(a.key, b.key);
      if (c === 0 || c !== c) return a.i - b.i;
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (button) button.addEventListener("click", function () { sortBy(table, th, col); });
    });
  });
})();`;

/** The Content-Security-Policy: nothing from the network; inline styles; only our script, by hash. */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash("sha256").update(script, "utf8").digest("base64");
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export const STYLE = `
:root { --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --stripe: #f9fafb; --accent: #0b5cad;
  --ok: #0072b2; --warn: #b36b00; --bad: #c2410c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, main { max-width: 1320px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6em; margin: 0 0 6px; }
h2 { font-size: 1.3em; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.08em; margin: 22px 0 8px; }
nav ul { list-style: none; padding: 0; margin: 10px 0 14px; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.93em; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f4f6; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 0.9em; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top; text-align: left; }
tbody tr:nth-child(even) { background: var(--stripe); }
th { background: #eef1f5; padding: 0; vertical-align: bottom; min-width: 4em; }
th button { all: unset; display: block; padding: 4px 18px 4px 8px; cursor: pointer; font-weight: 600; position: relative; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
th button::after { content: "\\2195"; position: absolute; right: 4px; color: #9ca3af; font-weight: normal; }
th[aria-sort="ascending"] button::after { content: "\\25B2"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: "\\25BC"; color: var(--ink); }
td code, td mark, summary code { white-space: nowrap; overflow-wrap: normal; }
.nowrap { white-space: nowrap; }
td.band { min-width: 10.5em; }
table.per-code { font-size: 0.86em; }
table.per-code td { padding: 4px 6px; }
table.per-code th button { padding: 4px 16px 4px 6px; }
.caveat { display: block; font-size: 0.85em; color: var(--bad); }
.reason { display: block; font-size: 0.85em; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num button { padding: 4px 18px 4px 8px; }
.band-reliable { color: var(--ok); font-weight: 600; }
.band-tentative { color: var(--warn); font-weight: 600; }
.band-unreliable { color: var(--bad); font-weight: 600; }
.band-undefined { color: var(--muted); font-style: italic; }
figure.chart { margin: 12px 0 20px; overflow-x: auto; }
figure.chart svg { display: block; max-width: none; height: auto; }
.cards { display: grid; gap: 12px; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 4px; padding: 8px 14px; }
.card.tentative { border-left-color: var(--warn); }
.card.undefined { border-left-color: #9ca3af; }
.card h3 { margin: 4px 0; }
.card ul { margin: 4px 0; padding-left: 20px; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 16px; margin: 4px 0; font-size: 0.92em; color: var(--muted); }
.kind { display: inline-block; font-size: 0.78em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; background: #eef1f5; border-radius: 3px; padding: 0 5px; margin-right: 4px; color: var(--ink); }
table.disagreements td.turn-text { white-space: pre-wrap; min-width: 280px; max-width: 560px; overflow-wrap: anywhere; }
table.disagreements td.coder { min-width: 120px; }
td.applied { background: #e7f3ec; }
td.not-applied { background: #fbeaea; }
td.missing { background: #f3f4f6; color: var(--muted); font-style: italic; }
.verdict { display: block; font-size: 0.78em; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
mark { background: #fde68a; color: inherit; padding: 0 2px; border-radius: 2px; font-weight: 600; }
details { margin: 6px 0 12px; }
summary { cursor: pointer; font-weight: 600; }
.methods { background: #f9fafb; border: 1px solid var(--line); border-radius: 4px; padding: 10px 14px; }
ol.refs { font-size: 0.9em; }
.flags { margin: 18px 0 8px; padding: 10px 16px 6px; background: #fff4ec; border: 1px solid #f3c6a8; border-left: 6px solid var(--bad); border-radius: 4px; }
.flags h2 { margin: 0 0 4px; padding: 0; border: 0; color: var(--bad); display: flex; align-items: center; gap: 8px; }
.flag-mark { display: inline-block; width: 1.25em; height: 1.25em; line-height: 1.25em; text-align: center; border-radius: 50%; background: var(--bad); color: #fff; font-size: 0.85em; font-weight: 700; }
.flags p { margin: 0 0 4px; }
.flags ul { margin: 4px 0 6px; padding-left: 22px; }
.flags li { margin: 2px 0; font-weight: 600; }
.flags li a { font-weight: normal; }
.note { font-size: 0.93em; color: var(--muted); border-left: 3px solid var(--line); padding-left: 10px; }
.skipped { color: var(--bad); font-weight: 600; }
td.low { color: var(--bad); font-weight: 600; }
td.lowest .item { display: block; white-space: nowrap; }
footer { max-width: 1320px; margin: 30px auto; padding: 0 20px; color: var(--muted); font-size: 0.85em; }
`;
