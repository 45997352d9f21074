/**
 * The HTML report: one self-contained file with the markdown report's content (summary, next
 * steps, per-code table, coder pairs, ambiguous codes with their diagnoses, coder profiles,
 * disagreements, alignment, methods paragraph, reproducibility), sortable tables and the charts
 * inline. Each disagreement shows the turn's full text with every coder's codes side by side.
 *
 * Safety: every string from the inputs (code, coder and file names, transcript text) is escaped;
 * the page loads nothing (a Content-Security-Policy forbids every source except inline styles,
 * `data:` images and the one sorting script, allowed by its SHA-256 hash). Deterministic: no
 * dates, fixed decimals, the same report and charts give the same bytes.
 */
import type { Band, CodeRow, ReliabilityReport } from "./types.js";
import { nextStepItems } from "./next-steps.js";
import { alphaInterval } from "./charts/report-charts.js";
import {
  SORT_SCRIPT, STYLE, codeHtml, coef, contentSecurityPolicy, esc, interval, num, numberCell, pct, table, textCell, withCode,
  type Cell,
} from "./_html.js";
import { alignment, codebookAndWarnings, coders, disagreements, methods, reproducibility } from "./_html-sections.js";

const BAND_LABEL: Record<Band, string> = {
  reliable: "reliable (≥ 0.800)",
  tentative: "tentative (0.667–0.800)",
  unreliable: "unreliable (< 0.667)",
  undefined: "undefined",
};

const BAND_ORDER: Record<Band, number> = { unreliable: 0, tentative: 1, reliable: 2, undefined: 3 };

const CHART_CAPTIONS: Record<string, string> = {
  "alpha-forest.svg": "Krippendorff's alpha per code with its 95% interval (bootstrap where computed); dashed lines at 0.667 and 0.800.",
  "coder-pairs.svg": "Mean Cohen's kappa of each pair of coders over the codes where it is defined.",
  "substitutions.svg": "How often another coder applied the column's code on a turn where the row's code was applied.",
};

/** An SVG chart inline: the namespace attribute is implied in HTML, so the page names no URL. */
function figure(charts: Record<string, string>, name: string): string {
  const svg = charts[name];
  if (svg === undefined) return "";
  const inline = svg.replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /, "<svg ").trimEnd();
  const caption = CHART_CAPTIONS[name] ?? name;
  return `<figure class="chart" data-chart="${esc(name)}">\n${inline}\n<figcaption class="muted">${esc(caption)}</figcaption></figure>`;
}

/** Why a code's numbers should not be trusted yet: they are marked where they are shown. */
function caveats(r: ReliabilityReport, row: CodeRow): string[] {
  const out: string[] = [];
  if (row.prevalenceParadox) out.push(`prevalence paradox (AC1 ${coef(row.gwetAC1)})`);
  const users = r.coders.filter((k) => (row.presence[k] ?? 0) > 0);
  if (users.length === 1) out.push(`used by ${users[0]} only`);
  const need = r.ambiguous.find((a) => a.code === row.code);
  if (need && need.requiredUnits !== null && need.requiredUnits > need.availableUnits) {
    out.push(`too few units (${need.availableUnits} of about ${need.requiredUnits} needed)`);
  }
  return out;
}

function bandCell(r: ReliabilityReport, row: CodeRow): Cell {
  const notes = caveats(r, row).map((c) => `<span class="caveat">${esc(c)}</span>`).join("");
  return { html: `<span class="band-${row.band}">${esc(BAND_LABEL[row.band])}</span>${notes}`, sort: BAND_ORDER[row.band], className: "band" };
}

function summary(r: ReliabilityReport): string {
  const s = r.summary;
  return [
    `<section id="summary"><h2>Summary</h2><ul>`,
    `<li>Coders: ${r.coders.length} (${esc(r.coders.join(", "))})</li>`,
    `<li>Transcripts: ${r.transcripts.length}; units: ${r.units}</li>`,
    `<li>Codes: ${s.codes}. Krippendorff's alpha (nominal, per code): <span class="band-reliable">${s.reliable} reliable</span> (≥ 0.800), <span class="band-tentative">${s.tentative} tentative</span> (0.667–0.800), <span class="band-unreliable">${s.unreliable} unreliable</span> (&lt; 0.667), <span class="band-undefined">${s.undefined} undefined</span></li>`,
    `<li>Overall alpha on each turn's set of codes: ${esc(coef(r.overall.alphaMasi))} with MASI distance, ${esc(coef(r.overall.alphaNominalWholeSet))} with nominal distance on whole sets</li>`,
    `<li>Convention: ${esc(s.convention)}. These thresholds are conventions, not tests.</li>`,
    `</ul></section>`,
  ].join("\n");
}

