/**
 * From REFI-QDA codings to `CodedTranscript`s: text sources grouped by name into transcripts
 * (MAXQDA keeps one copy of a document per coder), one transcript per coder, turns from the
 * plain text, and a code present on every turn one of the coder's spans overlaps.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodedSpan, CodedTranscript, Turn } from "../model/transcript.js";
import { plainTextTurns } from "./plain-text-turns.js";
import { compareCodePoints } from "../model/order.js";

/** A text source whose text could be read. */
export interface TextCopy {
  sourceIndex: number;
  name: string;
  text: string;
}

/** One coding that passed every check, with its coder resolved. */
export interface AppliedCoding {
  coder: string;
  code: string;
  start: number;
  end: number;
  sourceIndex: number;
}

const byCodePoint = compareCodePoints;

/** Group text copies by name into transcripts; one `CodedTranscript` per transcript × coder. */
export function buildTranscripts(
  copies: TextCopy[],
  applied: AppliedCoding[],
  users: string[],
  options: { file: string; speakers?: readonly string[] | undefined },
  skipped: Diagnostic[],
): CodedTranscript[] {
  const { file } = options;
  const note = (code: string, message: string): void => { skipped.push({ severity: "warning", code, message, file }); };
  const groups = new Map<string, TextCopy[]>();
  for (const c of copies) {
    const g = groups.get(c.name);
    if (g) g.push(c); else groups.set(c.name, [c]);
  }
  const allCoders = orderCoders([...new Set(applied.map((a) => a.coder))], users);
  for (const user of users) {
    if (!allCoders.includes(user)) note("user-without-codings", `user "${user}" has no codings in any text source`);
  }
  const turnCache = new Map<number, { turns: Turn[]; diagnostics: Diagnostic[] }>();
  const turnsOf = (copy: TextCopy): { turns: Turn[]; diagnostics: Diagnostic[] } => {
    let t = turnCache.get(copy.sourceIndex);
    if (!t) {
      t = plainTextTurns(copy.text, { ...(options.speakers ? { speakers: options.speakers } : {}), file });
      for (const d of t.diagnostics) d.where = `source "${copy.name}"`;
      turnCache.set(copy.sourceIndex, t);
    }
    return t;
  };

  const out: CodedTranscript[] = [];
  for (const [name, group] of groups) {
    const inGroup = applied.filter((a) => group.some((c) => c.sourceIndex === a.sourceIndex));
    if (inGroup.length === 0) {
      note("source-not-coded", `source "${name}" has no codings${group.length > 1 ? ` in any of its ${group.length} copies` : ""}`);
      continue;
    }
    const coders = orderCoders([...new Set(inGroup.map((a) => a.coder))], users);
    const uncodedCopies = group.filter((c) => !inGroup.some((a) => a.sourceIndex === c.sourceIndex)).length;
    if (uncodedCopies > 0) {
      note("copy-not-coded", `${uncodedCopies} of the ${group.length} sources named "${name}" ${uncodedCopies === 1 ? "has" : "have"} no codings; a coder who coded nothing in a copy of their own cannot be identified`);
    }
    for (const coder of coders) {
      const mine = inGroup.filter((a) => a.coder === coder);
      const used = group.filter((c) => mine.some((a) => a.sourceIndex === c.sourceIndex));
      let copy = used[0]!;
      let spansFrom = mine;
      if (used.length > 1 && !used.every((c) => c.text === copy.text)) {
        copy = used.reduce((best, c) => (mine.filter((a) => a.sourceIndex === c.sourceIndex).length > mine.filter((a) => a.sourceIndex === best.sourceIndex).length ? c : best));
        spansFrom = mine.filter((a) => a.sourceIndex === copy.sourceIndex);
        note("coder-in-several-copies", `${coder} coded ${used.length} different copies of "${name}"; only the copy with the most codings (${spansFrom.length}) is used, ${mine.length - spansFrom.length} codings in the others are skipped`);
      }
      const spans = uniqueSpans(spansFrom);
      const base = turnsOf(copy);
      const { turns, unplaced } = applyCodes(base.turns, spans);
      const diagnostics = base.diagnostics.map((d) => ({ ...d }));
      if (unplaced > 0) {
        diagnostics.push({
          severity: "warning",
          code: "span-between-turns",
          message: `${unplaced} coded span${unplaced === 1 ? "" : "s"} of ${coder} in "${name}" cover${unplaced === 1 ? "s" : ""} only blank text between turns and mark${unplaced === 1 ? "s" : ""} no turn`,
          file,
          where: `source "${copy.name}"`,
        });
      }
      out.push({
        name,
        coder,
        file,
        format: "qdpx",
        turns,
        codesUsed: [...new Set(spans.map((s) => s.code))].sort(byCodePoint),
        text: copy.text,
        spans,
        diagnostics,
      });
    }
    if (allCoders.length > 1) {
      for (const c of allCoders) {
        if (!coders.includes(c)) note("coder-not-in-transcript", `${c} has no codings in "${name}"; that coder's values for its turns are missing, not "code absent"`);
      }
    }
  }
  return out;
}

/** Coders in `Users` order first, then any others by code point. */
function orderCoders(coders: string[], users: string[]): string[] {
  const known = users.filter((u) => coders.includes(u));
  const rest = coders.filter((c) => !users.includes(c)).sort(byCodePoint);
  return [...known, ...rest];
}

function uniqueSpans(codings: AppliedCoding[]): CodedSpan[] {
  const seen = new Set<string>();
  const spans: CodedSpan[] = [];
  for (const a of codings) {
    const key = `${a.start}\u0000${a.end}\u0000${a.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push({ start: a.start, end: a.end, code: a.code });
  }
  return spans.sort((x, y) => x.start - y.start || x.end - y.end || byCodePoint(x.code, y.code));
}

/**
 * Copy `turns` with the codes of every span that overlaps a turn (or paragraph) by ≥ 1 code unit.
 * Turns are in text order and do not overlap, so a binary search finds the first candidate.
 */
function applyCodes(turns: Turn[], spans: CodedSpan[]): { turns: Turn[]; unplaced: number } {
  const turnCodes = turns.map(() => new Set<string>());
  const paragraphCodes = turns.map((t) => t.paragraphs.map(() => new Set<string>()));
  let unplaced = 0;
  for (const s of spans) {
    let lo = 0;
    let hi = turns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (turns[mid]!.span!.end <= s.start) lo = mid + 1; else hi = mid;
    }
    if (!(lo < turns.length && turns[lo]!.span!.start < s.end)) unplaced++;
    for (let i = lo; i < turns.length && turns[i]!.span!.start < s.end; i++) {
      turnCodes[i]!.add(s.code);
      const paragraphs = turns[i]!.paragraphs;
      for (let p = 0; p < paragraphs.length; p++) {
        const ps = paragraphs[p]!.span!;
        if (ps.start < s.end && ps.end > s.start) paragraphCodes[i]![p]!.add(s.code);
      }
    }
  }
  const coded = turns.map((t, i) => ({
    ...t,
    span: { ...t.span! },
    codes: [...turnCodes[i]!].sort(byCodePoint),
    paragraphs: t.paragraphs.map((p, j) => ({ ...p, span: { ...p.span! }, codes: [...paragraphCodes[i]![j]!].sort(byCodePoint) })),
  }));
  return { turns: coded, unplaced };
}
