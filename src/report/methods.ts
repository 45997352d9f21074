/**
 * A methods paragraph for the paper: who coded what, the unit, the coefficients with intervals,
 * the thresholds and their citations. Written from the report's numbers only.
 */
import type { ReliabilityReport } from "./types.js";

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function count(n: number, one: string, many = `${one}s`): string {
  return `${n <= 10 ? WORDS[n] : String(n)} ${n === 1 ? one : many}`;
}

/** APA style: no leading zero for a bounded coefficient (".812"). */
function apa(value: number | null | undefined): string {
  if (value === null || value === undefined) return "undefined";
  const s = value.toFixed(3);
  return s.replace(/^(-?)0\./, "$1.");
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function methodsParagraph(r: ReliabilityReport): string {
  const alphas = r.codes.map((c) => c.krippendorffAlpha.value).filter((v): v is number => v !== null);
  const resamples = r.codes.find((c) => c.krippendorffAlpha.bootstrap)?.krippendorffAlpha.bootstrap?.resamples ?? 0;
  const s: string[] = [];
  s.push(`${count(r.coders.length, "coder")[0]!.toUpperCase()}${count(r.coders.length, "coder").slice(1)} independently applied a codebook of ${count(r.summary.codes, "code")} to ${count(r.transcripts.length, "transcript")}.`);
  s.push(`Agreement was assessed separately for each code, with the speaker turn as the unit of analysis (${r.units} turns that at least two coders coded) and the presence or absence of the code on a turn as each coder's value.`);
  s.push(`We report Krippendorff's alpha for nominal data (Krippendorff, 2004)${resamples > 0 ? ` with 95% bootstrap confidence intervals (${resamples.toLocaleString("en-US")} resamples; Hayes & Krippendorff, 2007)` : ""}, together with percent agreement, Cohen's kappa for each pair of coders (Cohen, 1960)${r.coders.length > 2 ? ", their mean (Light's kappa; Light, 1971) and Fleiss' kappa (Fleiss, 1971)" : ""}.`);
  s.push(`Following Krippendorff (2004, p. 241), codes with alpha ≥ .800 were considered reliable and codes with .667 ≤ alpha < .800 acceptable for tentative conclusions only.`);
  if (alphas.length > 0) {
    s.push(`${r.summary.reliable} of ${r.summary.codes} codes reached alpha ≥ .800 and ${r.summary.tentative} lay between .667 and .800 (median alpha = ${apa(median(alphas))}, range ${apa(Math.min(...alphas))} to ${apa(Math.max(...alphas))})${r.summary.undefined > 0 ? `; alpha was undefined for ${count(r.summary.undefined, "code")} that did not vary across turns` : ""}.`);
  } else {
    s.push("Alpha was undefined for every code because no code varied across turns.");
  }
  s.push(`Agreement on the whole set of codes applied to each turn was alpha = ${apa(r.overall.alphaMasi.value)} with the MASI distance (Passonneau, 2006).`);
  s.push(`Reliability was computed with intercoder ${r.tool.version}.`);
  return s.join(" ");
}

/** The references the methods paragraph cites. */
export const METHODS_REFERENCES = [
  "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.",
  "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382.",
  "Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure for coding data. Communication Methods and Measures, 1(1), 77–89.",
  "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.",
  "Light, R. J. (1971). Measures of response agreement for qualitative data. Psychological Bulletin, 76(5), 365–377.",
  "Passonneau, R. (2006). Measuring agreement on set-valued items (MASI) for semantic and pragmatic annotation. Proceedings of LREC 2006.",
];
