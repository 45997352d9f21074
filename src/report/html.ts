/**
 * The HTML report: one self-contained file with the markdown report's content ("read with care"
 * flags, summary, next steps, per-code table, coder pairs, ambiguous codes with their diagnoses,
 * coder profiles, transcripts, parent codes, disagreements, alignment, methods paragraph,
 * reproducibility), sortable tables and the charts inline, worded in the report's unit of
 * analysis. Each disagreement shows the unit's full text with every coder's codes side by side.
 *
 * Safety: every string from the inputs (code, coder and file names, transcript text) is escaped;
 * the page loads nothing (a Content-Security-Policy forbids every source except inline styles,
 * `data:` images and the one sorting script, allowed by its SHA-256 hash). Deterministic: no
 * dates, fixed decimals, the same report and charts give the same bytes.
 */
import type { CodeRow, ReliabilityReport, UnitizingSummary } from "./types.js";
import { nextStepItems } from "./next-steps.js";
import { alphaInterval } from "./charts/report-charts.js";
import {
  BAND_LABEL, BAND_ORDER, SORT_SCRIPT, STYLE, codeHtml, coef, contentSecurityPolicy, esc, interval, num, numberCell, pct, table, textCell, unitWords, withCode,
  type Cell,
} from "./_html.js";
import { readWithCare, transcripts } from "./_html-study.js";
import { alignment, codebookAndWarnings, coders, disagreements, methods, reproducibility } from "./_html-sections.js";

function chartCaptions(r: ReliabilityReport): Record<string, string> {
  return {
    "alpha-forest.svg": "Krippendorff's alpha per code with its 95% interval (bootstrap where computed); dashed lines at 0.667 and 0.800.",
    "coder-pairs.svg": "Mean Cohen's kappa of each pair of coders over the codes where it is defined.",
    "substitutions.svg": `How often another coder applied the column's code on a ${unitWords(r.unit).short} where the row's code was applied.`,
  };
}

/** An SVG chart inline: the namespace attribute is implied in HTML, so the page names no URL. */
function figure(r: ReliabilityReport, charts: Record<string, string>, name: string): string {
  const svg = charts[name];
  if (svg === undefined) return "";
  const inline = svg.replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /, "<svg ").trimEnd();
  const caption = chartCaptions(r)[name] ?? name;
  return `<figure class="chart" data-chart="${esc(name)}">\n${inline}\n<figcaption class="muted">${esc(caption)}</figcaption></figure>`;
}

/** Why a code's numbers should not be trusted yet: they are marked where they are shown. */
function caveats(r: ReliabilityReport, row: CodeRow, diagnosed: boolean): string[] {
  const out: string[] = [];
  if (row.prevalenceParadox) out.push(`prevalence paradox (AC1 ${coef(row.gwetAC1)})`);
  const users = r.coders.filter((k) => (row.presence[k] ?? 0) > 0);
  if (users.length === 1) out.push(`used by ${users[0]} only`);
  const need = diagnosed ? r.ambiguous.find((a) => a.code === row.code) : undefined;
  if (need && need.requiredUnits !== null && need.requiredUnits > need.availableUnits) {
    out.push(`too few units (${need.availableUnits} of about ${need.requiredUnits} needed)`);
  }
  return out;
}

