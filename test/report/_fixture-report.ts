/**
 * Test fixture: a small, realistic `ReliabilityReport` written out by hand (3 coders, 6 codes,
 * 3 interviews, one of which Ben did not code; character-span unitizing alphas; parent codes), so the renderers can be tested without the metric modules. The numbers are
 * plausible, not computed; what matters is that they are internally consistent (every
 * disagreement's turn is in `quotedTurns`, the substitution matrix matches the substitutes).
 *
 * Transcript text, a speaker and an input path carry markup and spreadsheet formulas, so every
 * renderer's escaping is exercised: `<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`,
 * `=SUM(A1:A3)`, `-5 minutes`, `+1`, `@mod`.
 */
import type { MetricResult } from "../../src/model/reliability-matrix.js";
import type { AlphaBootstrapSummary, CodeRow, Disagreement, PairRow, QuotedTurn, ReliabilityReport } from "../../src/report/types.js";

export const SCRIPT_TEXT = "<script>alert(1)</script>";
export const IMG_TEXT = "<img src=x onerror=alert(1)>";

const CODERS = ["Ana", "Ben", "Cleo"] as const;

/** A transcript Ben did not code, with markup in its name. */
export const TRANSCRIPT_3 = "interview-03 <draft>";

function ok(coefficient: string, value: number, units: number, extra: Partial<MetricResult> = {}): MetricResult {
  return { coefficient, value, status: "ok", observed: 0.1, expected: 0.3, units, coders: 3, pairable: units * 3, ...extra };
}

function undef(coefficient: string, reason: string, units: number): MetricResult {
  return { coefficient, value: null, status: "undefined", reason, observed: null, expected: null, units, coders: 3 };
}

function boot(low: number, high: number, below667: number): AlphaBootstrapSummary {
  return { ci95: [low, high], pBelow: { "0.667": below667, "0.8": Math.min(1, below667 + 0.2) }, resamples: 1000, seed: 42, intervalShiftAt2N: 0.004 };
}

function pair(a: number, b: number, both: number, onlyFirst: number, onlySecond: number, neither: number, kappa: number | null): PairRow {
  const units = both + onlyFirst + onlySecond + neither;
  return {
    coders: [CODERS[a]!, CODERS[b]!],
    units,
    both, onlyFirst, onlySecond, neither,
    percentAgreement: (both + neither) / units,
    cohenKappa: kappa === null ? undef("cohenKappa", "no-variation", units) : ok("cohenKappa", kappa, units, { coders: 2 }),
  };
}

export const QUOTED_TURNS: QuotedTurn[] = [
  { transcript: "interview-01", turn: 3, speaker: "Interviewee", text: `It costs too much ${SCRIPT_TEXT}, honestly, and "time" is short & getting shorter.`, codes: { Ana: ["Barriers-cost"], Ben: ["Barriers-time"], Cleo: ["Barriers-cost"] } },
  { transcript: "interview-01", turn: 7, speaker: "Interviewee", text: "=SUM(A1:A3) was what my budget spreadsheet said, so I stopped going.", codes: { Ana: ["Barriers-cost"], Ben: ["Barriers-time"], Cleo: ["Barriers-time"] } },
  { transcript: "interview-01", turn: 12, speaker: "@mod", text: `${IMG_TEXT} What keeps you going, week after week?`, codes: { Ana: ["Motivation"], Ben: [], Cleo: ["Motivation"] } },
  { transcript: "interview-02", turn: 4, speaker: "Interviewee", text: "-5 minutes on the clock and I was still on the bus; my mum drove me after that.", codes: { Ana: ["Barriers-time", "Support-family"], Ben: ["Barriers-time"], Cleo: ["Barriers-time", "Support-family"] } },
  { transcript: "interview-02", turn: 9, speaker: null, text: "+1 to what she said:\nmy friends from class, and my sister, kept me at it.", codes: { Ana: ["Support-family"], Ben: ["Support-family"], Cleo: ["Support-peers"] } },
  { transcript: "interview-02", turn: 15, speaker: "Interviewee", text: "Money, mostly. Time, too.", codes: { Ana: ["Barriers-cost"], Ben: null, Cleo: ["Barriers-time"] } },
];

