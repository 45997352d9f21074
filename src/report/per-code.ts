/**
 * One code's row of the report: presence counts, pair tables, the coefficients, and the
 * disagreements with what each coder applied instead.
 */
import type { AlignedUnit } from "../model/aligned.js";
import type { MetricResult } from "../model/reliability-matrix.js";
import { presenceMatrix } from "../align/to-matrix.js";
import { kappaOfCommonUnits } from "../metrics/cohen-kappa.js";
import { fleissKappaOf } from "../metrics/fleiss-kappa.js";
import { gwetAC1Of } from "../metrics/gwet-ac1.js";
import { prepare } from "../metrics/_gwet.js";
import type { CompactPresence, PresenceTallies } from "./_presence-alpha.js";
import { codeMatrix, unitCategoryCounts, type CodedMatrix, type UnitCounts } from "../metrics/_category-counts.js";
import { krippendorffAlpha } from "../metrics/krippendorff-alpha.js";
import { alphaBootstrap } from "../metrics/bootstrap.js";
import type { ReliabilityMatrix } from "../model/reliability-matrix.js";
import type { AlphaBootstrapSummary, Band, CodeRow, Disagreement, PairRow, Substitute } from "./types.js";

export interface PerCodeOptions {
  resamples: number;
  seed: number;
  excerptLength: number;
  /** This code's bootstrap, computed elsewhere (`bootstrapAllCodes`) with the same resamples and seed. */
  bootstrap?: AlphaBootstrapSummary;
  /** This code's presence matrix, when the caller built it already (`presenceMatrices`). */
  matrix?: ReliabilityMatrix<number>;
  /** The same matrix kept compactly (`compactPresence`), when the caller built that already. */
  compact?: CompactPresence;
}

/**
 * The report's bootstrap of one code's alpha: Krippendorff–Hayes with `resamples` resamples and
 * `seed` (every code uses the report's seed). Null when alpha is undefined or `resamples` is 0.
 */
export function codeBootstrap(matrix: ReliabilityMatrix<number>, resamples: number, seed: number): AlphaBootstrapSummary | null {
  if (resamples <= 0) return null;
  const boot = alphaBootstrap(matrix, { level: "nominal", resamples, seed });
  if (boot.status !== "ok") return null;
  return { ci95: boot.ci95, pBelow: boot.pBelow, resamples: boot.resamples, seed: boot.seed, intervalShiftAt2N: boot.stability?.maxShift ?? null };
}

/** Krippendorff's conventions (2004, p. 241): ≥ .800 reliable, .667–.800 tentative conclusions only. */
export function bandOf(alpha: number | null): Band {
  if (alpha === null) return "undefined";
  if (alpha >= 0.8) return "reliable";
  if (alpha >= 0.667) return "tentative";
  return "unreliable";
}

export function excerpt(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function undefinedResult(coefficient: string, reason: string, units: number, coders: number): MetricResult {
  return { coefficient, value: null, status: "undefined", reason, observed: null, expected: null, units, coders };
}

/**
 * One pair's 2 × 2 table and Cohen's kappa, from the code's presence matrix (1, 0 or null per
 * coder and unit). The kappa is `cohenKappa` on the pair's two rows, computed from the jointly
 * rated units coded directly (0 and 1 are the categories, in that order, when both occur).
 */
function pairRow(coders: readonly string[], matrix: ReliabilityMatrix<number>, a: number, b: number): PairRow {
  let both = 0, onlyFirst = 0, onlySecond = 0, neither = 0;
  const rowA = matrix.values[a]!, rowB = matrix.values[b]!;
  const unitCount = rowA.length;
  for (let u = 0; u < unitCount; u++) {
    const ha = rowA[u], hb = rowB[u];
    if (ha === null || ha === undefined || hb === null || hb === undefined) continue;
    if (ha === 1) {
      if (hb === 1) both++;
      else onlyFirst++;
    } else if (hb === 1) onlySecond++;
    else neither++;
  }
  const n = both + onlyFirst + onlySecond + neither;
  const pair: [string, string] = [coders[a]!, coders[b]!];
  let kappa: MetricResult;
  if (n === 0) kappa = undefinedResult("cohenKappa", "no-shared-units", 0, 2);
  else {
    const hasZero = onlyFirst + onlySecond + neither > 0;
    const hasOne = both + onlyFirst + onlySecond > 0;
    const categories = [...(hasZero ? [0] : []), ...(hasOne ? [1] : [])];
    const one = hasZero ? 1 : 0;
    // The units grouped by their cell of the 2 × 2 table instead of in unit order: kappa adds
    // the same 1/n to a cell, row or column once per unit, so only the counts matter.
    const codes = new Int32Array(2 * n);
    let k = 0;
    for (const [count, x, y] of [[neither, 0, 0], [onlySecond, 0, one], [onlyFirst, one, 0], [both, one, one]] as const) {
      for (let i = 0; i < count; i++, k++) {
        codes[k] = x;
        codes[n + k] = y;
      }
    }
    kappa = kappaOfCommonUnits({ coderCount: 2, unitCount: n, categories, numeric: true, codes }, "none", n);
  }
  return {
    coders: pair,
    units: n,
    both,
    onlyFirst,
    onlySecond,
    neither,
    percentAgreement: n === 0 ? null : (both + neither) / n,
    cohenKappa: kappa,
  };
}

/**
 * `codeMatrix` of a presence matrix without its general value lookup: the categories are the
 * values that occur (0 before 1), each cell its category's index, -1 where missing.
 */
function presenceCodes(matrix: ReliabilityMatrix<number>): CodedMatrix {
  const coderCount = matrix.coders.length;
  const unitCount = matrix.units.length;
  let hasZero = false, hasOne = false;
  for (const row of matrix.values) {
    if (row.length !== unitCount) return codeMatrix(matrix);
    for (const v of row) {
      if (v === 0) hasZero = true;
      else if (v === 1) hasOne = true;
      else if (v !== null) return codeMatrix(matrix);
    }
  }
  if (matrix.values.length !== coderCount) return codeMatrix(matrix);
  const one = hasZero ? 1 : 0;
  const codes = new Int32Array(coderCount * unitCount);
  matrix.values.forEach((row, c) => {
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      codes[c * unitCount + u] = v === null || v === undefined ? -1 : v === 1 ? one : 0;
    }
  });
  return { coderCount, unitCount, categories: [...(hasZero ? [0] : []), ...(hasOne ? [1] : [])], numeric: true, codes };
}