/** The verdict with its caveats; `diagnosed` is false for rows the ambiguous-code diagnoses do not cover (parent codes). */
function bandCell(r: ReliabilityReport, row: CodeRow, diagnosed = true): Cell {
  const notes = caveats(r, row, diagnosed).map((c) => `<span class="caveat">${esc(c)}</span>`).join("");
  // "unreliable (< 0.667)": when the column is narrow, break before the range, never inside it.
  const [word, range] = BAND_LABEL[row.band].split(/ (?=\()/);
  const label = range === undefined ? esc(word ?? "") : `${esc(word ?? "")} <span class="nowrap">${esc(range)}</span>`;
  return { html: `<span class="band-${row.band}">${label}</span>${notes}`, sort: BAND_ORDER[row.band], className: "band" };
}

/** The unitizing alphas on the coders' character spans, in one sentence. */
function unitizingLine(r: ReliabilityReport): string {
  const u = r.unitizing;
  if (!u) return "";
  return `<li>Unitizing alpha on the coders' character spans (${esc(u.methods.join(", "))}): coded versus not coded |uα = ${esc(coef(u.unitizingAlphaBinary))}; spans with their codes uα = ${esc(coef(u.unitizingAlpha))}; which code where both coded cuα = ${esc(coef(u.unitizingAlphaCode))} (Krippendorff et al. 2016)</li>`;
}

function summary(r: ReliabilityReport): string {
  const s = r.summary;
  const unit = unitWords(r.unit);
  return [
    `<section id="summary"><h2>Summary</h2><ul>`,
    `<li>Coders: ${r.coders.length} (${esc(r.coders.join(", "))})</li>`,
    `<li>Transcripts: ${r.transcripts.length}; units: ${r.units} ${unit.many}</li>`,
    `<li>Codes: ${s.codes}. Krippendorff's alpha (nominal, per code): <span class="band-reliable">${s.reliable} reliable</span> (≥ 0.800), <span class="band-tentative">${s.tentative} tentative</span> (0.667–0.800), <span class="band-unreliable">${s.unreliable} unreliable</span> (&lt; 0.667), <span class="band-undefined">${s.undefined} undefined</span></li>`,
    `<li>Overall alpha on each ${unit.short}'s set of codes: ${esc(coef(r.overall.alphaMasi))} with MASI distance (exact 2/3 and 1/3 weights), ${esc(coef(r.overall.alphaNominalWholeSet))} with nominal distance on whole sets</li>`,
    unitizingLine(r),
    `<li>Convention: ${esc(s.convention)}. These thresholds are conventions, not tests.</li>`,
    `</ul></section>`,
  ].filter((line) => line !== "").join("\n");
}

function nextSteps(r: ReliabilityReport): string {
  const items = nextStepItems(r).map((parts) => `<li>${parts.map((p) => (typeof p === "string" ? esc(p) : codeHtml(p.code))).join("")}</li>`);
  return `<section id="next"><h2>What to do next</h2><ul>\n${items.join("\n")}\n</ul></section>`;
}

function perCode(r: ReliabilityReport, charts: Record<string, string>): string {
  const columns = [
    { label: "Code" }, { label: "Presence", type: "number" as const },
    { label: "Units", type: "number" as const }, { label: "% agreement", type: "number" as const }, { label: "Unanimous", type: "number" as const },
    { label: "Light's κ", type: "number" as const }, { label: "Fleiss' κ", type: "number" as const }, { label: "Gwet's AC1", type: "number" as const },
    { label: "α", type: "number" as const }, { label: "α 95% interval" }, { label: "P(α < 0.667)", type: "number" as const },
    ...(r.unitizing ? [{ label: "Span α (|uα)", type: "number" as const }] : []),
    { label: "Verdict", type: "number" as const },
  ];
  const unit = unitWords(r.unit);
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
      ...(r.unitizing ? [spanAlphaCell(r.unitizing, c.code)] : []),
      bandCell(r, c),
    ];
  });
  return [
    `<section id="codes"><h2>Agreement per code</h2>`,
    `<p>Presence = ${unit.many} on which each coder applied the code, in the order ${esc(r.coders.join(" / "))} (sorted by their total). % agreement = mean over coder pairs. Unanimous = share of ${unit.many} rated by every coder on which all agree. α = Krippendorff's alpha, nominal, with its 95% interval (Krippendorff and Hayes's bootstrap where computed) and the probability that alpha is below 0.667.${r.unitizing ? " Span α (|uα) = Krippendorff's unitizing alpha on the code's character spans (coded versus not coded): do the coders mark the same stretches of text?" : ""} Click a column header to sort.</p>`,
    rareCodeNote(),
    table("Agreement per code", columns, rows, "per-code"),
    figure(r, charts, "alpha-forest.svg"),
    `</section>`,
  ].join("\n");
}

/** The unitizing alpha of one code's spans (coded versus not coded), or "–" when it has none. */
function spanAlphaCell(u: UnitizingSummary, code: string): Cell {
  const m = u.perCode[code]?.unitizingAlphaPerCodeBinary;
  return m === undefined ? { html: "–", sort: null, className: "num" } : numberCell(m.value, coef(m));
}

/** Why a rare code's bootstrap interval reaches down to 0 (Krippendorff's rule in Hayes & Krippendorff 2007). */
function rareCodeNote(): string {
  return `<p class="note"><strong>Rare codes:</strong> in Krippendorff and Hayes's bootstrap, a resample that draws none of a rare code's few instances counts as alpha 0 (Krippendorff's rule), so the interval of a rare code reaches down to 0. Read such an interval as "too rare to estimate", not as evidence that the coders disagree.</p>`;
}

