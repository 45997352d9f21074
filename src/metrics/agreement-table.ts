/**
 * Every coefficient that applies to a rating table, computed at once: what `intercoder agree`
 * prints. The level (`nominal`, `ordinal`, `interval`, `ratio`) only picks the headline; every
 * coefficient is computed whenever the values allow it (interval, ratio and weighted ones when
 * all values are numbers; Cohen's kappa, Scott's pi and weighted kappa for exactly two coders).
 * Set-valued tables (`multi`) get alpha with MASI, Jaccard and nominal distances on whole sets,
 * plus, per value, the presence coefficients ("did the coder include this value?").
 */
import type { Level, MetricResult, ReliabilityMatrix, SetMatrix } from "../model/reliability-matrix.js";
import { percentAgreement } from "./percent-agreement.js";
import { percentAgreementUnanimous } from "./percent-agreement-unanimous.js";
import { cohenKappa } from "./cohen-kappa.js";
import { scottPi } from "./scott-pi.js";
import { fleissKappa } from "./fleiss-kappa.js";
import { daviesFleissKappa } from "./davies-fleiss-kappa.js";
import { lightKappa } from "./light-kappa.js";
import { lightKappaPairwiseDeletion } from "./light-kappa-pairwise-deletion.js";
import { congerKappa } from "./conger-kappa.js";
import { gwetAC1 } from "./gwet-ac1.js";
import { gwetAC2 } from "./gwet-ac2.js";
import { brennanPrediger } from "./brennan-prediger.js";
import { krippendorffAlpha } from "./krippendorff-alpha.js";
import { krippendorffAlphaSets } from "./krippendorff-alpha-sets.js";
import { alphaBootstrap, alphaMetric, unitsBootstrap, type BootstrapResult } from "./bootstrap.js";

export interface AgreementOptions {
  level?: Level;
  /** Krippendorff–Hayes bootstrap resamples for every alpha (0 = none). */
  resamples?: number;
  seed?: number;
  /** Also a percentile bootstrap over units for every coefficient (`bootstrapUnits`). */
  unitsBootstrap?: boolean;
}

export interface BootstrapSummary {
  ci95: [number, number] | null;
  pBelow: { "0.667": number; "0.8": number } | null;
  resamples: number;
  seed: number;
  method: BootstrapResult["method"];
  /** How far the interval's ends move between N and 2N resamples. */
  intervalShiftAt2N: number | null;
}

export type AgreementMetric = MetricResult & {
  /** Krippendorff–Hayes bootstrap (alpha only). */
  bootstrap?: BootstrapSummary;
  /** Percentile bootstrap over units (any coefficient, with `unitsBootstrap`). */
  bootstrapUnits?: BootstrapSummary;
};

export interface PerValueAgreement {
  alphaNominal: MetricResult;
  fleissKappa: MetricResult;
  gwetAC1: MetricResult;
  lightKappa: MetricResult;
  pairs: { coders: [string, string]; cohenKappa: MetricResult }[];
}

export interface AgreementTable {
  units: number;
  coders: number;
  level: Level | "set";
  /** The metric the level picks. */
  headline: string;
  numeric: boolean;
  metrics: Record<string, AgreementMetric>;
  perValue?: Record<string, PerValueAgreement>;
}

function isNumeric(m: ReliabilityMatrix): boolean {
  return m.values.every((row) => row.every((v) => v === null || typeof v === "number"));
}

function summarise(b: BootstrapResult): BootstrapSummary {
  return { ci95: b.ci95, pBelow: b.pBelow, resamples: b.resamples, seed: b.seed, method: b.method, intervalShiftAt2N: b.stability?.maxShift ?? null };
}

const ALPHA_BY_LEVEL: Record<Level, string> = { nominal: "alphaNominal", ordinal: "alphaOrdinal", interval: "alphaInterval", ratio: "alphaRatio" };

