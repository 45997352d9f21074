/**
 * The markdown report: summary, what to do next, per-code table, coder pairs, ambiguous codes,
 * disagreements, alignment, inputs. Rounded for reading; the JSON has the exact numbers.
 */
import type { ReliabilityReport, CodeRow } from "./types.js";
import { cell, fixed, metric, percent } from "./_format.js";
import { nextStepItems } from "./next-steps.js";

const BAND_LABEL: Record<CodeRow["band"], string> = {
  reliable: "reliable (≥ 0.800)",
  tentative: "tentative (0.667–0.800)",
  unreliable: "unreliable (< 0.667)",
  undefined: "undefined",
};

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function alphaInterval(row: CodeRow): string {
  const ci = row.krippendorffAlpha.bootstrap?.ci95 ?? row.krippendorffAlpha.ci95;
  return ci ? `[${fixed(ci[0])}, ${fixed(ci[1])}]` : "–";
}

/** The shared next steps (next-steps.ts), code names as escaped code spans. */
function nextSteps(r: ReliabilityReport): string[] {
  return nextStepItems(r).map((parts) => `- ${parts.map((p) => (typeof p === "string" ? p : `\`${cell(p.code)}\``)).join("")}`);
}

export function renderMarkdown(r: ReliabilityReport): string {
  const L: string[] = [];
  const coderList = cell(r.coders.join(", "));
  L.push(`# Intercoder reliability: ${cell(r.name)}`, "");
  L.push(`Produced by intercoder ${r.tool.version}. Unit of analysis: the speaker turn (${r.units} aligned turns that at least two coders have). Values are rounded to 3 decimals here; the JSON report has them exact.`, "");
  L.push("## Summary", "");
  L.push(`- Coders: ${r.coders.length} (${coderList})`);
  L.push(`- Transcripts: ${r.transcripts.length}; units: ${r.units}`);
  L.push(`- Codes: ${r.summary.codes}. Krippendorff's alpha (nominal, per code): ${r.summary.reliable} reliable (≥ 0.800), ${r.summary.tentative} tentative (0.667–0.800), ${r.summary.unreliable} unreliable (< 0.667), ${r.summary.undefined} undefined`);
  L.push(`- Overall alpha on each turn's set of codes: ${metric(r.overall.alphaMasi)} with MASI distance (exact 2/3 and 1/3 weights), ${metric(r.overall.alphaNominalWholeSet)} with nominal distance on whole sets`);
  L.push(`- Convention: ${r.summary.convention}. These thresholds are conventions, not tests.`, "");
  L.push("## What to do next", "", ...nextSteps(r), "");

  L.push("## Agreement per code", "");
  L.push(`Presence = turns on which each coder applied the code (${coderList}). % agreement = mean over coder pairs. α = Krippendorff's alpha, nominal, with its bootstrap 95% interval and the probability that the true alpha is below 0.667.`, "");
  L.push(...table(
    ["Code", "Presence", "% agreement", "Unanimous", "Light's κ", "Fleiss' κ", "α", "α 95% CI", "P(α < 0.667)", "Verdict"],
    r.codes.map((c) => [
      `\`${cell(c.code)}\`${c.inCodebook === false ? " (not in codebook)" : ""}`,
      r.coders.map((k) => c.presence[k] ?? 0).join(" / "),
      percent(c.percentAgreement),
      percent(c.unanimousAgreement),
      metric(c.lightKappa),
      metric(c.fleissKappa),
      metric(c.krippendorffAlpha),
      alphaInterval(c),
      fixed(c.krippendorffAlpha.bootstrap?.pBelow?.["0.667"] ?? null),
      BAND_LABEL[c.band] + (c.prevalenceParadox ? `; prevalence paradox (AC1 ${metric(c.gwetAC1)})` : ""),
    ]),
  ), "");

  L.push("## Coder pairs", "");
  L.push("Mean over codes of each pair's percent agreement and Cohen's kappa (codes where kappa is undefined are left out of the mean).", "");
  L.push(...table(["Pair", "Mean % agreement", "Mean Cohen's κ", "Codes with κ defined"],
    r.pairs.map((p) => [`${cell(p.coders[0])} – ${cell(p.coders[1])}`, percent(p.meanPercentAgreement), fixed(p.meanKappa), String(p.codes)])), "");
  L.push("### Per code and pair", "");
  L.push(...table(["Code", "Pair", "Both", "Only first", "Only second", "Neither", "% agreement", "Cohen's κ"],
    r.codes.flatMap((c) => c.pairs.map((p) => [
      `\`${cell(c.code)}\``, `${cell(p.coders[0])} – ${cell(p.coders[1])}`, String(p.both), String(p.onlyFirst), String(p.onlySecond), String(p.neither), percent(p.percentAgreement), metric(p.cohenKappa),
    ]))), "");

  L.push("## Ambiguous codes", "");
  if (r.ambiguous.length === 0) L.push("No code falls below alpha 0.800 with disagreements to show.", "");
  else {
    L.push("Codes below 0.800 (or undefined) that coders disagreed on, lowest alpha first, with the codes another coder applied on the same turn instead.", "");
    r.ambiguous.forEach((a, i) => {
      const subs = a.substitutes.length === 0 ? "no other code was applied instead" : `used instead: ${a.substitutes.map((s) => `\`${cell(s.code)}\` (${s.count})`).join(", ")}`;
      L.push(`${i + 1}. \`${cell(a.code)}\`: alpha ${fixed(a.alpha)} (${BAND_LABEL[a.band]}), ${a.disagreements} disagreement(s); ${subs}`);
    });
    L.push("");
  }

  L.push("## Disagreements", "");
  const withDis = r.codes.filter((c) => c.disagreements.length > 0);
  if (withDis.length === 0) L.push("The coders agree on every code on every turn.", "");
  for (const c of withDis) {
    L.push(`### \`${cell(c.code)}\` (${c.disagreements.length})`, "");
    L.push(...table(["Transcript", "Turn", "Speaker", "Applied by", "Not applied by (applied instead)", "Excerpt"],
      c.disagreements.map((d) => [
        cell(d.transcript), String(d.turn), cell(d.speaker ?? "(unlabeled)"), cell(d.appliedBy.join(", ")),
        cell(d.notAppliedBy.map((k) => (d.instead[k]?.length ? `${k} (${d.instead[k]!.join(", ")})` : k)).join("; ")),
        cell(d.excerpt),
      ])), "");
  }

  L.push("## Alignment", "");
  L.push(...table(["Transcript", "Units", "Reference turns", "Method", "Coders", "Unmatched turns", "Changed texts"],
    r.transcripts.map((t) => [
      cell(t.name), String(t.units), String(t.referenceTurns), t.method === "by-number" ? "by turn number" : "by text similarity",
      cell(t.codersPresent.join(", ")),
      cell(Object.entries(t.unmatched).filter(([, l]) => l.length > 0).map(([k, l]) => `${k}: ${l.join(", ")}`).join("; ") || "none"),
      cell(t.textDifferences.length === 0 ? "none" : t.textDifferences.map((d) => `${d.coder} t${d.turn} (${fixed(d.similarity, 2)})`).join(", ")),
    ])), "");

  if (r.codebook.file) {
    L.push("## Codebook", "", `Codebook: \`${cell(r.codebook.file)}\`.`);
    L.push(`- Codebook codes nobody used: ${r.codebook.unused.length === 0 ? "none" : r.codebook.unused.map((c) => `\`${cell(c)}\``).join(", ")}`);
    L.push(`- Codes used but not in the codebook: ${r.codebook.notInCodebook.length === 0 ? "none" : r.codebook.notInCodebook.map((c) => `\`${cell(c)}\``).join(", ")}`, "");
  }

  if (r.warnings.length > 0) {
    L.push("## Warnings", "");
    for (const w of r.warnings) L.push(`- ${cell([w.file, w.line].filter((x) => x !== undefined).join(":"))}: ${cell(w.message)} (${w.code})`);
    L.push("");
  }

  L.push("## Reproducibility", "");
  L.push(`intercoder ${r.tool.version}; options: ${Object.entries(r.options).map(([k, v]) => `${k}=${v === null ? "none" : cell(String(v))}`).join(", ")}`, "");
  L.push(...table(["Coder", "Input", "Format", "SHA-256"], r.inputs.map((i) => [cell(i.coder), `\`${cell(i.path)}\``, i.format, `\`${i.sha256}\``])), "");
  return `${L.join("\n").trimEnd()}\n`;
}
