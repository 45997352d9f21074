/**
 * Why a code is ambiguous, in plain words with the evidence: which codes were applied instead of it
 * (the substitution matrix), whether coders disagree at excerpt boundaries, whether one coder
 * drives the disagreement, whether it is too rare to estimate, and how far it pulls the overall
 * alpha down. Also the coder profiles: over- and under-use and alpha without each coder.
 */
import type { AlignedUnit } from "../model/aligned.js";
import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { presenceMatrices, setMatrix } from "../align/to-matrix.js";
import { alphaWithoutCoder, compactPresence, type CompactPresence } from "./_presence-alpha.js";
import { krippendorffAlphaSetsEach } from "../metrics/krippendorff-alpha-sets.js";
import { requiredUnits } from "./sample-size.js";
import { alphaMasiWithout } from "./_masi-pull.js";
import type { CodeRow } from "./types.js";

export type DiagnosisKind = "sibling-confusion" | "code-confusion" | "boundary" | "one-coder" | "single-user" | "too-rare" | "prevalence-paradox" | "scattered";

export interface Diagnosis {
  kind: DiagnosisKind;
  text: string;
}

export interface CodeDiagnosis {
  code: string;
  alpha: number | null;
  /** Overall alpha (MASI, all codes) if coders had agreed on this code, minus the actual overall alpha. */
  pull: number | null;
  disagreements: number;
  /** Disagreements where a coder who did not apply the code applied it on the neighbouring turn. */
  boundary: number;
  /** Per coder: disagreements on which that coder stood alone (sole applier or sole non-applier). */
  standsAlone: Record<string, number>;
  usedBy: string[];
  /** Units a reliable estimate would need (Krippendorff's guidance), and the units available. */
  requiredUnits: number | null;
  availableUnits: number;
  diagnoses: Diagnosis[];
}

export interface CoderProfile {
  coder: string;
  /** Codes this coder applies at least twice (or at most half) as often as the other coders on average. */
  usage: { code: string; own: number; othersMean: number; ratio: number | null; direction: "over" | "under" }[];
  /** Overall alpha (MASI) without this coder; undefined with fewer than three coders. */
  alphaWithout: MetricResult | null;
  /** Per code: nominal alpha without this coder. */
  alphaWithoutPerCode: Record<string, number | null>;
}

/** The first segment of a code name (`QM` of `QM-robustness-fix`), used to call two codes siblings. */
export function codeFamily(code: string): string {
  return code.split(/[-_/ ]/)[0] ?? code;
}