/** All coefficients of a coders × units table of single values. */
export function agreementTable(m: ReliabilityMatrix, options: AgreementOptions = {}): AgreementTable {
  const level = options.level ?? "nominal";
  const numeric = isNumeric(m);
  // Each coefficient that the values allow, as a function of the matrix, so that the units
  // bootstrap can recompute it on resampled units.
  const metricsToRun: ((x: ReliabilityMatrix) => MetricResult)[] = [percentAgreement, percentAgreementUnanimous];
  if (m.coders.length === 2) {
    metricsToRun.push((x) => cohenKappa(x), scottPi);
    if (numeric) metricsToRun.push((x) => cohenKappa(x, "linear"), (x) => cohenKappa(x, "quadratic"));
  }
  metricsToRun.push(fleissKappa, daviesFleissKappa, lightKappa, lightKappaPairwiseDeletion, congerKappa, gwetAC1, brennanPrediger);
  if (numeric) metricsToRun.push((x) => gwetAC2(x, "linear"), (x) => gwetAC2(x, "quadratic"));
  const levels: Level[] = numeric ? ["nominal", "ordinal", "interval", "ratio"] : ["nominal"];
  for (const l of levels) metricsToRun.push(alphaMetric({ level: l }));
  const metrics: Record<string, AgreementMetric> = {};
  const resamples = options.resamples ?? 0;
  const seed = options.seed !== undefined ? { seed: options.seed } : {};
  for (const run of metricsToRun) {
    const r: AgreementMetric = run(m);
    if (r.status === "ok" && resamples > 0 && r.coefficient.startsWith("alpha")) {
      r.bootstrap = summarise(alphaBootstrap(m, { level: r.level as Level, resamples, ...seed }));
    }
    if (r.status === "ok" && resamples > 0 && options.unitsBootstrap) {
      r.bootstrapUnits = summarise(unitsBootstrap(m, run, { resamples, ...seed }));
    }
    metrics[r.coefficient] = r;
  }
  return { units: m.units.length, coders: m.coders.length, level, headline: ALPHA_BY_LEVEL[level], numeric, metrics };
}

/** Presence matrix of one value in a set-valued table: 1 if the coder's set holds it, 0 if not, null if missing. */
export function valuePresence(m: SetMatrix, value: string): ReliabilityMatrix<number> {
  return { coders: m.coders, units: m.units, values: m.values.map((row) => row.map((s) => (s === null ? null : s.includes(value) ? 1 : 0))) };
}

/** All coefficients of a set-valued table (`--multi`). */
export function agreementTableSets(m: SetMatrix, options: AgreementOptions = {}): AgreementTable {
  const metrics: Record<string, AgreementMetric> = {};
  for (const d of ["masi", "masi-nltk", "jaccard", "nominal"] as const) {
    const r = krippendorffAlphaSets(m, d);
    metrics[r.coefficient] = r;
  }
  const values = [...new Set(m.values.flatMap((row) => row.flatMap((s) => s ?? [])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const perValue: Record<string, PerValueAgreement> = {};
  for (const v of values) {
    const p = valuePresence(m, v);
    const pairs: PerValueAgreement["pairs"] = [];
    for (let a = 0; a < m.coders.length; a++) {
      for (let b = a + 1; b < m.coders.length; b++) {
        const pair: ReliabilityMatrix<number> = { coders: [m.coders[a]!, m.coders[b]!], units: p.units, values: [p.values[a]!, p.values[b]!] };
        pairs.push({ coders: [m.coders[a]!, m.coders[b]!], cohenKappa: cohenKappa(pair) });
      }
    }
    const alphaNominal: AgreementMetric = krippendorffAlpha(p, { level: "nominal" });
    if (alphaNominal.status === "ok" && (options.resamples ?? 0) > 0) {
      alphaNominal.bootstrap = summarise(alphaBootstrap(p, { level: "nominal", resamples: options.resamples!, ...(options.seed !== undefined ? { seed: options.seed } : {}) }));
    }
    perValue[v] = { alphaNominal, fleissKappa: fleissKappa(p), gwetAC1: gwetAC1(p), lightKappa: lightKappa(p), pairs };
  }
  return { units: m.units.length, coders: m.coders.length, level: "set", headline: "alphaMasi", numeric: false, metrics, perValue };
}
