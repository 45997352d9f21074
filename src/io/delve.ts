/**
 * Delve "transcript with codes" text exports → `CodedTranscript` (spec: `delve-format.md`).
 *
 * The file is read as blank-line separated blocks: the first block is the title, a last block
 * `Created with the Delve …` is the footer, and every body block is a SPEAKER line, a CODE line
 * (or a block made only of code lines) or a TEXT paragraph. A speaker line starts a turn, text
 * is appended to the current turn, and code lines apply to the current turn and its most recent
 * paragraph. Turns that end with no paragraph are removed, so numbering never depends on codes.
 *
 * `text` of the result is every paragraph's normalised text joined with `"\n\n"` (speaker labels
 * and code lines are not part of it); each paragraph and turn carries its `span` in that text, and
 * `spans` has one `CodedSpan` per (paragraph, code) recorded on a paragraph, plus one over the
 * whole turn for a code that came before the turn's first paragraph (turn-level only).
 *
 * Every §6 anomaly is a `Diagnostic` (severity "warning", `file`, `line`); none stops parsing. A
 * file with no turn at all is an `InputError` (`DELVE_NO_TURNS`).
 */
import type { CodedSpan, CodedTranscript, Paragraph, Turn } from "../model/transcript.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError } from "../model/errors.js";
import { decodeUtf8, normalizeWhitespace, splitLines } from "./_text.js";
import { speakerMatcher } from "./_speakers.js";
import { compareCodePoints } from "../model/order.js";

export interface DelveOptions {
  /** The input path as the user gave it (for messages). */
  file: string;
  /** The coder this export belongs to. */
  coder: string;
  /** Code names; widens code-line recognition (spec §4.2). */
  codebook?: readonly string[];
  /** Speaker labels; replaces the default speaker pattern (spec §4.1). */
  speakers?: readonly string[];
}

export type DelveBlockKind = "title" | "footer" | "speaker" | "code" | "text";

/** One block of the file with its classification (kept for tools that rewrite exports). */
export interface DelveBlock {
  kind: DelveBlockKind;
  /** 1-based line of the block's first line. */
  line: number;
  /** The block's physical lines as they are in the file (not normalised). */
  rawLines: string[];
  /** The block's normalised lines. */
  lines: string[];
  /** Normalised lines joined with one space. */
  text: string;
  /** Code names, for a code block (one per line). */
  codes?: string[];
  /** Final number of the turn the block belongs to; null for title/footer, discarded or empty-turn blocks. */
  turn: number | null;
}

/** Everything the parser found, before the no-turns check of `readDelve`. */
export interface DelveParse {
  transcript: CodedTranscript;
  blocks: DelveBlock[];
  /** Number of physical lines. */
  lineCount: number;
}

/** The hyphenated interjections that have code shape but are speech (spec §4.2). */
const INTERJECTIONS = new Set([
  "mm-hmm", "mm-hm", "mhm-mhm", "uh-huh", "uh-oh", "uh-uh", "um-hum", "hmm-mm", "mm-mm",
  "huh-uh", "yeah-yeah", "okay-okay", "ok-ok",
]);
const CODE_SHAPE = /^[A-Za-z][A-Za-z0-9]*(?:[-_/][A-Za-z0-9]+)+$/;
const FOOTER = /^Created with the Delve\b/i;
/** Joins paragraphs in `CodedTranscript.text`. */
export const PARAGRAPH_SEPARATOR = "\n\n";

/** True when a normalised line has the heuristic code shape and is not a hyphenated interjection. */
export function hasCodeShape(line: string): boolean {
  return CODE_SHAPE.test(line) && !INTERJECTIONS.has(line.toLowerCase());
}

export { compareCodePoints };

/**
 * Read one coder's Delve export.
 *
 * @throws InputError `NOT_UTF8` (invalid UTF-8) or `DELVE_NO_TURNS` (no speaker or text block
 *   after the title).
 */
export function readDelve(bytes: Uint8Array, options: DelveOptions): CodedTranscript {
  const { transcript } = parseDelve(bytes, options);
  if (transcript.turns.length === 0) {
    const empty = transcript.diagnostics.some((d) => d.code === "empty-file");
    throw new InputError(
      "DELVE_NO_TURNS",
      empty ? "the file is empty: no Delve transcript in it" : "no turns found: the file has no speaker line or text paragraph after its title",
      {
        file: options.file,
        line: 1,
        hint: "export the transcript from Delve as text with codes; if the speakers are names, pass them with --speakers \"Name A,Name B\"",
      },
    );
  }
  return transcript;
}