function dis(t: number, appliedBy: string[], notAppliedBy: string[], instead: Record<string, string[]>, missing: string[] = []): Disagreement {
  const q = QUOTED_TURNS[t]!;
  return { transcript: q.transcript, turn: q.turn, speaker: q.speaker, appliedBy, notAppliedBy, missing, excerpt: q.text.length > 40 ? `${q.text.slice(0, 40)}…` : q.text, instead };
}

function row(code: string, partial: Partial<CodeRow> & Pick<CodeRow, "presence" | "krippendorffAlpha" | "band">): CodeRow {
  return {
    code,
    inCodebook: true,
    units: 40,
    percentAgreement: 0.9,
    unanimousAgreement: 0.85,
    lightKappa: ok("lightKappa", 0.6, 40),
    fleissKappa: ok("fleissKappa", 0.58, 40),
    gwetAC1: ok("gwetAC1", 0.88, 40),
    prevalenceParadox: false,
    pairs: [pair(0, 1, 3, 2, 1, 34, 0.6), pair(0, 2, 4, 1, 1, 34, 0.75), pair(1, 2, 3, 1, 2, 34, 0.61)],
    substitutes: [],
    disagreements: [],
    ...partial,
  };
}

const CODES: CodeRow[] = [
  row("Barriers-cost", {
    presence: { Ana: 8, Ben: 2, Cleo: 6 },
    percentAgreement: 0.883, unanimousAgreement: 0.846,
    lightKappa: ok("lightKappa", 0.402, 39), fleissKappa: ok("fleissKappa", 0.398, 39), gwetAC1: ok("gwetAC1", 0.81, 39),
    krippendorffAlpha: { ...ok("alphaNominal", 0.41234, 39, { ci95: [0.2, 0.6] }), bootstrap: boot(0.181, 0.623, 0.97) },
    band: "unreliable",
    substitutes: [{ code: "Barriers-time", count: 3 }],
    disagreements: [
      dis(0, ["Ana", "Cleo"], ["Ben"], { Ben: ["Barriers-time"] }),
      dis(1, ["Ana"], ["Ben", "Cleo"], { Ben: ["Barriers-time"], Cleo: ["Barriers-time"] }),
      dis(5, ["Ana"], ["Cleo"], { Cleo: ["Barriers-time"] }, ["Ben"]),
    ],
  }),
  row("Barriers-time", {
    presence: { Ana: 3, Ben: 9, Cleo: 5 },
    percentAgreement: 0.867, unanimousAgreement: 0.821,
    krippendorffAlpha: ok("alphaNominal", 0.55, 39, { ci95: [0.31, 0.79] }),
    band: "unreliable",
    substitutes: [{ code: "Barriers-cost", count: 3 }],
    disagreements: [
      dis(0, ["Ben"], ["Ana", "Cleo"], { Ana: ["Barriers-cost"], Cleo: ["Barriers-cost"] }),
      dis(1, ["Ben", "Cleo"], ["Ana"], { Ana: ["Barriers-cost"] }),
      dis(5, ["Cleo"], ["Ana"], { Ana: ["Barriers-cost"] }, ["Ben"]),
    ],
  }),
  row("Motivation", {
    presence: { Ana: 11, Ben: 10, Cleo: 11 },
    percentAgreement: 0.983, unanimousAgreement: 0.975,
    krippendorffAlpha: { ...ok("alphaNominal", 0.853, 40, { ci95: [0.74, 0.96] }), bootstrap: boot(0.712, 0.951, 0.011) },
    band: "reliable",
    disagreements: [dis(2, ["Ana", "Cleo"], ["Ben"], {})],
  }),
  row("Support-family", {
    presence: { Ana: 5, Ben: 4, Cleo: 4 },
    percentAgreement: 0.967, unanimousAgreement: 0.95,
    krippendorffAlpha: { ...ok("alphaNominal", 0.7123, 40), bootstrap: boot(0.52, 0.88, 0.31) },
    band: "tentative",
    substitutes: [{ code: "Support-peers", count: 1 }],
    disagreements: [
      dis(3, ["Ana", "Cleo"], ["Ben"], { Ben: ["Barriers-time"] }),
      dis(4, ["Ana", "Ben"], ["Cleo"], { Cleo: ["Support-peers"] }),
    ],
  }),
  row("Support-peers", {
    presence: { Ana: 0, Ben: 0, Cleo: 1 },
    percentAgreement: 0.983, unanimousAgreement: 0.975,
    lightKappa: undef("lightKappa", "no-defined-pair", 40), fleissKappa: ok("fleissKappa", -0.0084, 40), gwetAC1: ok("gwetAC1", 0.9831, 40),
    krippendorffAlpha: { ...ok("alphaNominal", -0.0042, 40), bootstrap: { ci95: null, pBelow: null, resamples: 1000, seed: 42, intervalShiftAt2N: null } },
    band: "unreliable",
    prevalenceParadox: true,
    substitutes: [{ code: "Support-family", count: 1 }],
    disagreements: [dis(4, ["Cleo"], ["Ana", "Ben"], { Ana: ["Support-family"], Ben: ["Support-family"] })],
  }),
  row("Trust", {
    presence: { Ana: 0, Ben: 0, Cleo: 0 },
    percentAgreement: 1, unanimousAgreement: 1,
    lightKappa: undef("lightKappa", "no-variation", 40), fleissKappa: undef("fleissKappa", "no-variation", 40), gwetAC1: ok("gwetAC1", 1, 40),
    krippendorffAlpha: undef("alphaNominal", "no-variation", 40),
    band: "undefined",
    pairs: [pair(0, 1, 0, 0, 0, 40, null), pair(0, 2, 0, 0, 0, 40, null), pair(1, 2, 0, 0, 0, 40, null)],
  }),
];

