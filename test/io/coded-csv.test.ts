import { describe, expect, it } from "vitest";
import {
  looksLikeCodebookCsv, looksLikeLongCodedCsv, looksLikeRatingsCsv, looksLikeTaguetteCsv, looksLikeWideCodedCsv,
  readLongCodedCsv, readWideCodedCsv, writeLongCodedCsv, writeWideCodedCsv,
} from "../../src/io/coded-csv.js";
import type { AlignedTranscript, AlignedUnit } from "../../src/model/aligned.js";
import type { CodedTranscript } from "../../src/model/transcript.js";
import { caught, enc } from "../_helpers/errors.js";


/** transcript → coder → turn → codes, the part of the model the CSV carries. */
function codesByTurn(list: readonly CodedTranscript[]): Record<string, Record<string, Record<number, string[]>>> {
  const out: Record<string, Record<string, Record<number, string[]>>> = {};
  for (const t of list) {
    const byCoder = (out[t.name] ??= {});
    byCoder[t.coder] = Object.fromEntries(t.turns.map((turn) => [turn.number, turn.codes]));
  }
  return out;
}

function unit(transcript: string, turn: number, speaker: string | null, codes: (string[] | null)[], text = `turn ${turn}`): AlignedUnit {
  return { transcript, turn, speaker, text, line: turn * 2, codes, coderTurns: codes.map((c) => (c === null ? null : turn)) };
}

function aligned(name: string, coders: string[], units: AlignedUnit[]): AlignedTranscript {
  return {
    name, coders, files: coders.map((c) => `${c}.txt`), method: "by-number", units,
    referenceTurns: units.length, unmatched: {}, extra: {}, textDifferences: [], diagnostics: [],
  };
}

const LONG = [
  "transcript,turn,speaker,coder,code",
  "Interview 1,1,Interviewer 1,ann,Trust",
  "Interview 1,1,Interviewer 1,bob,Trust",
  "Interview 1,3,Interviewee,ann,Cost",
  "Interview 1,3,Interviewee,ann,Trust",
  "Interview 2,2,,bob,Cost",
  "Interview 2,4,Speaker 2,ann,",
  "",
].join("\n");

