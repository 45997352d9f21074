/**
 * "What to do next" as structured items: text with code names kept apart, so each renderer can
 * format and escape code names its own way (backticks in markdown, `<code>` in HTML). The wording
 * follows the markdown report's list item for item.
 */
import type { ReliabilityReport } from "./types.js";

/** A piece of a next-step sentence: plain text, or a code name to be shown as code. */
export type StepPart = string | { code: string };

/** Code names separated by ", ". */
function codeList(codes: readonly string[]): StepPart[] {
  return codes.flatMap((code, i) => (i === 0 ? [{ code }] : [", ", { code }]));
}

/**
 * The next steps a report suggests, most urgent first: rewrite unreliable codes, treat tentative
 * ones with care, separate codes used in place of each other, code more material for undefined
 * codes, mind the prevalence paradox, check alignment. When every code is reliable, one item says so;
 * when no code was applied at all, one item says that instead.
 */
export function nextStepItems(r: ReliabilityReport): StepPart[][] {
  const out: StepPart[][] = [];
  const named = (band: string) => r.codes.filter((c) => c.band === band).map((c) => c.code);
  const unreliable = named("unreliable");
  const tentative = named("tentative");
  const undef = named("undefined");
  if (unreliable.length > 0) {
    out.push([`Rewrite or sharpen the definitions of the ${unreliable.length} unreliable code(s) (`, ...codeList(unreliable),
      `), starting with the first ones under "Ambiguous codes"; discuss their disagreements below with the coders, then code a fresh sample and re-run.`]);
  }
  if (tentative.length > 0) {
    out.push(["Treat findings that rest on ", ...codeList(tentative), " as tentative; a short calibration round on their disagreements usually lifts them above 0.800."]);
  }
  const top = r.ambiguous.find((a) => a.substitutes.length > 0);
  if (top) {
    const sub = top.substitutes[0]!;
    out.push(["Codes used in place of each other point to overlapping definitions: ", { code: top.code }, " was replaced by ", { code: sub.code },
      ` ${sub.count} time(s). Add inclusion/exclusion rules that separate them, or merge them.`]);
  }
  if (undef.length > 0) {
    out.push([`${undef.length} code(s) have no defined alpha (`, ...codeList(undef),
      "): they occur too rarely (or not at all) to estimate agreement. Code more material that contains them before relying on them."]);
  }
  const paradox = r.codes.filter((c) => c.prevalenceParadox).map((c) => c.code);
  if (paradox.length > 0) {
    out.push([...codeList(paradox), ": high raw agreement but low alpha because the code is rare (prevalence paradox); Gwet's AC1 is shown beside kappa for these."]);
  }
  const overall = r.overall.alphaMasi.value;
  const driver = r.coderProfiles
    .filter((p) => p.alphaWithout?.value !== null && p.alphaWithout?.value !== undefined)
    .sort((a, b) => b.alphaWithout!.value! - a.alphaWithout!.value!)[0];
  if (overall !== null && driver && driver.alphaWithout!.value! - overall >= 0.05) {
    out.push([`Overall alpha rises from ${overall.toFixed(3)} to ${driver.alphaWithout!.value!.toFixed(3)} without ${driver.coder}: review ${driver.coder}'s coding with them (see "Coders" for the codes they use more or less often than the others) before changing the codebook.`]);
  }
  if (r.transcripts.some((t) => Object.values(t.unmatched).some((l) => l.length > 0))) {
    out.push([`Some ${r.unit}s could not be aligned between coders' copies (see "Alignment"): check that everyone coded the same version of the transcript.`]);
  }
  if (r.codes.length === 0) {
    // Nothing was measured: saying "every code is reliable" here would be vacuously true and misleading.
    out.push(["No coder applied any code, so there is no agreement to measure: check that the exports contain their code lines (or that the right files were given), or pass the codebook with --codebook."]);
  } else if (out.length === 0) {
    out.push(["Every code reaches alpha ≥ 0.800: report the per-code alphas with their intervals (see the methods paragraph) and proceed with the analysis."]);
  }
  return out;
}
