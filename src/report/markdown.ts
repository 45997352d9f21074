/**
 * The markdown report: summary, what to do next, per-code table, coder pairs, ambiguous codes,
 * disagreements, alignment, inputs. Rounded for reading; the JSON has the exact numbers.
 */
import type { ReliabilityReport, CodeRow } from "./types.js";
import { cell, fixed, metric, percent } from "./_format.js";
import { nextStepItems } from "./next-steps.js";
import { METHODS_REFERENCES } from "./methods.js";

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

const UNIT_LABEL: Record<ReliabilityReport["unit"], [string, string]> = {
  turn: ["speaker turn", "turns"],
  paragraph: ["paragraph", "paragraphs"],
  sentence: ["sentence", "sentences"],
  document: ["document", "documents"],
};

export interface MarkdownOptions {
  /** Chart file name → path relative to the markdown file, for the links. */
  charts?: Record<string, string>;
}

function chartLink(options: MarkdownOptions, file: string, alt: string): string[] {
  const path = options.charts?.[file];
  return path ? [`![${alt}](${path})`, ""] : [];
}

export function renderMarkdown(r: ReliabilityReport, options: MarkdownOptions = {}): string {
  const L: string[] = [];
  const coderList = cell(r.coders.join(", "));
  L.push(`# Intercoder reliability: ${cell(r.name)}`, "");
  const [unitOne, unitMany] = UNIT_LABEL[r.unit];
  L.push(`Produced by intercoder ${r.tool.version}. Unit of analysis: the ${unitOne} (${r.units} aligned ${unitMany} that at least two coders have); every number below is computed on this unit. Values are rounded to 3 decimals here; the JSON report has them exact.`, "");
  if (r.flags.length > 0) {
    L.push("## Read with care", "");
    for (const f of r.flags) L.push(`- ${cell(f.message)}`);
    L.push("");
  }
  L.push("## Summary", "");
  L.push(`- Coders: ${r.coders.length} (${coderList})`);
  L.push(`- Transcripts: ${r.transcripts.length}; units: ${r.units} ${unitMany}`);
  L.push(`- Codes: ${r.summary.codes}. Krippendorff's alpha (nominal, per code): ${r.summary.reliable} reliable (≥ 0.800), ${r.summary.tentative} tentative (0.667–0.800), ${r.summary.unreliable} unreliable (< 0.667), ${r.summary.undefined} undefined`);
  L.push(`- Overall alpha on each ${r.unit}'s set of codes: ${metric(r.overall.alphaMasi)} with MASI distance (exact 2/3 and 1/3 weights), ${metric(r.overall.alphaNominalWholeSet)} with nominal distance on whole sets`);
  if (r.unitizing) {
    L.push(`- Unitizing alpha on the coders' character spans (${r.unitizing.methods.join(", ")}): coded versus not coded |uα = ${metric(r.unitizing.unitizingAlphaBinary)}; spans with their codes uα = ${metric(r.unitizing.unitizingAlpha)}; which code where both coded cuα = ${metric(r.unitizing.unitizingAlphaCode)} (Krippendorff et al. 2016)`);
  }
  L.push(`- Convention: ${r.summary.convention}. These thresholds are conventions, not tests.`, "");
  L.push(...chartLink(options, "alpha-forest.svg", "Krippendorff's alpha per code with its 95% interval"));
  L.push("## What to do next", "", ...nextSteps(r), "");

  L.push("## Agreement per code", "");
  L.push(`Presence = ${unitMany} on which each coder applied the code (${coderList}). % agreement = mean over coder pairs. Unanimous = share of ${unitMany} rated by every coder on which all agree. α = Krippendorff's alpha, nominal, with its 95% interval from Krippendorff and Hayes's bootstrap and the probability that alpha is below 0.667 (for a rare code, resamples that draw none of its few instances count as alpha 0, Krippendorff's rule, so its interval reaches down to 0: read that as "too rare to estimate").${r.unitizing ? " |uα = Krippendorff's unitizing alpha on the code's character spans (coded versus not coded): do the coders mark the same stretches of text?" : ""}`, "");
  L.push(...table(
    ["Code", "Presence", "% agreement", "Unanimous", "Light's κ", "Fleiss' κ", "α", "α 95% CI", "P(α < 0.667)", ...(r.unitizing ? ["span α (\\|uα)"] : []), "Verdict"],
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
      ...(r.unitizing ? [metric(r.unitizing.perCode[c.code]?.unitizingAlphaPerCodeBinary)] : []),
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
    L.push(`Codes below 0.800 (or undefined) that coders disagreed on, ranked by how much they pull the overall alpha down (how much alpha over all codes, MASI, would rise if the coders agreed on this code), with a diagnosis and its evidence. "Used instead" counts each coder on each ${unitOne} where they applied another code in place of this one.`, "");
    r.ambiguous.forEach((a, i) => {
      const subs = a.substitutes.length === 0 ? "no other code was applied instead" : `used instead on the same ${unitOne}: ${a.substitutes.map((x) => `\`${cell(x.code)}\` (${x.count})`).join(", ")}`;
      L.push(`${i + 1}. **\`${cell(a.code)}\`**: alpha ${fixed(a.alpha)} (${BAND_LABEL[a.band]}); ${a.disagreements} disagreement(s), ${a.boundary} at excerpt boundaries; ${a.pull === null ? "" : a.pull > 0 ? `pulls the overall alpha down by ${fixed(a.pull)}; ` : "does not lower the overall alpha; "}${subs}.`);
      for (const d of a.diagnoses) L.push(`   - ${cell(d.text)}`);
    });
    L.push("");
  }
  if (r.substitution.codes.length > 0) {
    L.push("### Codes applied instead of each other", "", `Row code applied by one coder, column code applied instead on the same ${unitOne} by another.`, "");
    L.push(...chartLink(options, "substitutions.svg", "code substitution matrix"));
    L.push(...table(["Code", ...r.substitution.codes.map((c) => `\`${cell(c)}\``)], r.substitution.codes.map((c, i) => [`\`${cell(c)}\``, ...r.substitution.matrix[i]!.map((n) => (n === 0 ? "·" : String(n)))])), "");
  }

  L.push("## Coders", "");
  L.push(...chartLink(options, "coder-pairs.svg", "mean Cohen's kappa per coder pair"));
  if (r.coders.length >= 3) {
    L.push(`Alpha without each coder (leave-one-coder-out): if it rises clearly when one coder is left out, that coder drives the disagreement.`, "");
    L.push(...table(["Coder", "Overall alpha (MASI) without them", "Codes over-used (ratio to the others)", "Codes under-used"],
      r.coderProfiles.map((p) => [
        cell(p.coder), metric(p.alphaWithout ?? undefined),
        p.usage.filter((u) => u.direction === "over").map((u) => `\`${cell(u.code)}\` (${u.ratio === null ? "only them" : `${fixed(u.ratio, 1)}×`})`).join(", ") || "none",
        p.usage.filter((u) => u.direction === "under").map((u) => `\`${cell(u.code)}\` (${fixed(u.ratio, 1)}×)`).join(", ") || "none",
      ])), "");
  } else {
    L.push(...table(["Coder", "Codes over-used (ratio to the other)", "Codes under-used"],
      r.coderProfiles.map((p) => [cell(p.coder),
        p.usage.filter((u) => u.direction === "over").map((u) => `\`${cell(u.code)}\` (${u.ratio === null ? "only them" : `${fixed(u.ratio, 1)}×`})`).join(", ") || "none",
        p.usage.filter((u) => u.direction === "under").map((u) => `\`${cell(u.code)}\` (${fixed(u.ratio, 1)}×)`).join(", ") || "none"])), "");
  }

  if (r.transcripts.length > 1) {
    L.push("## Transcripts", "", "Per transcript: its units, who coded it, overall alpha, and its lowest per-code alphas, so a transcript where coding went wrong stands out.", "");
    L.push(...table(["Transcript", "Units", "Coders", "Alpha (MASI)", "Lowest codes"],
      r.transcripts.map((t) => {
        const worst = Object.entries(t.codes).filter(([, v]) => v.alpha !== null).sort((a, b) => a[1].alpha! - b[1].alpha!).slice(0, 3);
        const missing = r.coders.filter((c) => !t.codersPresent.includes(c));
        return [cell(t.name), String(t.units), cell(t.codersPresent.join(", ") + (missing.length > 0 ? ` (not coded by ${missing.join(", ")})` : "")), metric(t.overall.alphaMasi),
          worst.map(([c, v]) => `\`${cell(c)}\` ${fixed(v.alpha)}`).join(", ") || "–"];
      })), "");
  }

  if (r.parentLevel) {
    L.push(`## Parent codes`, "", `Codes rolled up to ${r.parentLevel.depth === "parent" ? "their top-level parent" : `depth ${r.parentLevel.depth}`} (hierarchy from ${cell(r.parentLevel.source)}): a parent is present on a ${unitOne} when any of its children is. Coders who disagree on sibling codes often agree here.`, "");
    L.push(...table(["Parent code", "Presence", "% agreement", "Fleiss' κ", "α", "α 95% CI", "Verdict"],
      r.parentLevel.codes.map((c) => [`\`${cell(c.code)}\``, r.coders.map((k) => c.presence[k] ?? 0).join(" / "), percent(c.percentAgreement), metric(c.fleissKappa), metric(c.krippendorffAlpha), alphaInterval(c), BAND_LABEL[c.band]])), "");
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
    L.push("## Warnings", "", "What the importers noticed, grouped by file and kind (every one, with its line, is in the JSON report). Most describe the transcript's structure and change no number.", "");
    L.push(...table(["File", "Kind", "Count", "Lines", "Example"], groupWarnings(r.warnings).map((g) => [
      `\`${cell(g.file)}\``, g.code, String(g.lines.length + g.unlocated),
      cell(g.lines.length === 0 ? "–" : g.lines.slice(0, 12).join(", ") + (g.lines.length > 12 ? ", …" : "")), cell(g.example),
    ])));
    L.push("");
  }

  L.push("## Methods paragraph", "", "Ready to paste (check the numbers against your own reporting conventions):", "", `> ${cell(r.methods)}`, "", "References:", "");
  for (const ref of METHODS_REFERENCES) L.push(`- ${ref}`);
  L.push("");

  L.push("## Reproducibility", "");
  L.push(`intercoder ${r.tool.version}; unit: ${r.unit}; options: ${Object.entries(r.options).map(([k, v]) => `${k}=${v === null ? "none" : cell(String(v))}`).join(", ")}. Running the same command on the same files gives the same bytes.`, "");
  L.push(...table(["Coder", "Input", "Format", "SHA-256"], r.inputs.map((i) => [cell(i.coder), `\`${cell(i.path)}\``, i.format, `\`${i.sha256}\``])), "");
  return `${L.join("\n").trimEnd()}\n`;
}

/** Warnings grouped by file and kind, in first-seen order, with their lines. */
function groupWarnings(warnings: ReliabilityReport["warnings"]): { file: string; code: string; lines: number[]; unlocated: number; example: string }[] {
  const groups = new Map<string, { file: string; code: string; lines: number[]; unlocated: number; example: string }>();
  for (const w of warnings) {
    const file = w.file ?? "(study)";
    const key = `${file}\u0000${w.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { file, code: w.code, lines: [], unlocated: 0, example: w.message }));
    if (w.line !== undefined) g.lines.push(w.line);
    else g.unlocated++;
  }
  return [...groups.values()];
}