function neighbourHas(units: readonly AlignedUnit[], index: number, coder: number, code: string): boolean {
  const unit = units[index]!;
  for (const j of [index - 1, index + 1]) {
    const other = units[j];
    if (other && other.transcript === unit.transcript && Math.abs(other.turn - unit.turn) === 1 && other.codes[coder]?.includes(code)) return true;
  }
  return false;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function diagnoseCodes(coders: readonly string[], units: readonly AlignedUnit[], rows: readonly CodeRow[], overallMasi: number | null, unitWord = "turn"): CodeDiagnosis[] {
  const indexOfUnit = new Map(units.map((u, i) => [`${u.transcript}#${u.turn}`, i]));
  // Alpha without each code, all codes at once (the same values as recomputing alpha per code).
  const alphaWithout = overallMasi === null ? null : alphaMasiWithout(coders.map((_, c) => units.map((u) => u.codes[c] ?? null)), rows.map((r) => r.code));
  const ratings = units.reduce((s, u) => s + u.codes.filter((x) => x !== null).length, 0);
  return rows.map((row) => {
    const standsAlone: Record<string, number> = Object.fromEntries(coders.map((c) => [c, 0]));
    let boundary = 0;
    for (const d of row.disagreements) {
      const i = indexOfUnit.get(`${d.transcript}#${d.turn}`)!;
      if (d.notAppliedBy.some((k) => neighbourHas(units, i, coders.indexOf(k), row.code))) boundary++;
      if (d.appliedBy.length === 1 && d.notAppliedBy.length > 1) standsAlone[d.appliedBy[0]!]!++;
      if (d.notAppliedBy.length === 1 && d.appliedBy.length > 1) standsAlone[d.notAppliedBy[0]!]!++;
    }
    const usedBy = coders.filter((c) => (row.presence[c] ?? 0) > 0);
    const applied = Object.values(row.presence).reduce((s, v) => s + v, 0);
    const prevalence = ratings === 0 ? 0 : applied / ratings;
    const needed = requiredUnits(prevalence);
    let pull: number | null = null;
    if (overallMasi !== null && alphaWithout !== null) {
      const without = alphaWithout.get(row.code) ?? null;
      pull = without === null ? null : without - overallMasi;
    }
    const n = row.disagreements.length;
    const diagnoses: Diagnosis[] = [];
    const top = row.substitutes[0];
    if (usedBy.length === 1 && n > 0) {
      diagnoses.push({ kind: "single-user", text: `used by one coder only: ${usedBy[0]} applied it on ${plural(row.presence[usedBy[0]!]!, unitWord)}, nobody else did. Check whether ${usedBy[0]} reads the definition differently, or whether the others overlooked it.` });
    }
    if (top && top.count >= 2 && top.count >= 0.3 * n) {
      const sibling = codeFamily(top.code) === codeFamily(row.code);
      diagnoses.push(sibling
        ? { kind: "sibling-confusion", text: `confused with its sibling \`${top.code}\`: ${plural(top.count, "time")} a coder applied \`${top.code}\` on a ${unitWord} where another coder applied this code. Sharpen both definitions (say when each one applies, with an example of the borderline case) or merge them.` }
        : { kind: "code-confusion", text: `confused with \`${top.code}\` (applied instead ${plural(top.count, "time")}). Add an exclusion rule that separates the two codes.` });
    }
    if (n > 0 && boundary >= 2 && boundary >= 0.3 * n) {
      diagnoses.push({ kind: "boundary", text: `applied inconsistently at excerpt boundaries: ${boundary} of ${plural(n, "disagreement")} are ${unitWord}s next to a ${unitWord} the other coder did code. Agree on where an excerpt for this code starts and ends (e.g. whether the interviewer's question belongs to it).` });
    }
    if (coders.length >= 3 && n >= 2) {
      const [who, count] = Object.entries(standsAlone).sort((a, b) => b[1] - a[1])[0]!;
      if (count >= 0.6 * n) diagnoses.push({ kind: "one-coder", text: `most disagreements come from one coder: ${who} stands alone on ${count} of ${plural(n, "disagreement")}. Discuss the code with ${who} before changing the definition.` });
    }
    if (row.krippendorffAlpha.value === null || (needed !== null && needed > row.units)) {
      diagnoses.push({ kind: "too-rare", text: needed === null
        ? "too rare to estimate: no coder applied it (or every coder applied it everywhere), so alpha is undefined. Code material where it occurs before relying on it."
        : `too rare to estimate: applied on ${(prevalence * 100).toFixed(1)}% of ratings; a reliable estimate (alpha ≥ 0.800, p = 0.05) needs about ${needed} units, and ${row.units} are available.` });
    }
    if (row.prevalenceParadox) {
      diagnoses.push({ kind: "prevalence-paradox", text: `prevalence paradox: ${(100 * (row.percentAgreement ?? 0)).toFixed(1)}% raw agreement but alpha ${row.krippendorffAlpha.value?.toFixed(3)} because the code is rare; Gwet's AC1 is ${row.gwetAC1.value?.toFixed(3) ?? "undefined"}. The few ${unitWord}s where it occurs decide its reliability.` });
    }
    if (diagnoses.length === 0 && n > 0 && row.band !== "reliable") {
      diagnoses.push({ kind: "scattered", text: `disagreements are scattered (${plural(n, unitWord)}, no dominant substitute, boundary or coder): review the definition and its examples with all coders.` });
    }
    return { code: row.code, alpha: row.krippendorffAlpha.value, pull, disagreements: n, boundary, standsAlone, usedBy, requiredUnits: needed, availableUnits: row.units, diagnoses };
  });
}

/** Full code-by-code substitution counts: `matrix[i][j]` = turns where code i was applied and another coder applied code j instead. */
export function substitutionMatrix(rows: readonly CodeRow[]): { codes: string[]; matrix: number[][] } {
  const involved = rows.filter((r) => r.substitutes.length > 0 || rows.some((o) => o.substitutes.some((s) => s.code === r.code))).map((r) => r.code);
  const index = new Map(involved.map((c, i) => [c, i]));
  const matrix = involved.map(() => involved.map(() => 0));
  for (const r of rows) {
    const i = index.get(r.code);
    if (i === undefined) continue;
    for (const s of r.substitutes) {
      const j = index.get(s.code);
      if (j !== undefined) matrix[i]![j] = s.count;
    }
  }
  return { codes: involved, matrix };
}

/**
 * `presence`, when given, holds the codes' presence matrices over `coders` and `units` (as
 * `presenceMatrices` builds them): alpha without a coder is then alpha on the other rows.
 */
export function profileCoders(coders: readonly string[], units: readonly AlignedUnit[], rows: readonly CodeRow[], presence?: ReadonlyMap<string, CompactPresence>, setKeys?: Map<readonly string[], string>): CoderProfile[] {
  const rated = coders.map((_, c) => units.filter((u) => u.codes[c] !== null).length);
  const all = coders.length >= 3 ? setMatrix(coders, units) : null;
  const build = presence === undefined && coders.length >= 3 ? presenceMatrices(coders, units) : null;
  const compact = (code: string): CompactPresence => presence?.get(code) ?? compactPresence(build!(code), () => build!(code));
  return coders.map((coder, k) => {
    const usage: CoderProfile["usage"] = [];
    for (const row of rows) {
      const rate = (c: number) => (rated[c]! === 0 ? 0 : (row.presence[coders[c]!] ?? 0) / rated[c]!);
      const others = coders.map((_, c) => c).filter((c) => c !== k);
      const othersRate = others.reduce((s, c) => s + rate(c), 0) / others.length;
      const own = row.presence[coder] ?? 0;
      const othersMean = others.reduce((s, c) => s + (row.presence[coders[c]!] ?? 0), 0) / others.length;
      if (own + othersMean < 3) continue;
      const ratio = othersRate === 0 ? null : rate(k) / othersRate;
      if (ratio === null || ratio >= 2) usage.push({ code: row.code, own, othersMean, ratio, direction: "over" });
      else if (ratio <= 0.5) usage.push({ code: row.code, own, othersMean, ratio, direction: "under" });
    }
    let alphaWithout: MetricResult | null = null;
    const alphaWithoutPerCode: Record<string, number | null> = {};
    if (coders.length >= 3) {
      const rest = coders.filter((_, c) => c !== k);
      // The same matrices as built over the units with coder k's cells removed: the other rows.
      alphaWithout = krippendorffAlphaSetsEach({ coders: rest, units: all!.units, values: all!.values.filter((_, c) => c !== k) }, ["masi"], setKeys)[0]!;
      for (const row of rows) {
        alphaWithoutPerCode[row.code] = alphaWithoutCoder(compact(row.code), k, rest, true).value;
      }
    }
    return { coder, usage, alphaWithout, alphaWithoutPerCode };
  });
}
