/**
 * Builds the `ReliabilityReport` from aligned transcripts: per-code rows, pairwise summaries,
 * overall set-valued alpha, per-transcript breakdown, and the ranking of ambiguous codes.
 * Pure: no files, no clock. Everything is sorted so the same inputs give the same report.
 */
import type { AlignedTranscript, AlignedUnit } from "../model/aligned.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Codebook } from "../model/transcript.js";
import { presenceMatrices, setMatrix } from "../align/to-matrix.js";
import { krippendorffAlphaSets } from "../metrics/krippendorff-alpha-sets.js";
import { computeCodeRow } from "./per-code.js";
import { diagnoseCodes, profileCoders, substitutionMatrix } from "./diagnose.js";
import { methodsParagraph } from "./methods.js";
import type { AlphaBootstrapSummary, CodeRow, InputRecord, ReliabilityReport, TranscriptSummary } from "./types.js";

export const CONVENTION =
  "Krippendorff (2004, Content Analysis, 2nd ed., p. 241): alpha ≥ 0.800 reliable; 0.667 ≤ alpha < 0.800 for tentative conclusions only; below 0.667 unreliable";

export interface BuildReportInput {
  name: string;
  version: string;
  /** Every coder of the study, in input order. Each transcript's `coders` must be this list (null files for coders who did not code it). */
  coders: string[];
  transcripts: AlignedTranscript[];
  codebook?: Codebook | null;
  inputs: InputRecord[];
  options: Record<string, string | number | boolean | null>;
  resamples: number;
  seed: number;
  excerptLength?: number;
  warnings?: Diagnostic[];
  /** Per code, its bootstrap computed beforehand (e.g. on worker threads by `bootstrapAllCodes`, same resamples and seed); codes missing here are bootstrapped in place. */
  bootstraps?: ReadonlyMap<string, AlphaBootstrapSummary | null>;
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function overallOf(coders: readonly string[], units: readonly AlignedUnit[]) {
  const sets = setMatrix(coders, units);
  return {
    alphaMasi: krippendorffAlphaSets(sets, "masi"),
    alphaNominalWholeSet: krippendorffAlphaSets(sets, "nominal"),
  };
}

function transcriptSummary(t: AlignedTranscript): TranscriptSummary {
  const files: Record<string, string | null> = {};
  t.coders.forEach((c, i) => { files[c] = t.files[i] ?? null; });
  return {
    name: t.name,
    units: t.units.length,
    referenceTurns: t.referenceTurns,
    method: t.method,
    codersPresent: t.coders.filter((_, i) => t.files[i] !== null),
    files,
    unmatched: t.unmatched,
    extra: t.extra,
    textDifferences: t.textDifferences.map((d) => ({ coder: d.coder, turn: d.turn, coderTurn: d.coderTurn, similarity: d.similarity })),
    overall: overallOf(t.coders, t.units),
  };
}

export function allCodes(transcripts: readonly AlignedTranscript[], codebook?: Codebook | null): string[] {
  const codes = new Set<string>();
  for (const t of transcripts) for (const u of t.units) for (const s of u.codes) if (s) for (const c of s) codes.add(c);
  if (codebook) for (const e of codebook.entries) if (e.codable !== false) codes.add(e.code);
  return [...codes].sort(compareCodePoints);
}

function meanOrNull(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((s, v) => s + v, 0) / defined.length;
}

export function buildReport(input: BuildReportInput): ReliabilityReport {
  const report = assemble(input);
  report.methods = methodsParagraph(report);
  return report;
}

function assemble(input: BuildReportInput): ReliabilityReport {
  const { coders, transcripts } = input;
  const units = transcripts.flatMap((t) => t.units);
  const codebookCodes = input.codebook ? new Set(input.codebook.entries.filter((e) => e.codable !== false).map((e) => e.code)) : null;
  const codes = allCodes(transcripts, input.codebook);
  const presence = presenceMatrices(coders, units);
  const rows: CodeRow[] = codes.map((code) => {
    const bootstrap = input.bootstraps?.get(code);
    return computeCodeRow(code, coders, units, codebookCodes ? codebookCodes.has(code) : null, {
      resamples: input.resamples,
      seed: input.seed,
      excerptLength: input.excerptLength ?? 160,
      ...(bootstrap ? { bootstrap } : {}),
      matrix: presence(code),
    });
  });
  const count = (band: CodeRow["band"]) => rows.filter((r) => r.band === band).length;
  const overall = overallOf(coders, units);
  const diagnoses = diagnoseCodes(coders, units, rows, overall.alphaMasi.value);
  const ambiguous = diagnoses
    .map((d, i) => ({ ...d, band: rows[i]!.band, substitutes: rows[i]!.substitutes.slice(0, 5) }))
    .filter((d) => d.band !== "reliable" && d.disagreements > 0)
    .sort((a, b) => {
      if (a.pull !== b.pull) return a.pull === null ? 1 : b.pull === null ? -1 : b.pull - a.pull;
      if (a.alpha !== b.alpha) return a.alpha === null ? 1 : b.alpha === null ? -1 : a.alpha - b.alpha;
      return b.disagreements - a.disagreements || compareCodePoints(a.code, b.code);
    });
  const pairs = rows[0]?.pairs.map((p, i) => ({
    coders: p.coders,
    meanKappa: meanOrNull(rows.map((r) => r.pairs[i]!.cohenKappa.value)),
    meanPercentAgreement: meanOrNull(rows.map((r) => r.pairs[i]!.percentAgreement)),
    codes: rows.filter((r) => r.pairs[i]!.cohenKappa.value !== null).length,
  })) ?? [];
  const quoted = new Set(rows.flatMap((r) => r.disagreements.map((d) => `${d.transcript}#${d.turn}`)));
  const quotedTurns = units.filter((u) => quoted.has(`${u.transcript}#${u.turn}`)).map((u) => ({
    transcript: u.transcript,
    turn: u.turn,
    speaker: u.speaker,
    text: u.text,
    codes: Object.fromEntries(coders.map((c, i) => [c, u.codes[i] ? [...u.codes[i]!] : null])),
  }));
  const used = new Set<string>();
  for (const u of units) for (const s of u.codes) if (s) for (const c of s) used.add(c);
  return {
    schemaVersion: 1,
    tool: { name: "intercoder", version: input.version },
    name: input.name,
    unit: "turn",
    coders: [...coders],
    units: units.length,
    transcripts: transcripts.map(transcriptSummary),
    summary: {
      codes: rows.length,
      reliable: count("reliable"),
      tentative: count("tentative"),
      unreliable: count("unreliable"),
      undefined: count("undefined"),
      convention: CONVENTION,
    },
    codes: rows,
    ambiguous,
    pairs,
    overall,
    substitution: substitutionMatrix(rows),
    coderProfiles: profileCoders(coders, units, rows),
    methods: "",
    codebook: {
      file: input.codebook?.file ?? null,
      unused: codebookCodes ? [...codebookCodes].filter((c) => !used.has(c)).sort(compareCodePoints) : [],
      notInCodebook: codebookCodes ? [...used].filter((c) => !codebookCodes.has(c)).sort(compareCodePoints) : [],
    },
    quotedTurns,
    inputs: input.inputs,
    options: input.options,
    warnings: input.warnings ?? [],
  };
}