function nextSteps(r: ReliabilityReport): string {
  const items = nextStepItems(r).map((parts) => `<li>${parts.map((p) => (typeof p === "string" ? esc(p) : codeHtml(p.code))).join("")}</li>`);
  return `<section id="next"><h2>What to do next</h2><ul>\n${items.join("\n")}\n</ul></section>`;
}

function perCode(r: ReliabilityReport, charts: Record<string, string>): string {
  const columns = [
    { label: "Code" }, { label: `Presence (${r.coders.join(" / ")})`, type: "number" as const },
    { label: "Units", type: "number" as const }, { label: "% agreement", type: "number" as const }, { label: "Unanimous", type: "number" as const },
    { label: "Light's κ", type: "number" as const }, { label: "Fleiss' κ", type: "number" as const }, { label: "Gwet's AC1", type: "number" as const },
    { label: "α", type: "number" as const }, { label: "α 95% interval" }, { label: "P(α < 0.667)", type: "number" as const }, { label: "Verdict", type: "number" as const },
  ];
  const rows = r.codes.map((c): Cell[] => {
    const ci = alphaInterval(c);
    const pBelow = c.krippendorffAlpha.bootstrap?.pBelow?.["0.667"] ?? null;
    return [
      { html: codeHtml(c.code) + (c.inCodebook === false ? ` <span class="muted">(not in codebook)</span>` : ""), sort: c.code },
      numberCell(r.coders.reduce((s, k) => s + (c.presence[k] ?? 0), 0), r.coders.map((k) => c.presence[k] ?? 0).join(" / ")),
      numberCell(c.units, String(c.units)),
      numberCell(c.percentAgreement, pct(c.percentAgreement)),
      numberCell(c.unanimousAgreement, pct(c.unanimousAgreement)),
      numberCell(c.lightKappa.value, coef(c.lightKappa)),
      numberCell(c.fleissKappa.value, coef(c.fleissKappa)),
      numberCell(c.gwetAC1.value, coef(c.gwetAC1)),
      numberCell(c.krippendorffAlpha.value, coef(c.krippendorffAlpha)),
      { html: esc(interval(ci)), sort: ci?.[0] ?? null, className: "num nowrap" },
      pBelow === null ? { html: "–", sort: null, className: "num" } : numberCell(pBelow, num(pBelow)),
      bandCell(r, c),
    ];
  });
  return [
    `<section id="codes"><h2>Agreement per code</h2>`,
    `<p>Presence = turns on which each coder applied the code (sorted by their total). % agreement = mean over coder pairs. α = Krippendorff's alpha, nominal, with its 95% interval (bootstrap where computed) and the probability that the true alpha is below 0.667. Click a column header to sort.</p>`,
    table("Agreement per code", columns, rows, "per-code"),
    figure(charts, "alpha-forest.svg"),
    `</section>`,
  ].join("\n");
}

function pairs(r: ReliabilityReport, charts: Record<string, string>): string {
  const pairLabel = (p: readonly [string, string]) => `${p[0]} – ${p[1]}`;
  const main = table("Coder pairs, over all codes", [
    { label: "Pair" }, { label: "Mean % agreement", type: "number" }, { label: "Mean Cohen's κ", type: "number" }, { label: "Codes with κ defined", type: "number" },
  ], r.pairs.map((p) => [textCell(pairLabel(p.coders)), numberCell(p.meanPercentAgreement, pct(p.meanPercentAgreement)), numberCell(p.meanKappa, num(p.meanKappa)), numberCell(p.codes, String(p.codes))]));
  const detail = table("Per code and pair", [
    { label: "Code" }, { label: "Pair" }, { label: "Both", type: "number" }, { label: "Only first", type: "number" }, { label: "Only second", type: "number" },
    { label: "Neither", type: "number" }, { label: "% agreement", type: "number" }, { label: "Cohen's κ", type: "number" },
  ], r.codes.flatMap((c) => c.pairs.map((p) => [
    { html: codeHtml(c.code), sort: c.code }, textCell(pairLabel(p.coders)), numberCell(p.both, String(p.both)), numberCell(p.onlyFirst, String(p.onlyFirst)),
    numberCell(p.onlySecond, String(p.onlySecond)), numberCell(p.neither, String(p.neither)), numberCell(p.percentAgreement, pct(p.percentAgreement)),
    numberCell(p.cohenKappa.value, coef(p.cohenKappa)),
  ])));
  return [
    `<section id="pairs"><h2>Coder pairs</h2>`,
    `<p>Mean over codes of each pair's percent agreement and Cohen's kappa (codes where kappa is undefined are left out of the mean).</p>`,
    main, figure(charts, "coder-pairs.svg"),
    `<details><summary>Per code and pair (${r.codes.reduce((s, c) => s + c.pairs.length, 0)} rows)</summary>`, detail, `</details>`,
    `</section>`,
  ].join("\n");
}