describe("readLongCodedCsv", () => {
  it("gives one CodedTranscript per transcript × coder with the union of turns", () => {
    const list = readLongCodedCsv(enc(LONG), { file: "codes.csv" });
    expect(list.map((t) => [t.name, t.coder, t.format, t.file])).toEqual([
      ["Interview 1", "ann", "csv-long", "codes.csv"], ["Interview 1", "bob", "csv-long", "codes.csv"],
      ["Interview 2", "ann", "csv-long", "codes.csv"], ["Interview 2", "bob", "csv-long", "codes.csv"],
    ]);
    expect(codesByTurn(list)).toEqual({
      "Interview 1": { ann: { 1: ["Trust"], 3: ["Cost", "Trust"] }, bob: { 1: ["Trust"], 3: [] } },
      "Interview 2": { ann: { 2: [], 4: [] }, bob: { 2: ["Cost"], 4: [] } },
    });
    const bob1 = list[1]!;
    expect(bob1.turns.map((t) => [t.number, t.speaker, t.line])).toEqual([[1, "Interviewer 1", 3], [3, "Interviewee", 4]]);
    expect(bob1.codesUsed).toEqual(["Trust"]);
    expect(list[2]!.turns.map((t) => t.speaker)).toEqual([null, "Speaker 2"]);
    expect(list[0]!.turns[1]!.paragraphs).toEqual([{ number: 2, indexInTurn: 1, text: "", line: 4, codes: ["Cost", "Trust"] }]);
  });

  it("keeps the text column as the turn text (whitespace collapsed)", () => {
    const csv = 'transcript,turn,speaker,coder,code,text\nT,1,Interviewer 1,a,X,"Hello,\n  world"\nT,1,Interviewer 1,b,,\n';
    const list = readLongCodedCsv(enc(csv), { file: "t.csv" });
    expect(list.map((t) => t.turns[0]!.paragraphs[0]!.text)).toEqual(["Hello, world", "Hello, world"]);
    expect(list[1]!.turns[0]!.line).toBe(4);
  });

  it("warns about a turn whose speaker differs between rows, a repeated row, and formula cells", () => {
    const csv = "transcript,turn,speaker,coder,code\nT,1,Interviewer 1,a,X\nT,1,Interviewee,b,X\nT,1,Interviewer 1,a,X\nT,2,,a,=HYPERLINK()\n";
    const list = readLongCodedCsv(enc(csv), { file: "w.csv" });
    expect(list[0]!.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["CSV_FORMULA_CELL", 5], ["CODED_CSV_SPEAKER_CONFLICT", 3], ["CODED_CSV_DUPLICATE_ROW", 4],
    ]);
    expect(list[0]!.turns[1]!.codes).toEqual(["=HYPERLINK()"]);
  });

  it("fails with the line of each bad row", () => {
    const missing = caught(() => readLongCodedCsv(enc("transcript,turn,speaker,coder\nT,1,,a\n"), { file: "m.csv" }));
    expect([missing.code, missing.line, missing.message]).toEqual(["CSV_MISSING_COLUMN", 1,
      'column "code" is missing; the columns are "transcript", "turn", "speaker", "coder"; did you mean "coder"?']);
    const turn = caught(() => readLongCodedCsv(enc('transcript,turn,speaker,coder,code\n"T\nx",1,,a,X\nT,1.5,,a,X\n'), { file: "t.csv" }));
    expect([turn.code, turn.line, turn.message]).toEqual(["CSV_BAD_TURN", 4, 'turn "1.5" is not a turn number (a whole number from 1)']);
    for (const bad of ["0", "-1", "", "two"]) {
      expect(caught(() => readLongCodedCsv(enc(`transcript,turn,speaker,coder,code\nT,${bad},,a,X\n`), { file: "t.csv" })).code).toBe("CSV_BAD_TURN");
    }
    const cell = caught(() => readLongCodedCsv(enc("transcript,turn,speaker,coder,code\nT,1,,a,X\nT,2,, ,X\n"), { file: "c.csv" }));
    expect([cell.code, cell.line, cell.message]).toEqual(["CSV_EMPTY_CELL", 3, "the coder cell is empty"]);
    const empty = caught(() => readLongCodedCsv(enc("transcript,turn,speaker,coder,code\n\n"), { file: "e.csv" }));
    expect([empty.code, empty.line]).toEqual(["CODED_CSV_EMPTY", 1]);
    const nothing = caught(() => readLongCodedCsv(enc(""), { file: "e.csv" }));
    expect([nothing.code, nothing.line]).toEqual(["CODED_CSV_EMPTY", 1]);
    const wide = caught(() => readLongCodedCsv(enc("transcript,turn,speaker,coder,code\nT,1,,a,Cost, high\n"), { file: "w.csv" }));
    expect([wide.code, wide.line]).toEqual(["CSV_TOO_MANY_CELLS", 2]);
    const quote = caught(() => readLongCodedCsv(enc('transcript,turn,speaker,coder,code\nT,1,,a,"X\n'), { file: "q.csv" }));
    expect([quote.code, quote.line]).toEqual(["CSV_MALFORMED", 2]);
  });
});