function diagnosis(code: string, pull: number | null, partial: Partial<ReliabilityReport["ambiguous"][number]>): ReliabilityReport["ambiguous"][number] {
  const r = CODES.find((c) => c.code === code)!;
  return {
    code, alpha: r.krippendorffAlpha.value, pull, disagreements: r.disagreements.length, boundary: 0,
    standsAlone: { Ana: 0, Ben: 0, Cleo: 0 }, usedBy: CODERS.filter((k) => (r.presence[k] ?? 0) > 0), requiredUnits: 60, availableUnits: r.units,
    diagnoses: [], band: r.band, substitutes: r.substitutes, ...partial,
  };
}

/** A fresh copy of the fixture (tests may change it). */
export function fixtureReport(): ReliabilityReport {
  const report: ReliabilityReport = {
    schemaVersion: 1,
    tool: { name: "intercoder", version: "0.1.0" },
    name: "Commuting study <pilot>",
    unit: "turn",
    coders: [...CODERS],
    units: 40,
    transcripts: [
      {
        name: "interview-01", units: 14, referenceTurns: 14, method: "by-number", codersPresent: ["Ana", "Ben", "Cleo"],
        files: { Ana: "data/ana/interview-01.docx", Ben: "data/ben/interview-01.docx", Cleo: "data/cleo/interview-01.docx" },
        unmatched: { Ana: [], Ben: [], Cleo: [] }, extra: { Ana: [], Ben: [], Cleo: [] }, textDifferences: [],
        overall: { alphaMasi: ok("alphaMasi", 0.61, 14), alphaNominalWholeSet: ok("alphaNominalSets", 0.52, 14) },
        codes: { "Barriers-cost": { alpha: 0.12, status: "ok", disagreements: 3 }, Trust: { alpha: null, status: "undefined", reason: "no-variation", disagreements: 0 } },
      },
      {
        name: "interview-02", units: 20, referenceTurns: 21, method: "global", codersPresent: ["Ana", "Ben", "Cleo"],
        files: { Ana: "data/ana/interview-02.docx", Ben: "data/ben/interview-02 <copy>.docx", Cleo: "data/cleo/interview-02.docx" },
        unmatched: { Ana: [], Ben: [15], Cleo: [] }, extra: { Ana: [], Ben: [], Cleo: [] },
        textDifferences: [{ coder: "Ben", turn: 9, coderTurn: 10, similarity: 0.914 }],
        overall: { alphaMasi: ok("alphaMasi", 0.7, 20), alphaNominalWholeSet: ok("alphaNominalSets", 0.66, 20) },
        codes: { "Barriers-cost": { alpha: -0.05, status: "ok", disagreements: 4 }, Trust: { alpha: null, status: "undefined", reason: "no-variation", disagreements: 0 } },
      },
      {
        name: TRANSCRIPT_3, units: 6, referenceTurns: 6, method: "by-number", codersPresent: ["Ana", "Cleo"],
        files: { Ana: "data/ana/interview-03.docx", Ben: null, Cleo: "data/cleo/interview-03.docx" },
        unmatched: { Ana: [], Cleo: [] }, extra: { Ana: [], Cleo: [] }, textDifferences: [],
        overall: { alphaMasi: ok("alphaMasi", 0.83, 6, { coders: 2 }), alphaNominalWholeSet: ok("alphaNominalSets", 0.8, 6, { coders: 2 }) },
        codes: {
          Motivation: { alpha: 0.9, status: "ok", disagreements: 0 }, "Support-family": { alpha: 0.7, status: "ok", disagreements: 1 },
          "Barriers-cost": { alpha: 0.6, status: "ok", disagreements: 1 }, "Barriers-time": { alpha: 0.75, status: "ok", disagreements: 1 },
        },
      },
    ],
    summary: { codes: 6, reliable: 1, tentative: 1, unreliable: 3, undefined: 1, convention: "Krippendorff (2004, Content Analysis, 2nd ed., p. 241): alpha ≥ 0.800 reliable; 0.667 ≤ alpha < 0.800 for tentative conclusions only; below 0.667 unreliable" },
    codes: CODES,
    ambiguous: [
      diagnosis("Barriers-cost", 0.041, {
        standsAlone: { Ana: 1, Ben: 1, Cleo: 0 },
        diagnoses: [{ kind: "sibling-confusion", text: "confused with its sibling `Barriers-time`: on 3 turns another coder applied `Barriers-time` where this code was applied. Sharpen both definitions (say when each one applies, with an example of the borderline case) or merge them." }],
      }),
      diagnosis("Barriers-time", 0.035, {
        standsAlone: { Ana: 1, Ben: 1, Cleo: 0 },
        diagnoses: [{ kind: "sibling-confusion", text: "confused with its sibling `Barriers-cost`: on 3 turns another coder applied `Barriers-cost` where this code was applied. Sharpen both definitions (say when each one applies, with an example of the borderline case) or merge them." }],
      }),
      diagnosis("Support-peers", 0.012, {
        standsAlone: { Ana: 0, Ben: 0, Cleo: 1 }, requiredUnits: 1430,
        diagnoses: [
          { kind: "single-user", text: "used by one coder only: Cleo applied it on 1 turn, nobody else did. Check whether Cleo reads the definition differently, or whether the others overlooked it." },
          { kind: "too-rare", text: "too rare to estimate: applied on 0.8% of ratings; a reliable estimate (alpha ≥ 0.800, p = 0.05) needs about 1430 units, and 40 are available." },
          { kind: "prevalence-paradox", text: "prevalence paradox: 98.3% raw agreement but alpha -0.004 because the code is rare; Gwet's AC1 is 0.983. The few turns where it occurs decide its reliability." },
        ],
      }),
      diagnosis("Support-family", 0.008, {
        boundary: 1, standsAlone: { Ana: 0, Ben: 1, Cleo: 1 },
        diagnoses: [{ kind: "scattered", text: "disagreements are scattered (2 turns, no dominant substitute, boundary or coder): review the definition and its examples with all coders." }],
      }),
    ],
    substitution: {
      codes: ["Barriers-cost", "Barriers-time", "Support-family", "Support-peers"],
      matrix: [[0, 3, 0, 0], [3, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]],
    },
    coderProfiles: [
      { coder: "Ana", usage: [], alphaWithout: ok("alphaMasi", 0.63, 40, { coders: 2 }), alphaWithoutPerCode: { "Barriers-cost": 0.35, "Barriers-time": 0.72, Motivation: 0.81, "Support-family": 0.66, "Support-peers": -0.0063, Trust: null } },
      {
        coder: "Ben",
        usage: [
          { code: "Barriers-cost", own: 2, othersMean: 7, ratio: 0.2857142857, direction: "under" },
          { code: "Barriers-time", own: 9, othersMean: 4, ratio: 2.25, direction: "over" },
        ],
        alphaWithout: ok("alphaMasi", 0.74, 40, { coders: 2 }),
        alphaWithoutPerCode: { "Barriers-cost": 0.62, "Barriers-time": 0.41, Motivation: 1, "Support-family": 0.79, "Support-peers": -0.0063, Trust: null },
      },
      { coder: "Cleo", usage: [{ code: "Support-peers", own: 1, othersMean: 0, ratio: null, direction: "over" }], alphaWithout: undef("alphaMasi", "no-variation", 40), alphaWithoutPerCode: { "Barriers-cost": 0.3, "Barriers-time": 0.51, Motivation: 0.8, "Support-family": 0.66, "Support-peers": null, Trust: null } },
    ],
    methods: "Three coders independently applied a codebook of six codes to two transcripts. We report Krippendorff's alpha for nominal data (Krippendorff, 2004) with 95% bootstrap confidence intervals (1,000 resamples; Hayes & Krippendorff, 2007).",
    pairs: [
      { coders: ["Ana", "Ben"], meanKappa: 0.5212, meanPercentAgreement: 0.912, codes: 5 },
      { coders: ["Ana", "Cleo"], meanKappa: 0.6804, meanPercentAgreement: 0.941, codes: 5 },
      { coders: ["Ben", "Cleo"], meanKappa: 0.4901, meanPercentAgreement: 0.905, codes: 5 },
    ],
    overall: { alphaMasi: ok("alphaMasi", 0.655, 40), alphaNominalWholeSet: ok("alphaNominalSets", 0.59, 40) },
    codebook: { file: "codebook.csv", unused: ["Trust"], notInCodebook: [] },
    quotedTurns: QUOTED_TURNS,
    flags: [
      { kind: "missing-coder", transcript: TRANSCRIPT_3, coder: "Ben", message: `Ben did not code "${TRANSCRIPT_3}": their values are missing there (not "code absent")` },
      { kind: "alignment-dropped-turns", transcript: "interview-02", coder: "Ben", message: "alignment could not match 1 of 21 turns <b>" },
    ],
    unitizing: {
      methods: ["mapped"],
      unitizingAlphaBinary: ok("unitizingAlphaBinary", 0.7012, 40),
      unitizingAlpha: undef("unitizingAlpha", "overlapping-codes", 40),
      unitizingAlphaCode: undef("unitizingAlphaCode", "overlapping-codes", 40),
      // Trust has no spans, so it has no unitizing alpha.
      perCode: Object.fromEntries(CODES.filter((c) => c.code !== "Trust").map((c, i) => [c.code, {
        unitizingAlphaPerCode: ok("unitizingAlphaPerCode", 0.5 + i / 10, 40),
        unitizingAlphaPerCodeBinary: ok("unitizingAlphaPerCodeBinary", [0.4567, 0.6123, 0.9012, 0.7345, -0.0021][i]!, 40),
      }])),
    },
    parentLevel: {
      depth: "parent", source: `the separator "-"`,
      codes: [
        row("Barriers", { presence: { Ana: 9, Ben: 9, Cleo: 9 }, percentAgreement: 0.95, fleissKappa: ok("fleissKappa", 0.861, 40), krippendorffAlpha: { ...ok("alphaNominal", 0.8634, 40), bootstrap: boot(0.702, 0.974, 0.02) }, band: "reliable" }),
        row("Motivation", { presence: { Ana: 11, Ben: 10, Cleo: 11 }, percentAgreement: 0.983, krippendorffAlpha: { ...ok("alphaNominal", 0.853, 40), bootstrap: boot(0.712, 0.951, 0.011) }, band: "reliable" }),
        row("Support", { presence: { Ana: 5, Ben: 4, Cleo: 5 }, percentAgreement: 0.967, fleissKappa: ok("fleissKappa", 0.779, 40), krippendorffAlpha: { ...ok("alphaNominal", 0.7811, 40), bootstrap: boot(0.55, 0.93, 0.2) }, band: "tentative" }),
        row("Trust", { presence: { Ana: 0, Ben: 0, Cleo: 0 }, krippendorffAlpha: undef("alphaNominal", "no-variation", 40), band: "undefined" }),
      ],
    },
    inputs: [
      { path: "data/ana/interview-01.docx", coder: "Ana", sha256: "a".repeat(64), format: "delve" },
      { path: "data/ben/interview-02 <copy>.docx", coder: "Ben", sha256: "b".repeat(64), format: "delve" },
      { path: "data/cleo/interview-01.docx", coder: "Cleo", sha256: "c".repeat(64), format: "delve" },
    ],
    options: { resamples: 1000, seed: 42, codebook: "codebook.csv", "max-unmatched": 0.1, html: null, quiet: false },
    warnings: [{ severity: "warning", code: "empty-turn", message: "turn 5 has no text", file: "data/ben/interview-02 <copy>.docx", line: 12 }],
  };
  return structuredClone(report);
}
