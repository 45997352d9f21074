/**
 * Builds the `ReliabilityReport` from aligned transcripts: per-code rows, pairwise summaries,
 * overall set-valued alpha, per-transcript breakdown, and the ranking of ambiguous codes.
 * Pure: no files, no clock. Everything is sorted so the same inputs give the same report.
 */
import type { AlignedTranscript, AlignedUnit } from "../model/aligned.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Codebook } from "../model/transcript.js";
import { presenceMatrices, setMatrix } from "../align/to-matrix.js";
import { krippendorffAlphaSetsEach } from "../metrics/krippendorff-alpha-sets.js";
import { computeCodeRow } from "./per-code.js";
import { diagnoseCodes, profileCoders, substitutionMatrix } from "./diagnose.js";
import { methodsParagraph } from "./methods.js";
import type { AlphaBootstrapSummary, CodeRow, InputRecord, ReliabilityReport, TranscriptSummary, TrustFlag, UnitizingSummary } from "./types.js";
import type { UnitKind } from "../model/transcript.js";
import { unitId } from "../align/to-matrix.js";
import type { ReliabilityMatrix } from "../model/reliability-matrix.js";
import { alphaOfUnits, compactPresence, type CompactPresence } from "./_presence-alpha.js";
import { rollUp, type CodeHierarchy } from "../align/hierarchy.js";
import { compareCodePoints } from "../model/order.js";

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
  /** The unit of analysis (default "turn"). */
  unit?: UnitKind;
  /** Unitizing alpha computed by the caller from the coders' spans, or null when the inputs have none. */
  unitizing?: UnitizingSummary | null;
  /** Roll codes up the hierarchy and report that level too. */
  hierarchy?: { hierarchy: CodeHierarchy; depth: number | "parent"; source: string } | null;
  /** Flag a transcript whose alignment left more than this share of a coder's reference turns unmatched (default 0.1). */
  maxUnmatched?: number;
  /** Called after each code's row is computed (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Per code, its bootstrap computed beforehand (e.g. on worker threads by `bootstrapAllCodes`, same resamples and seed); codes missing here are bootstrapped in place. */
  bootstraps?: ReadonlyMap<string, AlphaBootstrapSummary | null>;
}

export { compareCodePoints };

/** `keys`: the set keys of the units' code arrays, shared by every call over the same units. */
function overallOf(coders: readonly string[], units: readonly AlignedUnit[], keys?: Map<readonly string[], string>) {
  const [alphaMasi, alphaNominalWholeSet] = krippendorffAlphaSetsEach(setMatrix(coders, units), ["masi", "nominal"], keys);
  return { alphaMasi: alphaMasi!, alphaNominalWholeSet: alphaNominalWholeSet! };
}

/**
 * One transcript's breakdown. `presence` holds the whole study's presence matrix per code, and
 * the transcript's units are `units[offset .. offset + t.units.length)` of the study's units, so
 * each code's per-transcript figures come from that range of its rows.
 */