/** Per unit of a presence matrix: its ratings, its 1s and its 0s; `binary` when no other value occurs. */
interface Tallies {
  ratings: Uint8Array;
  ones: Uint8Array;
  zeros: Uint8Array;
  binary: boolean;
}

function tallies(matrix: ReliabilityMatrix<number>): Tallies {
  const unitCount = matrix.units.length;
  const ratings = new Uint8Array(unitCount), ones = new Uint8Array(unitCount), zeros = new Uint8Array(unitCount);
  let binary = true;
  for (const row of matrix.values) {
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      ratings[u]!++;
      if (v === 1) ones[u]!++;
      else if (v === 0) zeros[u]!++;
      else binary = false;
    }
  }
  return { ratings, ones, zeros, binary };
}

/** Tallies of a matrix of 0, 1 and null only, from its compact form's. */
function compactTallies(t: PresenceTallies): Tallies {
  const zeros = new Uint8Array(t.ratings.length);
  for (let u = 0; u < zeros.length; u++) zeros[u] = t.ratings[u]! - t.ones[u]!;
  return { ratings: t.ratings, ones: t.ones, zeros, binary: true };
}

/** `presenceCodes` of a matrix of 0, 1 and null only, from its compact cells (1, 0, 2 missing). */
function compactCodes(matrix: ReliabilityMatrix<number>, cells: readonly Uint8Array[]): CodedMatrix {
  const coderCount = matrix.coders.length;
  const unitCount = matrix.units.length;
  let hasZero = false, hasOne = false;
  for (const row of cells) {
    for (let u = 0; u < unitCount; u++) {
      if (row[u] === 0) hasZero = true;
      else if (row[u] === 1) hasOne = true;
    }
  }
  const one = hasZero ? 1 : 0;
  const codes = new Int32Array(coderCount * unitCount);
  cells.forEach((row, c) => {
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      codes[c * unitCount + u] = v === 2 ? -1 : v === 1 ? one : 0;
    }
  });
  return { coderCount, unitCount, categories: [...(hasZero ? [0] : []), ...(hasOne ? [1] : [])], numeric: true, codes };
}

/** `unitCategoryCounts` of `presenceCodes`'s result, from the tallies (0 before 1 among the categories). */
function presenceCounts(coded: CodedMatrix, tally: Tallies): UnitCounts {
  const q = coded.categories.length;
  const zeroFirst = coded.categories[0] === 0;
  let kept = 0;
  for (let u = 0; u < coded.unitCount; u++) if (tally.ratings[u]! > 0) kept++;
  const unitIndex = new Int32Array(kept), ratings = new Int32Array(kept), counts = new Int32Array(kept * q);
  for (let u = 0, next = 0; u < coded.unitCount; u++) {
    const r = tally.ratings[u]!;
    if (r === 0) continue;
    unitIndex[next] = u;
    ratings[next] = r;
    if (zeroFirst) {
      counts[next * q] = tally.zeros[u]!;
      if (q === 2) counts[next * q + 1] = tally.ones[u]!;
    } else counts[next * q] = tally.ones[u]!;
    next++;
  }
  return { unitCount: kept, categoryCount: q, counts, ratings, unitIndex };
}

/** Light's kappa as the spec defines it: the mean of the defined pairwise kappas, undefined if none. */
function lightFromPairs(pairs: readonly PairRow[], units: number, coders: number): MetricResult {
  const defined = pairs.map((p) => p.cohenKappa.value).filter((v): v is number => v !== null);
  if (defined.length === 0) return undefinedResult("lightKappa", pairs.length === 0 ? "fewer-than-two-coders" : "no-pair-defined", units, coders);
  const value = defined.reduce((s, v) => s + v, 0) / defined.length;
  return { coefficient: "lightKappa", value, status: "ok", observed: null, expected: null, units, coders, pairable: defined.length };
}