describe("readWideCodedCsv", () => {
  const WIDE = [
    "transcript,turn,speaker,coder,Cost,Trust",
    "Interview 1,1,Interviewer 1,ann,0,1",
    "Interview 1,1,Interviewer 1,bob,,TRUE",
    "Interview 1,3,Interviewee,ann,1,x",
    "Interview 1,3,Interviewee,bob,0,0",
    "Interview 2,2,,bob,yes,no",
    "Interview 2,4,Speaker 2,ann,0,0",
  ].join("\r\n");

  it("reads the same codings as the equivalent long table", () => {
    const wide = readWideCodedCsv(enc(WIDE), { file: "w.csv" });
    const long = readLongCodedCsv(enc(LONG), { file: "w.csv" });
    expect(wide.map((t) => t.format)).toEqual(["csv-wide", "csv-wide", "csv-wide", "csv-wide"]);
    expect(codesByTurn(wide)).toEqual(codesByTurn(long));
    expect(wide.map((t) => t.turns.map((turn) => turn.speaker))).toEqual(long.map((t) => t.turns.map((turn) => turn.speaker)));
  });

  it("fails on a code cell that is not 0/1, and on a table without code columns", () => {
    const flag = caught(() => readWideCodedCsv(enc("transcript,turn,coder,Cost\nT,1,a,1\nT,2,a,2\n"), { file: "w.csv" }));
    expect([flag.code, flag.line, flag.message]).toEqual(["CSV_BAD_FLAG", 3, 'code "Cost" has "2", not 0 or 1']);
    const none = caught(() => readWideCodedCsv(enc("transcript,turn,speaker,coder\nT,1,,a\n"), { file: "w.csv" }));
    expect([none.code, none.line]).toEqual(["CSV_MISSING_COLUMN", 1]);
  });
});

