/**
 * `intercoder inspect <file>`: what an input holds, before any agreement is computed. For any
 * format: the coders with their counts of codings, the transcripts, and (where the format has
 * them) the declared users, sources and codebook, plus everything skipped and every diagnostic.
 * It also says whether agreement can be computed at all, and if not, why (no codings, one coder,
 * no transcript coded by two coders), so a user sees what was found instead of a NaN.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodedTranscript } from "../model/transcript.js";
import { compareCodePoints } from "../model/order.js";

export interface InspectInput {
  /** The input path as given by the user. */
  file: string;
  /** Format name, e.g. "qdpx", "delve", "csv-long". */
  format: string;
  transcripts: readonly CodedTranscript[];
  /** Users declared by the file (REFI-QDA `Users`), when it has them. */
  users?: readonly string[];
  sources?: readonly { name: string; kind: string; textLength?: number; selections?: number }[];
  codes?: readonly { name: string; id?: string; codable: boolean }[];
  skipped?: readonly Diagnostic[];
  diagnostics?: readonly Diagnostic[];
  /** The program that wrote the file, when known. */
  origin?: string;
}

export interface InspectCoder {
  name: string;
  /** Transcripts this coder has a coding of. */
  transcripts: number;
  /** Coded character spans (formats with offsets), or null when the format has none. */
  spans: number | null;
  /** (turn, code) presences: the values agreement is computed on. */
  turnCodes: number;
  /** Distinct codes used. */
  codesUsed: number;
}

export interface InspectSummary {
  file: string;
  format: string;
  origin?: string;
  users: string[] | null;
  coders: InspectCoder[];
  transcripts: { name: string; coders: string[]; turns: number }[];
  sources: { name: string; kind: string; textLength?: number; selections?: number }[] | null;
  codes: { declared: number | null; codable: number | null; used: string[] };
  skipped: Diagnostic[];
  diagnostics: Diagnostic[];
  agreement: { possible: boolean; reason?: string };
}

const byCodePoint = compareCodePoints;

/** Summarise an imported input (pure: no I/O). Coders keep their first-seen order. */
export function inspectSummary(input: InspectInput): InspectSummary {
  const coderNames: string[] = [];
  for (const t of input.transcripts) if (!coderNames.includes(t.coder)) coderNames.push(t.coder);
  const coders = coderNames.map((name): InspectCoder => {
    const mine = input.transcripts.filter((t) => t.coder === name);
    const hasSpans = mine.some((t) => t.spans !== undefined);
    return {
      name,
      transcripts: new Set(mine.map((t) => t.name)).size,
      spans: hasSpans ? mine.reduce((n, t) => n + (t.spans?.length ?? 0), 0) : null,
      turnCodes: mine.reduce((n, t) => n + t.turns.reduce((m, turn) => m + turn.codes.length, 0), 0),
      codesUsed: new Set(mine.flatMap((t) => t.codesUsed)).size,
    };
  });
  const transcriptNames: string[] = [];
  for (const t of input.transcripts) if (!transcriptNames.includes(t.name)) transcriptNames.push(t.name);
  const transcripts = transcriptNames.map((name) => {
    const mine = input.transcripts.filter((t) => t.name === name);
    return { name, coders: mine.map((t) => t.coder), turns: Math.max(...mine.map((t) => t.turns.length)) };
  });

  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...(input.diagnostics ?? []), ...input.transcripts.flatMap((t) => t.diagnostics)]) {
    const key = JSON.stringify([d.severity, d.code, d.message, d.file, d.line, d.where]);
    if (!seen.has(key)) { seen.add(key); diagnostics.push({ ...d }); }
  }

  let agreement: InspectSummary["agreement"] = { possible: true };
  const totalCodes = coders.reduce((n, c) => n + c.turnCodes, 0);
  if (coders.length === 0 || totalCodes === 0) {
    agreement = { possible: false, reason: "no codings were found" };
  } else if (coders.length === 1) {
    agreement = { possible: false, reason: `only one coder (${coders[0]!.name}); agreement needs at least two` };
  } else if (!transcripts.some((t) => t.coders.length > 1)) {
    agreement = { possible: false, reason: "no transcript was coded by two coders" };
  }

  return {
    file: input.file,
    format: input.format,
    ...(input.origin !== undefined ? { origin: input.origin } : {}),
    users: input.users ? [...input.users] : null,
    coders,
    transcripts,
    sources: input.sources ? input.sources.map((s) => ({ ...s })) : null,
    codes: {
      declared: input.codes ? input.codes.length : null,
      codable: input.codes ? input.codes.filter((c) => c.codable).length : null,
      used: [...new Set(input.transcripts.flatMap((t) => t.codesUsed))].sort(byCodePoint),
    },
    skipped: (input.skipped ?? []).map((d) => ({ ...d })),
    diagnostics,
    agreement,
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function renderDiagnostic(d: Diagnostic): string {
  const loc = [d.line !== undefined ? `line ${d.line}` : undefined, d.where].filter((x) => x !== undefined).join(", ");
  return `  - ${d.severity} ${d.code}: ${d.message}${loc ? ` (${loc})` : ""}`;
}

/** Plain-text rendering of a summary; lists longer than `maxItems` are cut with a count of the rest. */
export function renderInspect(summary: InspectSummary, maxItems = 20): string {
  const lines: string[] = [];
  const list = <T>(items: readonly T[], show: (item: T) => string): void => {
    for (const item of items.slice(0, maxItems)) lines.push(show(item));
    if (items.length > maxItems) lines.push(`  … and ${items.length - maxItems} more`);
  };
  lines.push(`file: ${summary.file}`);
  lines.push(`format: ${summary.format}${summary.origin !== undefined ? ` (written by ${summary.origin})` : ""}`);
  if (summary.users) lines.push(`users: ${summary.users.length}${summary.users.length > 0 ? ` (${summary.users.join(", ")})` : ""}`);
  lines.push(`coders: ${summary.coders.length}`);
  list(summary.coders, (c) =>
    `  ${c.name}: ${plural(c.transcripts, "transcript")}, ${c.spans !== null ? `${plural(c.spans, "coded span")}, ` : ""}${plural(c.turnCodes, "turn code")}, ${plural(c.codesUsed, "code")} used`);
  lines.push(`transcripts: ${summary.transcripts.length}`);
  list(summary.transcripts, (t) => `  ${t.name}: ${plural(t.turns, "turn")}, coded by ${t.coders.join(", ")}`);
  if (summary.sources) {
    const text = summary.sources.filter((s) => s.kind === "text").length;
    lines.push(`sources: ${summary.sources.length} (${text} text)`);
    list(summary.sources, (s) =>
      `  ${s.name}: ${s.kind}${s.textLength !== undefined ? `, ${plural(s.textLength, "character")}` : ""}${s.selections !== undefined ? `, ${plural(s.selections, "selection")}` : ""}`);
  }
  const codes = summary.codes;
  lines.push(codes.declared !== null
    ? `codes: ${codes.declared} in the codebook (${codes.codable} codable), ${codes.used.length} used`
    : `codes: ${codes.used.length} used`);
  lines.push(summary.agreement.possible ? "agreement: can be computed" : `agreement: cannot be computed: ${summary.agreement.reason}`);
  if (summary.skipped.length > 0) {
    lines.push(`skipped: ${summary.skipped.length}`);
    list(summary.skipped, renderDiagnostic);
  }
  if (summary.diagnostics.length > 0) {
    lines.push(`diagnostics: ${summary.diagnostics.length}`);
    list(summary.diagnostics, renderDiagnostic);
  }
  return `${lines.join("\n")}\n`;
}
