/**
 * Fuzzing the CSV importers (issue 6): valid files with mutated cells, inserted bytes, cut
 * short. Each input must either parse or fail with an intercoder `InputError` that carries a
 * 1-based line inside the file; never another exception.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readRatings } from "../../src/io/ratings-csv.js";
import { readLongCodedCsv, readWideCodedCsv } from "../../src/io/coded-csv.js";
import { readCodebook } from "../../src/io/codebook.js";
import { InputError } from "../../src/model/errors.js";
import { fuzzRuns } from "../fuzz.config.js";
import type { Level } from "../../src/model/reliability-matrix.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const BASES: Record<string, string> = {
  ratings: "unit,coder,value\n1,A,1\n1,B,2\n2,A,3\n2,B,3\n3,A,1\n3,C,2\n",
  wide: "unit,A,B,C\n1,1,2,\n2,3,3,1\n3,,2,2\n",
  long: "transcript,turn,speaker,coder,code,text\nT1,1,Interviewer 1,a,Trust,Hello\nT1,1,Interviewer 1,b,Trust,Hello\nT1,2,Interviewee,a,Cost,\"Well, yes\"\nT2,1,,b,Cost,\n",
  wideCoded: "transcript,turn,speaker,coder,Trust,Cost\nT1,1,Interviewer 1,a,1,0\nT1,1,Interviewer 1,b,1,\nT1,2,Interviewee,a,0,1\n",
  codebook: "code,parent,description\nQM,,quality\nQM-fix,QM,\nTrust,,\"a, b\"\n",
};

type Reader = (bytes: Uint8Array) => unknown;
const READERS: [string, string, Reader][] = [
  ["ratings", "ratings", (b) => readRatings(b, { file: "f.csv" })],
  ["ratings (interval)", "ratings", (b) => readRatings(b, { file: "f.csv", level: "interval" as Level })],
  ["ratings (multi)", "ratings", (b) => readRatings(b, { file: "f.csv", format: "long", multi: true })],
  ["wide ratings", "wide", (b) => readRatings(b, { file: "f.csv", format: "wide" })],
  ["long coded", "long", (b) => readLongCodedCsv(b, { file: "f.csv" })],
  ["wide coded", "wideCoded", (b) => readWideCodedCsv(b, { file: "f.csv" })],
  ["codebook", "codebook", (b) => readCodebook(b, { file: "f.csv" })],
];

/** Run a reader; fail the property on anything but success or a located InputError. */
function parsesOrFailsWithLine(read: Reader, bytes: Uint8Array): void {
  const lines = bytes.reduce((n, b) => n + (b === 0x0a || b === 0x0d ? 1 : 0), 1);
  try {
    read(bytes);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.file).toBe("f.csv");
    expect(Number.isInteger(e.line) && e.line! >= 1 && e.line! <= lines).toBe(true);
  }
}

const cellText = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", "'", "=", "-", "@", " ", "a", "1", ".", "\ufeff", "\u0000", "é") , maxLength: 6 }),
  fc.constantFrom("", '"', '""', '"a"b', "=HYPERLINK(\"x\")", "1e999", "NaN", "-", "\r\n\r\n"),
);

/** Replace one cell (between delimiters) of the text by random content. */
function mutateCell(text: string, which: number, replacement: string): string {
  const cells = [...text.matchAll(/[^,\n]+|(?<=,|^|\n)(?=,|\n|$)/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const target = cells[which % cells.length]!;
  return text.slice(0, target[0]) + replacement + text.slice(target[1]);
}

describe("CSV importers under mutation", () => {
  for (const [name, base, read] of READERS) {
    it(`${name}: mutated cells parse or fail with an InputError and a line`, () => {
      fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), cellText), { minLength: 1, maxLength: 3 }), (edits) => {
        let text = BASES[base]!;
        for (const [which, replacement] of edits) text = mutateCell(text, which, replacement);
        parsesOrFailsWithLine(read, enc(text));
      }), { numRuns: fuzzRuns(150) });
    });

    it(`${name}: inserted bytes and truncation parse or fail with an InputError and a line`, () => {
      const bytes = enc(BASES[base]!);
      fc.assert(fc.property(
        fc.nat({ max: bytes.length }), fc.uint8Array({ maxLength: 4 }), fc.nat({ max: bytes.length }),
        (at, inserted, cut) => {
          const mutated = new Uint8Array([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]).subarray(0, Math.max(cut, 0) + inserted.length);
          parsesOrFailsWithLine(read, mutated);
        },
      ), { numRuns: fuzzRuns(150) });
    });
  }

  it("codebook XML with mutated characters parses or fails with an InputError and a line", () => {
    const qdc = '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n<Code name="A" isCodable="false">\n<Description>d &amp; e</Description>\n<Code name="B" isCodable="true"/>\n</Code>\n</Codes>\n</CodeBook>\n';
    const xmlChars = fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", "/", "=", "!", "?", "[", "]", "Code", "<!ENTITY x SYSTEM 'f'>", "<!DOCTYPE a [", "\n", ";", "#"), maxLength: 5 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: qdc.length }), fc.nat(4), xmlChars), { minLength: 1, maxLength: 3 }), (edits) => {
      let text = qdc;
      for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
      parsesOrFailsWithLine((b) => readCodebook(b, { file: "f.csv" }), enc(text));
    }), { numRuns: fuzzRuns(300) });
  });

  it("random bytes never escape as another exception", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      for (const [, , read] of READERS) parsesOrFailsWithLine(read, bytes);
    }), { numRuns: fuzzRuns(200) });
  });
});