function ambiguous(r: ReliabilityReport, charts: Record<string, string>, anchors: Map<string, string>): string {
  const out = [`<section id="ambiguous"><h2>Ambiguous codes</h2>`];
  if (r.ambiguous.length === 0) out.push(`<p>No code falls below alpha 0.800 with disagreements to show.</p>`);
  else {
    out.push(`<p>Codes below 0.800 (or undefined) that coders disagreed on, ranked by how far they pull the overall alpha down, each with a diagnosis and its evidence.</p>`, `<div class="cards">`);
    r.ambiguous.forEach((a, i) => {
      const alone = Object.entries(a.standsAlone).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ");
      const subs = a.substitutes.length === 0 ? "none" : a.substitutes.map((s) => `${codeHtml(s.code)} (${s.count})`).join(", ");
      const anchor = anchors.get(a.code);
      const facts = [
        `alpha ${esc(num(a.alpha))} (${esc(BAND_LABEL[a.band])})`,
        `pull on overall alpha ${esc(num(a.pull))}`,
        `${a.disagreements} disagreement(s)${anchor === undefined ? "" : ` (<a href="#${anchor}">show</a>)`}`,
        `${a.boundary} at excerpt boundaries`,
        `stands alone: ${esc(alone === "" ? "nobody" : alone)}`,
        `used by: ${esc(a.usedBy.length === 0 ? "nobody" : a.usedBy.join(", "))}`,
        `units: ${a.availableUnits} available, ${a.requiredUnits === null ? "undefined" : a.requiredUnits} needed for a reliable estimate`,
      ];
      out.push(
        `<article class="card ${a.band}"><h3>${i + 1}. ${codeHtml(a.code)}</h3>`,
        `<div class="facts">${facts.map((f) => `<span>${f}</span>`).join("")}</div>`,
        `<div>Used instead: ${subs}</div>`,
        a.diagnoses.length === 0 ? "" : `<ul>${a.diagnoses.map((d) => `<li><span class="kind">${esc(d.kind)}</span>${withCode(d.text)}</li>`).join("")}</ul>`,
        `</article>`,
      );
    });
    out.push(`</div>`);
  }
  if (r.substitution.codes.length > 0) out.push(figure(charts, "substitutions.svg"));
  out.push(`</section>`);
  return out.filter((s) => s !== "").join("\n");
}

/**
 * Render the report as one self-contained HTML document.
 *
 * `charts` are the SVGs from `reportCharts(report)` by file name; they are inlined where they
 * belong (forest plot under the per-code table, coder pairs under the pairs table, substitutions
 * under the ambiguous codes) and must be trusted markup, as `reportCharts` produces. Numbers have
 * three decimals; an undefined coefficient reads "undefined (reason)", never NaN.
 *
 * @example
 * renderHtml(report, reportCharts(report)) // => "<!DOCTYPE html>\n<html lang=\"en\">…"
 */
export function renderHtml(report: ReliabilityReport, charts: Record<string, string>): string {
  const r = report;
  const anchors = new Map(r.codes.filter((c) => c.disagreements.length > 0).map((c, i) => [c.code, `disagreements-${i + 1}`]));
  const nav = [["summary", "Summary"], ["next", "What to do next"], ["codes", "Agreement per code"], ["pairs", "Coder pairs"], ["ambiguous", "Ambiguous codes"],
    ["coders", "Coders"], ["disagreements", "Disagreements"], ["alignment", "Alignment"], ["methods", "Methods"], ["reproducibility", "Reproducibility"]];
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(SORT_SCRIPT)}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="intercoder ${esc(r.tool.version)}">`,
    `<title>Intercoder reliability: ${esc(r.name)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<header><h1>Intercoder reliability: ${esc(r.name)}</h1>`,
    `<p class="muted">Produced by intercoder ${esc(r.tool.version)}. Unit of analysis: the speaker turn (${r.units} aligned turns that at least two coders have). Values are rounded to 3 decimals here; the JSON report has them exact.</p>`,
    `<nav aria-label="Sections"><ul>${nav.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join("")}</ul></nav></header>`,
    `<main>`,
    summary(r), nextSteps(r), perCode(r, charts), pairs(r, charts), ambiguous(r, charts, anchors), coders(r),
    disagreements(r, anchors), alignment(r), codebookAndWarnings(r), methods(r), reproducibility(r),
    `</main>`,
    `<footer>Generated by intercoder ${esc(r.tool.version)}. This file loads nothing from the network.</footer>`,
    `<script>${SORT_SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    ``,
  ].filter((s, i, all) => s !== "" || i === all.length - 1).join("\n");
}