/** The per-code analysis again, with codes rolled up the hierarchy to their parents. */
function parentCodes(r: ReliabilityReport): string {
  const p = r.parentLevel;
  if (!p) return "";
  const unit = unitWords(r.unit);
  const level = p.depth === "parent" ? "their top-level parent" : `depth ${p.depth}`;
  const rows = p.codes.map((c): Cell[] => {
    const ci = alphaInterval(c);
    return [
      { html: codeHtml(c.code), sort: c.code },
      numberCell(r.coders.reduce((s, k) => s + (c.presence[k] ?? 0), 0), r.coders.map((k) => c.presence[k] ?? 0).join(" / ")),
      numberCell(c.units, String(c.units)),
      numberCell(c.percentAgreement, pct(c.percentAgreement)),
      numberCell(c.fleissKappa.value, coef(c.fleissKappa)),
      numberCell(c.krippendorffAlpha.value, coef(c.krippendorffAlpha)),
      { html: esc(interval(ci)), sort: ci?.[0] ?? null, className: "num nowrap" },
      bandCell(r, c, false),
    ];
  });
  return [
    `<section id="parents"><h2>Parent codes</h2>`,
    `<p>Codes rolled up to ${esc(level)} (hierarchy from ${esc(p.source)}): a parent is present on a ${unit.short} when any of its children is. Presence in the order ${esc(r.coders.join(" / "))}. Coders who disagree on sibling codes often agree here.</p>`,
    table("Agreement per parent code", [
      { label: "Parent code" }, { label: "Presence", type: "number" }, { label: "Units", type: "number" },
      { label: "% agreement", type: "number" }, { label: "Fleiss' κ", type: "number" }, { label: "α", type: "number" }, { label: "α 95% interval" },
      { label: "Verdict", type: "number" },
    ], rows, "parent-codes"),
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
    main, figure(r, charts, "coder-pairs.svg"),
    `<details><summary>Per code and pair (${r.codes.reduce((s, c) => s + c.pairs.length, 0)} rows)</summary>`, detail, `</details>`,
    `</section>`,
  ].join("\n");
}

function ambiguous(r: ReliabilityReport, charts: Record<string, string>, anchors: Map<string, string>): string {
  const out = [`<section id="ambiguous"><h2>Ambiguous codes</h2>`];
  if (r.ambiguous.length === 0) out.push(`<p>No code falls below alpha 0.800 with disagreements to show.</p>`);
  else {
    out.push(`<p>Codes below 0.800 (or undefined) that coders disagreed on, ranked by how far they pull the overall alpha down (how much alpha over all codes, MASI, would rise if the coders agreed on this code), each with a diagnosis and its evidence. "Used instead" counts each coder on each ${unitWords(r.unit).short} where they applied another code in place of this one.</p>`, `<div class="cards">`);
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
        `<div>Used instead on the same ${unitWords(r.unit).short}: ${subs}</div>`,
        a.diagnoses.length === 0 ? "" : `<ul>${a.diagnoses.map((d) => `<li><span class="kind">${esc(d.kind)}</span>${withCode(d.text)}</li>`).join("")}</ul>`,
        `</article>`,
      );
    });
    out.push(`</div>`);
  }
  if (r.substitution.codes.length > 0) out.push(figure(r, charts, "substitutions.svg"));
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
  const unit = unitWords(r.unit);
  const nav = [
    ...(r.flags.length > 0 ? [["flags", "Read with care"]] : []),
    ["summary", "Summary"], ["next", "What to do next"], ["codes", "Agreement per code"], ["pairs", "Coder pairs"], ["ambiguous", "Ambiguous codes"], ["coders", "Coders"],
    ...(r.transcripts.length > 1 ? [["transcripts", "Transcripts"]] : []),
    ...(r.parentLevel ? [["parents", "Parent codes"]] : []),
    ["disagreements", "Disagreements"], ["alignment", "Alignment"], ["methods", "Methods"], ["reproducibility", "Reproducibility"],
  ];
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
    `<p class="muted">Produced by intercoder ${esc(r.tool.version)}. Unit of analysis: the ${unit.one} (${r.units} aligned ${unit.many} that at least two coders have); every number below is computed on this unit. Values are rounded to 3 decimals here; the JSON report has them exact.</p>`,
    `<nav aria-label="Sections"><ul>${nav.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join("")}</ul></nav></header>`,
    `<main>`,
    readWithCare(r), summary(r), nextSteps(r), perCode(r, charts), pairs(r, charts), ambiguous(r, charts, anchors), coders(r),
    transcripts(r), parentCodes(r), disagreements(r, anchors), alignment(r), codebookAndWarnings(r), methods(r), reproducibility(r),
    `</main>`,
    `<footer>Generated by intercoder ${esc(r.tool.version)}. This file loads nothing from the network.</footer>`,
    `<script>${SORT_SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    ``,
  ].filter((s, i, all) => s !== "" || i === all.length - 1).join("\n");
}
