/**
 * Codes given as excerpts of text (Taguette highlights, excerpt tables) put back on a
 * transcript's turns: each excerpt is located in the transcript's text (`locateExcerpt`), its
 * codes recorded as `CodedSpan`s on the match, and applied to every turn and paragraph the match
 * overlaps by at least one UTF-16 code unit (the REFI-QDA rule). An excerpt that matches no text,
 * or several places equally well in different turns, applies nothing and is reported.
 */
import { basename, extname } from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError } from "../model/errors.js";
import type { CodedSpan, CodedTranscript, Span, Turn } from "../model/transcript.js";
import { indexText, isAmbiguous, locateExcerpt, type ExcerptLocation, type ExcerptMatch, type TextIndex } from "../align/match-text.js";
import { compareCodePoints } from "./_csv.js";
import { normalizeWhitespace } from "./_text.js";

/** One excerpt with the codes given to it. */
export interface CodedExcerpt {
  /** The excerpt's text as exported. */
  text: string;
  /** Codes applied to it (one Taguette highlight may carry several tags). */
  codes: string[];
  /** 1-based line of the excerpt's (first) row in the table. */
  line: number;
  /** How messages name it, e.g. `highlight 12` or `row 7`. */
  label: string;
}

export interface ExcerptCodingOptions {
  /** The table's path as given (`CodedTranscript.file` of the result, and messages). */
  file: string;
  coder: string;
  /** `CodedTranscript.format` of the result, e.g. "taguette". */
  format: string;
  /** Prefix of the diagnostic codes: `${prefix}-unmatched`, `-ambiguous`, `-repeated`, `-unplaced`, `-not-in-text-order`. */
  prefix: string;
  /**
   * The excerpts are listed in text order (Taguette lists highlights by start offset): an excerpt
   * found in several places is then narrowed to the places between its uniquely placed
   * neighbours (see `resolveByOrder`).
   */
  ordered?: boolean;
}

/** Longest excerpt preview in messages (characters). */
const PREVIEW = 60;

/**
 * A transcript prepared for excerpt lookups: its text indexed once, its codes cleared, each
 * distinct excerpt text located once (several tags, coders or rows often share one).
 */
export class ExcerptMatcher {
  readonly transcript: CodedTranscript;
  private readonly index: TextIndex;
  private readonly cache = new Map<string, ExcerptLocation>();
  /** Speaker labels on a line of their own or before a colon, when the text lacks them; else null. */
  private readonly labels: RegExp | null;

  /** @throws InputError `TRANSCRIPT_NO_TEXT` when the transcript has no text or its turns no spans. */
  constructor(transcript: CodedTranscript) {
    if (transcript.text === undefined || transcript.turns.some((t) => t.span === undefined)) {
      throw new InputError("TRANSCRIPT_NO_TEXT", `the transcript "${transcript.name}" has no text to find excerpts in`, {
        file: transcript.file,
        hint: "give the transcript as a Delve export or a plain-text file (--transcript)",
      });
    }
    this.transcript = transcript;
    this.index = indexText(transcript.text);
    const speakers = [...new Set(transcript.turns.map((t) => t.speaker).filter((x): x is string => x !== null))];
    const text = transcript.text;
    const missing = speakers.filter((label) => !text.includes(label));
    this.labels = missing.length === 0 ? null
      : new RegExp(`(?:^|(?<=[\\r\\n]))[ \\t]*(?:${missing.map(escapeRegExp).join("|")})[ \\t]*(?::|(?=[\\r\\n])|$)`, "gu");
  }

  /**
   * Where an excerpt lies. When the transcript's text has no speaker labels (a Delve export's
   * text is its paragraphs only) but the excerpt, copied from a document that has them, starts
   * at a label or spans turns, the labels (a label alone on its line, or before a colon, at the
   * start of a line) are removed before searching; were the excerpt then found nowhere, it is
   * searched as given.
   */
  locate(text: string): ExcerptLocation {
    let hit = this.cache.get(text);
    if (hit === undefined) {
      const bare = this.labels === null ? text : text.replace(this.labels, " ");
      hit = locateExcerpt(this.index, bare);
      if (hit === null && bare !== text) hit = locateExcerpt(this.index, text);
      this.cache.set(text, hit);
    }
    return hit;
  }