function transcriptSummary(t: AlignedTranscript, codes: readonly string[], presence: ReadonlyMap<string, CompactPresence>, offset: number, keys: Map<readonly string[], string>): TranscriptSummary {
  const perCode: TranscriptSummary["codes"] = {};
  const ids = t.units.map(unitId);
  const end = offset + t.units.length;
  for (const code of codes) {
    const p = presence.get(code)!;
    const a = alphaOfUnits(p, t.coders, offset, end, ids, false);
    // A disagreement: some coder applied the code and another, with a value, did not.
    let disagreements = 0;
    const rows = p.tallies === null ? p.matrix().values : null;
    for (let u = offset; u < end; u++) {
      let applied = false, notApplied = false;
      if (rows === null) {
        applied = p.tallies!.ones[u]! > 0;
        notApplied = p.tallies!.ratings[u]! > p.tallies!.ones[u]!;
      } else {
        for (const row of rows) {
          const v = row[u];
          if (v === 1) applied = true;
          else if (v === 0) notApplied = true;
        }
      }
      if (applied && notApplied) disagreements++;
    }
    perCode[code] = { alpha: a.value, status: a.status, ...(a.reason !== undefined ? { reason: a.reason } : {}), disagreements };
  }
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
    overall: overallOf(t.coders, t.units, keys),
    codes: perCode,
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
  const perCodeOptions = { resamples: input.resamples, seed: input.seed, excerptLength: input.excerptLength ?? 160 };
  const presence = presenceMatrices(coders, units);
  // Each code's presence matrix, kept compactly for the per-transcript and per-coder stages.
  const compact = new Map<string, CompactPresence>();
  const rows: CodeRow[] = codes.map((code, i) => {
    const bootstrap = input.bootstraps?.get(code);
    const matrix = presence(code);
    const p = compactPresence(matrix, () => presence(code));
    compact.set(code, p);
    const row = computeCodeRow(code, coders, units, codebookCodes ? codebookCodes.has(code) : null, {
      ...perCodeOptions,
      ...(bootstrap ? { bootstrap } : {}),
      matrix,
      compact: p,
    });
    input.onProgress?.(i + 1, codes.length);
    return row;
  });
  const count = (band: CodeRow["band"]) => rows.filter((r) => r.band === band).length;
  // Set keys of the units' code arrays (read only from here on), shared by every set alpha below.
  const setKeys = new Map<readonly string[], string>();
  const overall = overallOf(coders, units, setKeys);
  const diagnoses = diagnoseCodes(coders, units, rows, overall.alphaMasi.value, input.unit ?? "turn");
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
  const offsets: number[] = [];
  transcripts.reduce((start, t) => (offsets.push(start), start + t.units.length), 0);
  const used = new Set<string>();
  for (const u of units) for (const s of u.codes) if (s) for (const c of s) used.add(c);
  return {
    schemaVersion: 1,
    tool: { name: "intercoder", version: input.version },
    name: input.name,
    unit: input.unit ?? "turn",
    coders: [...coders],
    units: units.length,
    transcripts: transcripts.map((t, i) => transcriptSummary(t, codes, compact, offsets[i]!, setKeys)),
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
    coderProfiles: profileCoders(coders, units, rows, compact, setKeys),
    methods: "",
    flags: trustFlags(input, units.length, rows),
    unitizing: input.unitizing ?? null,
    parentLevel: parentLevelOf(input, units, perCodeOptions),
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

/** The parent-level rows: each unit's codes rolled up the hierarchy, then the same per-code analysis. */
function parentLevelOf(input: BuildReportInput, units: readonly AlignedUnit[], options: { resamples: number; seed: number; excerptLength: number }): ReliabilityReport["parentLevel"] {
  const h = input.hierarchy;
  if (!h || h.hierarchy.parentOf.size === 0) return null;
  const rolled = units.map((u) => ({ ...u, codes: u.codes.map((s) => (s === null ? null : rollUp(s, h.hierarchy, h.depth))) }));
  const parents = [...new Set(rolled.flatMap((u) => u.codes.flatMap((s) => s ?? [])))].sort(compareCodePoints);
  return { depth: h.depth, source: h.source, codes: parents.map((code) => computeCodeRow(code, input.coders, rolled, null, options)) };
}

/** Numbers that must be read with care, said in every output. */
function trustFlags(input: BuildReportInput, unitCount: number, rows: readonly CodeRow[]): TrustFlag[] {
  const flags: TrustFlag[] = [];
  const maxUnmatched = input.maxUnmatched ?? 0.1;
  if (unitCount < 10) flags.push({ kind: "too-few-units", message: `only ${unitCount} unit(s) of analysis: every coefficient here rests on very little data` });
  for (const t of input.transcripts) {
    const present = t.coders.filter((_, i) => t.files[i] !== null);
    if (present.length < 2) {
      flags.push({ kind: "transcript-one-coder", transcript: t.name, message: `transcript "${t.name}" was coded by ${present.join(", ") || "nobody"} only and gives no units` });
      continue;
    }
    for (const c of t.coders.filter((_, i) => t.files[i] === null)) {
      flags.push({ kind: "missing-coder", transcript: t.name, coder: c, message: `${c} did not code "${t.name}": their values are missing there (not "code absent")` });
    }
    for (const [coder, turns] of Object.entries(t.unmatched)) {
      if (t.referenceTurns > 0 && turns.length / t.referenceTurns > maxUnmatched) {
        flags.push({ kind: "alignment-dropped-turns", transcript: t.name, coder, message: `alignment could not match ${turns.length} of ${t.referenceTurns} turns (${((100 * turns.length) / t.referenceTurns).toFixed(1)}%, more than --max-unmatched ${maxUnmatched}) of "${t.name}" for ${coder}: check that they coded the same version of the transcript` });
      }
    }
  }
  const undef = rows.filter((r) => r.krippendorffAlpha.value === null);
  if (undef.length > 0) flags.push({ kind: "undefined-coefficients", message: `alpha is undefined for ${undef.length} code(s) (${undef.map((r) => r.code).join(", ")}): no variation to measure agreement on` });
  return flags;
}