/** True when the text looks like a Delve export (footer present, or several blank-line separated speaker labels). */
export function looksLikeDelve(text: string): boolean {
  const lines = splitLines(text.replace(/^\uFEFF/, "")).map(normalizeWhitespace);
  const first = lines.find((l) => l.length > 0);
  if (first === undefined || first.startsWith("<") || first.startsWith("{")) return false;
  if (lines.some((l) => FOOTER.test(l))) return true;
  const isSpeaker = speakerMatcher();
  let labels = 0;
  for (let i = 0; i < lines.length; i++) {
    const prevBlank = i === 0 || lines[i - 1] === "";
    const nextBlank = i === lines.length - 1 || lines[i + 1] === "";
    if (prevBlank && nextBlank && isSpeaker(lines[i]!)) labels++;
  }
  return labels >= 2;
}

interface RawBlock {
  line: number;
  rawLines: string[];
  lines: string[];
}

function splitBlocks(raw: string[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | null = null;
  raw.forEach((rawLine, i) => {
    const line = normalizeWhitespace(rawLine);
    if (line === "") {
      current = null;
      return;
    }
    if (current === null) {
      current = { line: i + 1, rawLines: [], lines: [] };
      blocks.push(current);
    }
    current.rawLines.push(rawLine);
    current.lines.push(line);
  });
  return blocks;
}

interface OpenParagraph {
  text: string;
  line: number;
  codes: string[];
  /** `codes` as a set: membership tests stay O(1) however many codes a block lists. */
  seen: Set<string>;
}

interface OpenTurn {
  speaker: string | null;
  line: number;
  paragraphs: OpenParagraph[];
  /** Codes in order of first application. */
  codes: string[];
  /** Codes that came before the turn's first paragraph. */
  turnLevelCodes: string[];
  /** Every code in `codes` and `turnLevelCodes` (as `${kind}:${code}`), for O(1) membership tests. */
  seen: Set<string>;
  /** Code blocks applied while the turn had no paragraph yet. */
  codesWithoutParagraph: DelveBlock[];
  blocks: DelveBlock[];
}

/** Parse without the no-turns check; returns the blocks too. See `readDelve`. */
export function parseDelve(bytes: Uint8Array, options: DelveOptions): DelveParse {
  const { file } = options;
  const diagnostics: Diagnostic[] = [];
  const warn = (code: string, line: number, message: string): void => {
    diagnostics.push({ severity: "warning", code, message, file, line });
  };
  const raw = splitLines(decodeUtf8(bytes, file));
  const rawBlocks = splitBlocks(raw);
  const isSpeaker = speakerMatcher(options.speakers);
  const codebook = options.codebook ? new Set(options.codebook.map(normalizeWhitespace)) : null;
  const isCodeLine = (line: string): boolean => (codebook?.has(line) ?? false) || hasCodeShape(line);

  const blocks: DelveBlock[] = [];
  const make = (b: RawBlock, kind: DelveBlockKind, codes?: string[]): DelveBlock => {
    const block: DelveBlock = { kind, line: b.line, rawLines: b.rawLines, lines: b.lines, text: b.lines.join(" "), turn: null };
    if (codes) block.codes = codes;
    blocks.push(block);
    return block;
  };

  if (rawBlocks.length === 0) warn("empty-file", 1, "the file is empty");
  const title = rawBlocks[0];
  if (title) make(title, "title");
  let bodyEnd = rawBlocks.length;
  const last = rawBlocks[rawBlocks.length - 1];
  let footer: RawBlock | null = null;
  if (last && rawBlocks.length > 1 && FOOTER.test(last.lines.join(" "))) {
    footer = last;
    bodyEnd--;
  } else if (last && rawBlocks.length > 1) {
    warn("missing-footer", last.line, "no Delve footer (\"Created with the Delve …\"): the last block is read as part of the transcript; the export may be truncated");
  }

  const closed: OpenTurn[] = [];
  let current: OpenTurn | null = null;
  let previous: DelveBlockKind | null = null;
  let lastLabel: string | null | undefined;
  const close = (): void => {
    if (current) closed.push(current);
  };

  for (let k = 1; k < bodyEnd; k++) {
    const b = rawBlocks[k]!;
    const single = b.lines.length === 1;
    let kind: DelveBlockKind;
    if (single && isSpeaker(b.lines[0]!)) kind = "speaker";
    else if (b.lines.every(isCodeLine)) kind = "code";
    else kind = "text";

    if (kind === "speaker") {
      const label = b.lines[0]!;
      if (lastLabel !== undefined && lastLabel === label) {
        warn("same-speaker-repeated", b.line, `speaker "${label}" again: a new turn starts (consecutive turns of one speaker are not merged)`);
      }
      lastLabel = label;
      close();
      const block = make(b, kind);
      current = { speaker: label, line: b.line, paragraphs: [], codes: [], turnLevelCodes: [], seen: new Set(), codesWithoutParagraph: [], blocks: [block] };
    } else if (kind === "code") {
      const codes = b.lines.slice();
      if (codebook) {
        b.lines.forEach((c, i) => {
          if (!codebook.has(c)) warn("off-codebook-code", b.line + i, `code "${c}" is not in the codebook`);
        });
      }
      const block = make(b, kind, codes);
      if (!current) {
        warn("code-before-first-turn", b.line, `code line before any turn is ignored: ${codes.join(", ")}`);
      } else {
        current.blocks.push(block);
        const para = current.paragraphs[current.paragraphs.length - 1];
        for (const c of codes) {
          if (!current.seen.has(`t:${c}`)) { current.seen.add(`t:${c}`); current.codes.push(c); }
          if (para) {
            if (!para.seen.has(c)) { para.seen.add(c); para.codes.push(c); }
          } else if (!current.seen.has(`l:${c}`)) {
            current.seen.add(`l:${c}`);
            current.turnLevelCodes.push(c);
          }
        }
        if (!para) current.codesWithoutParagraph.push(block);
      }
    } else {
      if (b.lines.length > 1) warn("multi-line-paragraph", b.line, `a paragraph of ${b.lines.length} lines is read as one paragraph`);
      if (!current) {
        warn("text-before-first-speaker", b.line, "text before the first speaker line: read as an unlabeled turn");
        current = { speaker: null, line: b.line, paragraphs: [], codes: [], turnLevelCodes: [], seen: new Set(), codesWithoutParagraph: [], blocks: [] };
        lastLabel = null;
      } else if (previous === "text") {
        warn("text-after-text", b.line, "paragraph without a speaker line after another paragraph: continues the previous turn");
      } else if (previous === "code") {
        warn("text-after-code", b.line, "paragraph without a speaker line after code lines: continues the turn the codes belong to");
      }
      const text = b.lines.join(" ");
      if (!text.includes(" ")) warn("one-word-paragraph", b.line, `one-word paragraph "${text}" (read as text)`);
      current.blocks.push(make(b, kind));
      current.paragraphs.push({ text, line: b.line, codes: [], seen: new Set() });
    }
    previous = kind;
  }
  close();
  if (footer) make(footer, "footer");

  // Number turns and paragraphs, build the text and spans.
  const turns: Turn[] = [];
  const spans: CodedSpan[] = [];
  let text = "";
  let paragraphNumber = 0;
  for (const t of closed) {
    if (t.paragraphs.length === 0) {
      warn("empty-turn", t.line, `turn of "${t.speaker ?? ""}" has no text: removed (it gets no number)`);
      for (const cb of t.codesWithoutParagraph) {
        warn("codes-on-empty-turn", cb.line, `codes on an empty turn are discarded: ${(cb.codes ?? []).join(", ")}`);
      }
      continue;
    }
    for (const cb of t.codesWithoutParagraph) {
      warn("code-without-paragraph", cb.line, `code line before the turn's first paragraph: applied to the turn only: ${(cb.codes ?? []).join(", ")}`);
    }
    const number = turns.length + 1;
    for (const blk of t.blocks) blk.turn = number;
    const paragraphs: Paragraph[] = t.paragraphs.map((p, i) => {
      if (text.length > 0) text += PARAGRAPH_SEPARATOR;
      const span = { start: text.length, end: text.length + p.text.length };
      text += p.text;
      for (const code of p.codes) spans.push({ ...span, code });
      return { number: ++paragraphNumber, indexInTurn: i + 1, text: p.text, line: p.line, codes: p.codes, span };
    });
    const span = { start: paragraphs[0]!.span!.start, end: paragraphs[paragraphs.length - 1]!.span!.end };
    for (const code of t.turnLevelCodes) spans.push({ ...span, code });
    turns.push({
      number,
      speaker: t.speaker,
      line: t.line,
      paragraphs,
      codes: [...new Set(t.codes)].sort(compareCodePoints),
      span,
    });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end || compareCodePoints(a.code, b.code));
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const codesUsed = [...new Set(turns.flatMap((t) => t.codes))].sort(compareCodePoints);
  const transcript: CodedTranscript = {
    name: title ? title.lines.join(" ") : "",
    coder: options.coder,
    file,
    format: "delve",
    turns,
    codesUsed,
    text,
    spans,
    diagnostics,
  };
  return { transcript, blocks, lineCount: raw.length };
}