  /** One coder's coding of the transcript from their excerpts. */
  code(excerpts: readonly CodedExcerpt[], options: ExcerptCodingOptions): CodedTranscript {
    const { prefix } = options;
    const turns = this.transcript.turns;
    const diagnostics: Diagnostic[] = [];
    const warn = (code: string, line: number, message: string): void => {
      diagnostics.push({ severity: "warning", code: `${prefix}-${code}`, message, file: options.file, line });
    };
    let located = excerpts.map((x) => this.locate(x.text));
    if (options.ordered === true && located.some(isAmbiguous)) {
      const byOrder = resolveByOrder(located);
      if (byOrder === null) {
        warn("not-in-text-order", excerpts[0]!.line, "the excerpts are not in text order, so an excerpt found in several places cannot be placed by its neighbours");
      } else {
        located = byOrder;
      }
    }
    const turnCodes = turns.map(() => new Set<string>());
    const paragraphCodes = turns.map((t) => t.paragraphs.map(() => new Set<string>()));
    const spans: CodedSpan[] = [];
    const seen = new Set<string>();
    excerpts.forEach((x, n) => {
      const what = `${x.label} ("${preview(x.text)}")`;
      const codes = x.codes.map((c) => `"${c}"`).join(", ");
      const location = located[n]!;
      let match: ExcerptMatch;
      if (location === null) {
        warn("unmatched", x.line, `${what} matches no text of the transcript "${this.transcript.name}" (not exactly, nor with similarity ≥ 0.8); ${codes} not applied`);
        return;
      } else if (isAmbiguous(location)) {
        const places = location.ambiguous.map((p) => turnsOverlapping(turns, p).map((i) => turns[i]!.number));
        const distinct = new Set(places.map((p) => p.join(",")));
        const shown = places.slice(0, 10).map(describeTurns).join("; ");
        const more = location.count > 10 ? ` and ${location.count - 10} more` : "";
        if (distinct.size > 1 || location.count > location.ambiguous.length) {
          warn("ambiguous", x.line, `${what} matches ${location.count} places equally well (${shown}${more}); ${codes} not applied: make the excerpt longer so it is unique`);
          return;
        }
        warn("repeated", x.line, `${what} occurs ${location.count} times, all in ${describeTurns(places[0]!)}; ${codes} applied there (span of the first occurrence)`);
        match = location.ambiguous[0]!;
      } else {
        match = location;
      }
      const hit = turnsOverlapping(turns, match);
      if (hit.length === 0) {
        warn("unplaced", x.line, `${what} matches only text outside every turn; ${codes} not applied`);
        return;
      }
      for (const i of hit) {
        const turn = turns[i]!;
        for (const code of x.codes) turnCodes[i]!.add(code);
        turn.paragraphs.forEach((p, k) => {
          if (p.span !== undefined && overlaps(p.span, match)) for (const code of x.codes) paragraphCodes[i]![k]!.add(code);
        });
      }
      for (const code of x.codes) {
        const key = `${match.start}\u0000${match.end}\u0000${code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        spans.push({ start: match.start, end: match.end, code });
      }
    });
    spans.sort((a, b) => a.start - b.start || a.end - b.end || compareCodePoints(a.code, b.code));
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const coded: Turn[] = turns.map((t, i) => ({
      ...t,
      span: { ...t.span! },
      codes: [...turnCodes[i]!].sort(compareCodePoints),
      paragraphs: t.paragraphs.map((p, k) => ({
        ...p,
        ...(p.span !== undefined ? { span: { ...p.span } } : {}),
        codes: [...paragraphCodes[i]![k]!].sort(compareCodePoints),
      })),
    }));
    const { unitKind: _, ...rest } = this.transcript;
    return {
      ...rest,
      coder: options.coder,
      file: options.file,
      format: options.format,
      turns: coded,
      codesUsed: [...new Set(coded.flatMap((t) => t.codes))].sort(compareCodePoints),
      spans,
      diagnostics,
    };
  }
}

/**
 * Use the excerpts' order to place excerpts found in several places. When the excerpts found in
 * one place each are in text order (their starts never decrease), an excerpt found in several
 * places can only lie between its neighbours: its start is at least the start of the excerpt
 * before it (as placed) and at most the start of the next excerpt found in one place. Places
 * outside that range are dropped; one place left resolves it. Returns null when the uniquely
 * placed excerpts are not in text order (the order then says nothing).
 */
export function resolveByOrder(located: readonly ExcerptLocation[]): ExcerptLocation[] | null {
  let previous = -1;
  for (const l of located) {
    if (l === null || isAmbiguous(l)) continue;
    if (l.start < previous) return null;
    previous = l.start;
  }
  const nextStart = new Array<number>(located.length);
  let next = Number.POSITIVE_INFINITY;
  for (let i = located.length - 1; i >= 0; i--) {
    nextStart[i] = next;
    const l = located[i]!;
    if (l !== null && !isAmbiguous(l)) next = l.start;
  }
  const out = located.slice();
  let lowest = 0;
  located.forEach((l, i) => {
    if (l === null) return;
    if (!isAmbiguous(l)) {
      lowest = Math.max(lowest, l.start);
      return;
    }
    if (l.count > l.ambiguous.length) return; // not every place is known
    const inRange = l.ambiguous.filter((p) => p.start >= lowest && p.start <= nextStart[i]!);
    if (inRange.length === 0) return;
    out[i] = inRange.length === 1 ? inRange[0]! : { ambiguous: inRange, count: inRange.length };
    lowest = Math.max(lowest, inRange[0]!.start);
  });
  return out;
}

/** Indexes of the turns whose span overlaps `span` by ≥ 1 code unit (turns are in text order). */
export function turnsOverlapping(turns: readonly Turn[], span: Span): number[] {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.span!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < turns.length && turns[i]!.span!.start < span.end; i++) out.push(i);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function describeTurns(numbers: readonly number[]): string {
  if (numbers.length === 0) return "outside every turn";
  if (numbers.length === 1) return `turn ${numbers[0]}`;
  return `turns ${numbers[0]}–${numbers[numbers.length - 1]}`;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return flat.length <= PREVIEW ? flat : `${flat.slice(0, PREVIEW - 1)}…`;
}

/**
 * A transcript with every code removed (codes of a Delve transcript given with `--transcript`
 * are the transcript's own, not the coder's): turn and paragraph codes emptied, no spans, no
 * diagnostics about code lines.
 */
export function withoutCodes(t: CodedTranscript): CodedTranscript {
  return {
    ...t,
    turns: t.turns.map((turn) => ({ ...turn, codes: [], paragraphs: turn.paragraphs.map((p) => ({ ...p, codes: [] })) })),
    codesUsed: [],
    spans: [],
    diagnostics: t.diagnostics.filter((d) => !CODE_DIAGNOSTICS.has(d.code)),
  };
}

/** Delve diagnostics about code lines, which mean nothing once the codes are ignored. */
const CODE_DIAGNOSTICS = new Set(["off-codebook-code", "code-before-first-turn", "codes-on-empty-turn", "code-without-paragraph", "text-after-code"]);

/** A path's file name without folder and extension: `exports/Ann B.csv` → `Ann B`. */
export function fileStem(path: string): string {
  const base = basename(path.replace(/\\/g, "/"));
  const ext = extname(base);
  return ext.length > 0 && ext.length < base.length ? base.slice(0, -ext.length) : base;
}

/** Names equal ignoring case, white space, a folder and an extension (`data/Interview 3.txt` = `interview 3`). */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string): string => normalizeWhitespace(fileStem(s)).toLowerCase();
  return fold(a) === fold(b);
}
