/**
 * The example study's codings (data/interview-35, coders a, b, c: Delve exports) given in every
 * input format intercoder reads, for tests that check every format yields the same units and
 * code sets (issue 4, "Done when").
 *
 * - `delve`: the three Delve exports as they are.
 * - `qdpx-shared`: one REFI-QDA project, one text source coded by three users. The source text is
 *   coder a's transcript as plain text with speaker labels (`Interviewee: …`, one line per
 *   paragraph), because a REFI-QDA source's turns come from the labels in its text (coder a's
 *   Delve `text` has none and would be one turn). Each coder's codings are their Delve spans
 *   moved onto the same paragraphs of this text by paragraph number (all three copies have the
 *   same 157 paragraphs; coder c's texts differ by a typo fix).
 * - `qdpx-per-coder`: MAXQDA's intercoder convention, one copy of the source per coder (same
 *   name), each copy the coder's own transcript as labelled plain text; coder c's copy has CRLF
 *   line ends and a UTF-8 byte-order mark, so its offsets count `\r`.
 * - `csv-long`: `writeLongCodedCsv` of the aligned Delve codings (with `uncodedRows`, so turns
 *   nobody coded are kept), read back with `readLongCodedCsv`.
 * - `taguette`: one Taguette highlights export per coder (one highlight per coded span, one row
 *   per tag, content = the coder's own text of the span), read against coder a's Delve file
 *   given as the transcript (its code lines ignored). A Taguette export carries text, not
 *   positions: three highlights are the one-word paragraph "Okay," which occurs in two turns
 *   between their neighbours, so they are reported as ambiguous and not applied (see
 *   `TAGUETTE_AMBIGUOUS`); every other code lands where the Delve export has it.
 */
import { readFileSync } from "node:fs";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { readLongCodedCsv, writeLongCodedCsv } from "../../src/io/coded-csv.js";
import { csvLine } from "../../src/io/_csv.js";
import { readDelve } from "../../src/io/delve.js";
import { readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx, type QdpxWriteCoding } from "../../src/io/qdpx-write.js";
import { readTaguette, readTranscriptText } from "../../src/io/taguette.js";
import type { CodedTranscript, Span } from "../../src/model/transcript.js";

export const FORMATS = ["delve", "qdpx-shared", "qdpx-per-coder", "csv-long", "taguette"] as const;
export type Format = (typeof FORMATS)[number];

export const CODERS = ["a", "b", "c"] as const;

/**
 * (turn, coder, code) that the Taguette format cannot place: the highlighted paragraph is the
 * single word "Okay," (turns 72 and 82), which also occurs between the same neighbouring
 * highlights in turns 75 and 83 respectively (worked out from data/interview-35/coder-*.txt).
 */
export const TAGUETTE_AMBIGUOUS: readonly [number, string, string][] = [
  [72, "a", "feedback-loop"],
  [72, "c", "feedback-loop"],
  [82, "b", "MLP-vendor-lock-in"],
];

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export function exampleBytes(coder: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../data/interview-35/coder-${coder}.txt`, import.meta.url)));
}

/** The three Delve codings of the example study, as read. */
export function delveStudy(): CodedTranscript[] {
  return CODERS.map((c) => readDelve(exampleBytes(c), { file: `coder-${c}.txt`, coder: c }));
}

/** A transcript as labelled plain text: one line per paragraph, the turn's first line starting `Speaker: `. */
export interface PlainRendering {
  text: string;
  /** `paragraphs[n - 1]`: where paragraph number n lies in `text`. */
  paragraphs: Span[];
}

export function renderPlainText(t: CodedTranscript, newline = "\n"): PlainRendering {
  const lines: string[] = [];
  const paragraphs: Span[] = [];
  let offset = 0;
  for (const turn of t.turns) {
    turn.paragraphs.forEach((p, k) => {
      const label = k === 0 && turn.speaker !== null ? `${turn.speaker}: ` : "";
      const start = offset + label.length;
      paragraphs[p.number - 1] = { start, end: start + p.text.length };
      const line = label + p.text;
      lines.push(line);
      offset += line.length + newline.length;
    });
  }
  return { text: lines.join(newline), paragraphs };
}

/** Numbers of the paragraphs of `t` a span of `t.text` overlaps. */
function paragraphsOf(t: CodedTranscript, span: Span): number[] {
  return t.turns.flatMap((turn) => turn.paragraphs)
    .filter((p) => p.span!.start < span.end && span.start < p.span!.end)
    .map((p) => p.number);
}

/** A coder's Delve spans moved onto the paragraphs of a rendering (first to last paragraph covered). */
export function codingsOn(coding: CodedTranscript, rendering: PlainRendering): QdpxWriteCoding[] {
  return coding.spans!.map((s) => {
    const covered = paragraphsOf(coding, s);
    const first = rendering.paragraphs[covered[0]! - 1]!;
    const last = rendering.paragraphs[covered[covered.length - 1]! - 1]!;
    return { coder: coding.coder, code: s.code, start: first.start, end: last.end };
  });
}

/** One Taguette export: one highlight per coded span, one row per tag, content = the coder's own text. */
export function taguetteCsv(coding: CodedTranscript, document: string): string {
  const bySpan = new Map<string, { content: string; tags: string[] }>();
  for (const s of coding.spans!) {
    const key = `${s.start}:${s.end}`;
    const entry = bySpan.get(key) ?? { content: coding.text!.slice(s.start, s.end), tags: [] };
    entry.tags.push(s.code);
    bySpan.set(key, entry);
  }
  let out = csvLine(["id", "document", "tag", "content"]);
  let id = 0;
  for (const { content, tags } of bySpan.values()) {
    id++;
    for (const tag of tags) out += csvLine([id, document, tag, content]);
  }
  return out;
}

/**
 * Every format's codings of the example study: `result[format][transcript]` is the list of the
 * coders' `CodedTranscript`s of that transcript, ready for `alignTranscripts` (one transcript here).
 */
export function buildAllFormats(): Record<Format, CodedTranscript[][]> {
  const delve = delveStudy();
  const name = delve[0]!.name;
  const codes = [...new Set(delve.flatMap((c) => c.codesUsed))].sort();

  const shared = renderPlainText(delve[0]!);
  const qdpxShared = readQdpx(writeQdpx({
    users: [...CODERS],
    codes,
    sources: [{ name, text: shared.text, codings: delve.flatMap((c) => codingsOn(c, shared)) }],
  }), { file: "shared.qdpx" }).transcripts;

  const qdpxPerCoder = readQdpx(writeQdpx({
    users: [...CODERS],
    codes,
    sources: delve.map((c) => {
      const own = renderPlainText(c, c.coder === "c" ? "\r\n" : "\n");
      return { name, text: own.text, codings: codingsOn(c, own), bom: c.coder === "c" };
    }),
  }), { file: "per-coder.qdpx" }).transcripts;

  const csv = writeLongCodedCsv([alignTranscripts(delve)], { uncodedRows: true });
  const csvLong = readLongCodedCsv(enc(csv), { file: "codings.csv" });

  const transcript = readTranscriptText(exampleBytes("a"), { file: "coder-a.txt" });
  const taguette = delve.map((c) => readTaguette(enc(taguetteCsv(c, name)), { file: `taguette/${c.coder}.csv`, transcript }));

  return {
    "delve": [delve],
    "qdpx-shared": [qdpxShared],
    "qdpx-per-coder": [qdpxPerCoder],
    "csv-long": [csvLong],
    "taguette": [taguette],
  };
}