describe("writeLongCodedCsv (Delve spec §10)", () => {
  const t = aligned("Interview 35 - Ilan", ["B", "A"], [
    unit("Interview 35 - Ilan", 2, "Interviewee", [["b-code", "A-code"], ["A-code"]]),
    unit("Interview 35 - Ilan", 1, null, [[], null]),
    unit("Interview 35 - Ilan", 3, 'Speaker "3"', [["é"], ["😀", "z", "\uffef"]]),
  ]);

  it("writes the header, one row per present code ordered by turn, coder input order, code point", () => {
    expect(writeLongCodedCsv([t])).toBe([
      "transcript,turn,speaker,coder,code",
      "Interview 35 - Ilan,2,Interviewee,B,A-code",
      "Interview 35 - Ilan,2,Interviewee,B,b-code",
      "Interview 35 - Ilan,2,Interviewee,A,A-code",
      'Interview 35 - Ilan,3,"Speaker ""3""",B,é',
      'Interview 35 - Ilan,3,"Speaker ""3""",A,z',
      'Interview 35 - Ilan,3,"Speaker ""3""",A,\uffef',
      'Interview 35 - Ilan,3,"Speaker ""3""",A,😀',
      "",
    ].join("\n"));
  });

  it("with uncodedRows also writes an empty-code row for a coder who has the unit but no code, so reading back keeps the unit", () => {
    const out = writeLongCodedCsv([t], { uncodedRows: true });
    expect(out.split("\n").slice(0, 3)).toEqual([
      "transcript,turn,speaker,coder,code",
      "Interview 35 - Ilan,1,,B,", // turn 1: B has it with no code; A has no value (null): no row
      "Interview 35 - Ilan,2,Interviewee,B,A-code",
    ]);
    const back = readLongCodedCsv(enc(out), { file: "u.csv" });
    expect(codesByTurn(back)).toEqual({ "Interview 35 - Ilan": { B: { 1: [], 2: ["A-code", "b-code"], 3: ["é"] }, A: { 1: [], 2: ["A-code"], 3: ["z", "\uffef", "😀"] } } });
  });

  it("neutralises formula cells and quotes commas and line breaks", () => {
    const f = aligned("=cmd|'/C calc'!A0", ["@x", "b,c"], [unit("n", 1, "-S", [["+1", "-2", "=A1", "'=q"], ["a\nb"]])]);
    expect(writeLongCodedCsv([f])).toBe([
      "transcript,turn,speaker,coder,code",
      "'=cmd|'/C calc'!A0,1,'-S,'@x,''=q",
      "'=cmd|'/C calc'!A0,1,'-S,'@x,+1", // a plain number stays as it is
      "'=cmd|'/C calc'!A0,1,'-S,'@x,-2",
      "'=cmd|'/C calc'!A0,1,'-S,'@x,'=A1",
      "'=cmd|'/C calc'!A0,1,'-S,\"b,c\",\"a\nb\"",
      "",
    ].join("\n"));
  });

  it("round-trips exactly through readLongCodedCsv, formula-like codes included", () => {
    const f = aligned("=T", ["@x", "b,c"], [
      unit("=T", 1, "-S", [["+1", "-2", "=A1", "'=q", "''@r"], ["a\nb"]]),
      unit("=T", 4, "Interviewer 1", [["Trust"], ["Trust", "=x"]]),
    ]);
    const back = readLongCodedCsv(enc(writeLongCodedCsv([f, t])), { file: "rt.csv" });
    expect(codesByTurn(back)).toEqual({
      "=T": { "@x": { 1: ["''@r", "'=q", "+1", "-2", "=A1"], 4: ["Trust"] }, "b,c": { 1: ["a\nb"], 4: ["=x", "Trust"] } },
      "Interview 35 - Ilan": { B: { 2: ["A-code", "b-code"], 3: ["é"] }, A: { 2: ["A-code"], 3: ["z", "\uffef", "😀"] } },
    });
    expect(back[0]!.turns.map((u) => u.speaker)).toEqual(["-S", "Interviewer 1"]);
  });

  it("adds a text column when asked, which the reader keeps", () => {
    const csv = writeLongCodedCsv([t], { text: true });
    expect(csv.split("\n")[0]).toBe("transcript,turn,speaker,coder,code,text");
    const back = readLongCodedCsv(enc(csv), { file: "t.csv" });
    expect(back[0]!.turns.map((u) => u.paragraphs[0]!.text)).toEqual(["turn 2", "turn 3"]);
  });

  it("writes a wide table that reads back to the same codings, empty turns included", () => {
    const wide = writeWideCodedCsv([t]);
    expect(wide.split("\n").slice(0, 3)).toEqual([
      "transcript,turn,speaker,coder,A-code,b-code,z,é,\uffef,😀",
      "Interview 35 - Ilan,1,,B,0,0,0,0,0,0",
      "Interview 35 - Ilan,2,Interviewee,B,1,1,0,0,0,0",
    ]);
    expect(codesByTurn(readWideCodedCsv(enc(wide), { file: "w.csv" }))).toEqual({
      "Interview 35 - Ilan": { B: { 1: [], 2: ["A-code", "b-code"], 3: ["é"] }, A: { 1: [], 2: ["A-code"], 3: ["z", "\uffef", "😀"] } },
    });
  });
});

describe("CSV kind detection from the header", () => {
  it("tells long and wide coded tables, ratings, Taguette and codebook CSVs apart", () => {
    const kinds = (text: string): string[] => [
      looksLikeLongCodedCsv(text) && "long", looksLikeWideCodedCsv(text) && "wide", looksLikeRatingsCsv(text) && "ratings",
      looksLikeTaguetteCsv(text) && "taguette", looksLikeCodebookCsv(text) && "codebook",
    ].filter((k): k is string => k !== false);
    expect(kinds("\ufeff\ntranscript,turn,speaker,coder,code\nT,1,,a,X\n")).toEqual(["long"]);
    expect(kinds("Transcript,Turn,Coder,Trust,Cost\n")).toEqual(["wide"]);
    expect(kinds("transcript,turn,coder,speaker\n")).toEqual([]);
    expect(kinds("unit,coder,value\n1,A,1\n")).toEqual(["ratings"]);
    expect(kinds("id,document,tag,content\n")).toEqual(["taguette"]);
    expect(kinds("code,parent,description\n")).toEqual(["codebook"]);
    expect(kinds("Interview 35 - Ilan\n\nInterviewer 1\n")).toEqual([]);
    expect(kinds('"unbalanced\n')).toEqual([]);
  });
});
