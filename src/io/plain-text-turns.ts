/**
 * Turns of a plain-text transcript, with their character spans, for formats that carry the text
 * and code it by offsets (REFI-QDA) or by matching text (Taguette highlights, excerpt tables).
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { Paragraph, Turn } from "../model/transcript.js";
import { normalizeWhitespace } from "./_text.js";
import { speakerMatcher } from "./_speakers.js";

export interface PlainTextTurnsOptions {
  /** Speaker labels that start a turn (replaces the default pattern of the Delve spec §4.1). */
  speakers?: readonly string[];
  /** File named in diagnostics. */
  file?: string;
}

export interface PlainTextTurns {
  turns: Turn[];
  diagnostics: Diagnostic[];
}

/** White space as `normalizeWhitespace` counts it. */
const NON_SPACE = /[^\s\u001c-\u001f\u0085]/u;
const SPACE = /^[\s\u001c-\u001f\u0085]$/u;

/** Colons further into a line than this are not read as the end of a speaker label. */
const MAX_LABEL_LENGTH = 200;

/**
 * Split plain text into turns and paragraphs.
 *
 * Rule: every non-empty line is a paragraph. A line that begins with a speaker label followed
 * by a colon (`Interviewer 1: So tell me…`) starts a new turn with that speaker; the text after
 * the colon is the turn's first paragraph (a label line with nothing after the colon starts a
 * turn without one). Any other line continues the current turn; lines before the first label
 * form an unlabeled turn (speaker `null`). Labels are the Delve spec's (§4.1): the default
 * pattern (`Interviewer`, `Participant 2`, …) or exactly the entries of `speakers`.
 *
 * Spans are 0-based, end-exclusive UTF-16 offsets into `text` exactly as given (CRLF counts as
 * two units, nothing is normalised): a paragraph's span covers its text without surrounding
 * white space, a turn's span runs from its first line's first non-space character (the label,
 * if any) to the end of its last paragraph. Paragraph `text` is whitespace-normalised.
 * Lines are numbered from 1; CRLF, LF and a lone CR each end a line.
 *
 * Degenerate cases: a turn with no paragraph (a label followed directly by another label or by
 * the end) is removed with an `empty-turn` warning and gets no number; text with no non-empty
 * line gives no turns and an `empty-file` warning. Codes are left empty for the caller.
 *
 * @example
 * plainTextTurns("Interviewer: Hi\r\nParticipant 1: Hello\r\nagain", {}).turns.map((t) => [t.speaker, t.span])
 * // => [["Interviewer", {start: 0, end: 15}], ["Participant 1", {start: 17, end: 44}]]
 */
export function plainTextTurns(text: string, options: PlainTextTurnsOptions = {}): PlainTextTurns {
  const isSpeaker = speakerMatcher(options.speakers);
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const turns: Turn[] = [];
  let current: Turn | null = null;
  let paragraphNumber = 0;

  const finish = (): void => {
    if (current === null) return;
    if (current.paragraphs.length === 0) {
      diagnostics.push({
        severity: "warning",
        code: "empty-turn",
        message: `speaker "${current.speaker ?? ""}" has no text before the next speaker or the end; the turn is left out`,
        ...(file !== undefined ? { file } : {}),
        line: current.line,
      });
    } else {
      current.number = turns.length + 1;
      turns.push(current);
    }
    current = null;
  };

  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = 0;
  let lineNumber = 0;
  while (lineStart <= text.length) {
    lineNumber++;
    const m = lineBreak.exec(text);
    const lineEnd = m ? m.index : text.length;
    const line = text.slice(lineStart, lineEnd);
    const lead = line.search(NON_SPACE);
    if (lead >= 0) {
      const label = speakerLabel(line, isSpeaker);
      let contentStart = lineStart + lead;
      if (label !== null) {
        finish();
        current = { number: 0, speaker: label.speaker, line: lineNumber, paragraphs: [], codes: [], span: { start: lineStart + lead, end: lineStart + label.colon + 1 } };
        contentStart = lineStart + label.colon + 1;
      }
      const content = text.slice(contentStart, lineEnd);
      const normalized = normalizeWhitespace(content);
      if (normalized.length > 0) {
        if (current === null) {
          current = { number: 0, speaker: null, line: lineNumber, paragraphs: [], codes: [], span: { start: contentStart, end: contentStart } };
        }
        const first = content.search(NON_SPACE);
        const trailing = trailingSpace(content);
        const span = { start: contentStart + first, end: lineEnd - trailing };
        paragraphNumber++;
        const paragraph: Paragraph = {
          number: paragraphNumber,
          indexInTurn: current.paragraphs.length + 1,
          text: normalized,
          line: lineNumber,
          codes: [],
          span,
        };
        current.paragraphs.push(paragraph);
        current.span!.end = span.end;
      }
    }
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  finish();
  if (turns.length === 0) {
    diagnostics.push({
      severity: "warning",
      code: "empty-file",
      message: "the text has no non-empty line, so it has no turns",
      ...(file !== undefined ? { file } : {}),
      line: 1,
    });
  }
  return { turns, diagnostics };
}

/** The speaker label a line starts with (label, then a colon), or null. */
function speakerLabel(line: string, isSpeaker: (s: string) => boolean): { speaker: string; colon: number } | null {
  let colon = line.indexOf(":");
  while (colon >= 0 && colon <= MAX_LABEL_LENGTH) {
    const candidate = normalizeWhitespace(line.slice(0, colon));
    if (candidate.length > 0 && isSpeaker(candidate)) return { speaker: candidate, colon };
    colon = line.indexOf(":", colon + 1);
  }
  return null;
}

/** Number of white-space code units at the end of `s` (a loop, not a regex: no backtracking on long lines). */
function trailingSpace(s: string): number {
  let i = s.length;
  while (i > 0 && SPACE.test(s[i - 1]!)) i--;
  return s.length - i;
}