function disagreementsOf(coders: readonly string[], units: readonly AlignedUnit[], code: string, excerptLength: number, tally: Tallies): Disagreement[] {
  const out: Disagreement[] = [];
  for (let i = 0; i < units.length; i++) {
    // Most units are no disagreement on this code: find those from the tallies, building nothing.
    if (tally.ones[i] === 0 || tally.zeros[i] === 0) continue;
    const u = units[i]!;
    const appliedBy: string[] = [], notAppliedBy: string[] = [], missing: string[] = [];
    const instead: Record<string, string[]> = {};
    coders.forEach((name, c) => {
      const set = u.codes[c];
      if (!set) missing.push(name);
      else if (set.includes(code)) appliedBy.push(name);
      else notAppliedBy.push(name);
    });
    if (appliedBy.length === 0 || notAppliedBy.length === 0) continue;
    const appliedSets = appliedBy.map((name) => u.codes[coders.indexOf(name)]!);
    for (const name of notAppliedBy) {
      const own = u.codes[coders.indexOf(name)]!;
      instead[name] = own.filter((x) => x !== code && !appliedSets.every((s) => s.includes(x)));
    }
    out.push({ transcript: u.transcript, turn: u.turn, speaker: u.speaker, appliedBy, notAppliedBy, missing, excerpt: excerpt(u.text, excerptLength), instead });
  }
  return out;
}

function substitutesOf(disagreements: readonly Disagreement[]): Substitute[] {
  const counts = new Map<string, number>();
  for (const d of disagreements) {
    for (const list of Object.values(d.instead)) for (const code of list) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => ({ code, count }))
    .sort((x, y) => y.count - x.count || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

export function computeCodeRow(code: string, coders: readonly string[], units: readonly AlignedUnit[], inCodebook: boolean | null, options: PerCodeOptions): CodeRow {
  const matrix = options.matrix ?? presenceMatrix(coders, units, code);
  const presence: Record<string, number> = {};
  coders.forEach((name, c) => { presence[name] = matrix.values[c]!.reduce<number>((s, v) => s + (v ?? 0), 0); });
  const pairs: PairRow[] = [];
  for (let a = 0; a < coders.length; a++) for (let b = a + 1; b < coders.length; b++) pairs.push(pairRow(coders, matrix, a, b));
  // Per unit: its ratings and how many of them apply the code (one pass over the matrix).
  const rows = matrix.values;
  const tally = options.compact?.tallies ? compactTallies(options.compact.tallies) : tallies(matrix);
  let rated = 0, completeCount = 0, unanimous = 0;
  for (let i = 0; i < units.length; i++) {
    const present = tally.ratings[i]!, applied = tally.ones[i]!;
    if (present >= 2) rated++;
    if (present === units[i]!.codes.length) {
      completeCount++;
      if (applied === 0 || applied === present) unanimous++;
    }
  }
  const pct = pairs.map((p) => p.percentAgreement).filter((v): v is number => v !== null);
  const alpha = krippendorffAlpha(matrix, { level: "nominal" });
  const alphaRow: CodeRow["krippendorffAlpha"] = { ...alpha };
  if (alpha.status === "ok" && options.resamples > 0) {
    const boot = options.bootstrap ?? codeBootstrap(matrix, options.resamples, options.seed);
    if (boot) alphaRow.bootstrap = boot;
  }
  const coded = options.compact?.tallies ? compactCodes(matrix, options.compact.cells) : presenceCodes(matrix);
  const counted = { coded, counts: coded.numeric && tally.binary ? presenceCounts(coded, tally) : unitCategoryCounts(coded) };
  const fleiss = fleissKappaOf(matrix, prepare(matrix, "fleissKappa", false, counted));
  const ac1 = gwetAC1Of(matrix, prepare(matrix, "gwetAC1", false, counted));
  const totalApplied = Object.values(presence).reduce((s, v) => s + v, 0);
  let ratings = 0;
  for (const row of rows) for (const v of row) if (v !== null) ratings++;

  const prevalence = ratings === 0 ? 0 : totalApplied / ratings;
  const meanPct = pct.length === 0 ? null : pct.reduce((s, v) => s + v, 0) / pct.length;
  const prevalenceParadox = meanPct !== null && meanPct >= 0.9 && (prevalence <= 0.1 || prevalence >= 0.9)
    && alpha.value !== null && alpha.value < 0.667;
  const disagreements = disagreementsOf(coders, units, code, options.excerptLength, tally);
  return {
    code,
    inCodebook,
    presence,
    units: rated,
    percentAgreement: meanPct,
    unanimousAgreement: completeCount === 0 ? null : unanimous / completeCount,
    lightKappa: lightFromPairs(pairs, rated, coders.length),
    fleissKappa: fleiss,
    gwetAC1: ac1,
    krippendorffAlpha: alphaRow,
    band: bandOf(alpha.value),
    prevalenceParadox,
    pairs,
    substitutes: substitutesOf(disagreements),
    disagreements,
  };
}
