/**
 * The HTML report's study-wide sections: the "Read with care" box of trust flags at the top and
 * the per-transcript breakdown (shown when the study has more than one transcript). Internal to
 * `html.ts`; every string from the inputs (flag messages, transcript, coder and code names) is
 * escaped here.
 */
import type { ReliabilityReport, TranscriptSummary, TrustFlag } from "./types.js";
import { codeHtml, esc, num, numberCell, table, textCell, unitWords, type Cell } from "./_html.js";
import { compareCodePoints } from "../model/order.js";

const byCodePoint = compareCodePoints;

/** The section that explains a flag, as [anchor, heading]; null when no section says more. */
function flagSection(r: ReliabilityReport, kind: TrustFlag["kind"]): [string, string] | null {
  switch (kind) {
    case "alignment-dropped-turns":
      return ["alignment", "Alignment"];
    case "transcript-one-coder":
    case "missing-coder":
      return r.transcripts.length > 1 ? ["transcripts", "Transcripts"] : ["alignment", "Alignment"];
    case "undefined-coefficients":
      return ["codes", "Agreement per code"];
    default:
      return null;
  }
}

/**
 * The trust flags (too few units, one coder, undefined coefficients, alignment losses, coders
 * missing from a transcript) in a box above everything else; empty when there are none.
 */
export function readWithCare(r: ReliabilityReport): string {
  if (r.flags.length === 0) return "";
  const items = r.flags.map((f) => {
    const see = flagSection(r, f.kind);
    return `<li data-kind="${esc(f.kind)}">${esc(f.message)}${see === null ? "" : ` <a href="#${see[0]}">(see ${see[1]})</a>`}</li>`;
  });
  return [
    `<section id="flags" class="flags" aria-labelledby="flags-heading">`,
    `<h2 id="flags-heading"><span class="flag-mark" aria-hidden="true">!</span>Read with care</h2>`,
    `<p>${r.flags.length === 1 ? "One thing limits" : `${r.flags.length} things limit`} what the numbers below can say:</p>`,
    `<ul>`, ...items, `</ul>`,
    `</section>`,
  ].join("\n");
}

/** A per-transcript alpha as a cell, marked when it falls below 0.667. */
function alphaCell(value: number | null, shown: string): Cell {
  const cell = numberCell(value, shown);
  return value !== null && value < 0.667 ? { ...cell, className: `${cell.className} low` } : cell;
}

/** A transcript's defined per-code alphas, lowest first (code name breaks ties). */
function lowestCodes(t: TranscriptSummary): [string, number][] {
  return Object.entries(t.codes)
    .flatMap(([code, v]): [string, number][] => (v.alpha === null ? [] : [[code, v.alpha]]))
    .sort((a, b) => a[1] - b[1] || byCodePoint(a[0], b[0]));
}

/**
 * Per transcript: units, who coded it and who skipped it, overall alpha (MASI) and its three
 * lowest per-code alphas, then (collapsed) every code's alpha per transcript. Empty for a study
 * of one transcript.
 */
export function transcripts(r: ReliabilityReport): string {
  if (r.transcripts.length <= 1) return "";
  const unit = unitWords(r.unit);
  const rows = r.transcripts.map((t): Cell[] => {
    const skipped = r.coders.filter((c) => !t.codersPresent.includes(c));
    const lowest = lowestCodes(t).slice(0, 3);
    const disagreements = Object.values(t.codes).reduce((s, v) => s + v.disagreements, 0);
    return [
      textCell(t.name),
      numberCell(t.units, String(t.units)),
      textCell(t.codersPresent.length === 0 ? "nobody" : t.codersPresent.join(", ")),
      skipped.length === 0 ? { html: `<span class="muted">nobody</span>`, sort: "" } : { html: `<span class="skipped">${esc(skipped.join(", "))}</span>`, sort: skipped.join(", ") },
      alphaCell(t.overall.alphaMasi.value, t.overall.alphaMasi.value === null ? num(null, t.overall.alphaMasi.reason ?? "no value") : num(t.overall.alphaMasi.value)),
      {
        html: lowest.length === 0 ? "–" : lowest.map(([code, a]) => `<span class="item">${codeHtml(code)} <span class="${a < 0.667 ? "band-unreliable" : a < 0.8 ? "band-tentative" : "band-reliable"}">${esc(num(a))}</span></span>`).join(""),
        sort: lowest[0]?.[1] ?? null,
        className: "lowest",
      },
      numberCell(disagreements, String(disagreements)),
    ];
  });
  const names = r.transcripts.map((t) => t.name);
  const codes = [...new Set([...r.codes.map((c) => c.code), ...r.transcripts.flatMap((t) => Object.keys(t.codes))])];
  const perCode = codes.map((code): Cell[] => [
    { html: codeHtml(code), sort: code },
    ...r.transcripts.map((t) => {
      const v = t.codes[code];
      if (v === undefined) return { html: "–", sort: null, className: "num" };
      return alphaCell(v.alpha, v.alpha === null ? num(null, v.reason ?? v.status) : num(v.alpha));
    }),
  ]);
  return [
    `<section id="transcripts"><h2>Transcripts</h2>`,
    `<p>Per transcript: its ${unit.many}, who coded it (a coder who skipped it has no values there, which is not the same as "code absent"), its overall alpha (MASI) and its lowest per-code alphas, so a transcript where coding went wrong stands out. Disagreements counts each code on each ${unit.short} where the coders differ. Alphas below 0.667 are marked.</p>`,
    table("Per transcript", [
      { label: "Transcript" }, { label: "Units", type: "number" }, { label: "Coded by" }, { label: "Skipped by" }, { label: "α (MASI)", type: "number" },
      { label: "Lowest per-code α", type: "number" }, { label: "Disagreements", type: "number" },
    ], rows, "transcripts"),
    `<details><summary>Alpha per code and transcript (${codes.length} codes × ${names.length} transcripts)</summary>`,
    `<p>Krippendorff's alpha (nominal) of each code on each transcript's ${unit.many} alone.</p>`,
    table("α per code, by transcript", [
      { label: "Code" }, ...names.map((n) => ({ label: n, type: "number" as const })),
    ], perCode, "transcript-codes"),
    `</details>`,
    `</section>`,
  ].join("\n");
}
