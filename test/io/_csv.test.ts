import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareCodePoints, csvCell, csvHeader, csvUncell, forEachCsvRecord, isFormulaCell } from "../../src/io/_csv.js";
import { IrrError } from "../../src/model/errors.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function records(source: Uint8Array, chunkBytes?: number): [number, string[]][] {
  const out: [number, string[]][] = [];
  forEachCsvRecord(source, "t.csv", (fields, line) => { out.push([line, fields]); }, chunkBytes);
  return out;
}

describe("csvCell", () => {
  it("quotes per RFC 4180 only when needed", () => {
    expect(["plain", "a,b", 'say "hi"', "two\nlines", "cr\r", "", " spaced "].map(csvCell))
      .toEqual(["plain", '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', "", " spaced "]);
    expect([csvCell(null), csvCell(undefined), csvCell(3.5), csvCell(-2), csvCell(Number.NaN)]).toEqual(["", "", "3.5", "-2", ""]);
  });

  it("prefixes a ' to cells a spreadsheet would run as formulas, but not to plain numbers", () => {
    expect(["=1+1", "+cmd", "-x", "@SUM(A1)", "'=x", "''@y", "-1", "+2.5", "-1e3", "=", "a=b", "'plain"].map(csvCell))
      .toEqual(["'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "''=x", "'''@y", "-1", "+2.5", "-1e3", "'=", "a=b", "'plain"]);
    expect(csvCell("=HYPERLINK(\"http://x\",\"y\")")).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(["=x", "'=x", "-1", "'plain", "abc"].map(isFormulaCell)).toEqual([true, false, false, false, false]);
  });

  it("round-trips every string through the reader's csvUncell", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "1", "a", ",", '"', "\n", "e", ".") }), (s) => {
      fc.pre(s.trim() !== ""); // a blank record is skipped by design
      const read = records(enc(`h\n${csvCell(s)}\n`));
      expect(read.length).toBe(2);
      expect(csvUncell(read[1]![1][0]!)).toBe(s);
    }));
  });
});

describe("forEachCsvRecord", () => {
  it("gives each record with the line it starts on, counting line breaks inside quoted cells", () => {
    const text = 'a,b\r\n"x\r\ny",2\r\n\r\n   ,\t\n"",""\n"p\nq\nr",3\nlast,4';
    expect(records(enc(text))).toEqual([[1, ["a", "b"]], [2, ["x\ny", "2"]], [7, ["p\nq\nr", "3"]], [10, ["last", "4"]]]);
  });

  it("matches an independent serialisation for any records, chunk size and line ending", () => {
    const cellChars = fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r\n", "é", "😀", "'", "=", "x");
    const cell = fc.array(cellChars, { maxLength: 6 }).map((parts) => parts.join(""));
    const record = fc.array(cell, { minLength: 1, maxLength: 4 }).filter((cells) => cells.some((c) => c.trim() !== ""));
    fc.assert(fc.property(
      fc.array(record, { minLength: 1, maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r"), fc.array(fc.nat(2), { maxLength: 12 }),
      fc.integer({ min: 1, max: 40 }), fc.boolean(),
      (recs, eol, blanks, chunk, finalEol) => {
        const header = ["h1", "h2", "h3", "h4"].slice(0, recs[0]!.length);
        let text = header.join(",") + eol;
        let line = 2;
        const expected: [number, string[]][] = [[1, header]];
        recs.forEach((cells, i) => {
          const blank = blanks[i] ?? 0;
          text += eol.repeat(blank);
          line += blank;
          expected.push([line, cells.map((c) => c.replace(/\r\n/g, "\n"))]);
          const serialised = cells.map((c) => (/[",\r\n]/.test(c) || c === "" ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
          text += serialised;
          line += (serialised.match(/\r\n|\r|\n/g) ?? []).length;
          if (i < recs.length - 1 || finalEol) { text += eol; line += 1; }
        });
        // Cells with surrounding spaces come back as written; a cell of spaces alone is kept too.
        expect(records(enc(text), chunk)).toEqual(expected);
      },
    ), { numRuns: 300 });
  });

  it("locates a bad UTF-8 byte whatever the chunk size", () => {
    const bytes = new Uint8Array([...enc("a,b\né,😀\n"), 0xf0, 0x9f, 0x98, ...enc(",x\n")]);
    for (const chunk of [1, 2, 3, 5, 1 << 20]) {
      try {
        records(bytes, chunk);
        throw new Error("no error");
      } catch (e) {
        expect(e instanceof IrrError && [e.code, e.line, e.message]).toEqual(["NOT_UTF8", 3, "the file is not valid UTF-8 (byte 12 is not part of a UTF-8 character)"]);
      }
    }
  });

  it("refuses a record that would swallow the rest of a large file (unclosed quote)", () => {
    const big = 'a,b\n1,"open\n' + "x,y\n".repeat(5_000_000);
    try {
      records(enc(big));
      throw new Error("no error");
    } catch (e) {
      expect(e instanceof IrrError && [e.code, e.line, e.message]).toEqual(["CSV_MALFORMED", 2, "a record starting here runs over 16 MB; a quote is probably never closed"]);
    }
    try {
      records(enc("a,b\n" + "x".repeat(17 << 20)));
      throw new Error("no error");
    } catch (e) {
      expect(e instanceof IrrError && [e.code, e.line, e.message]).toEqual(["CSV_MALFORMED", 2, "a record starting here runs over 16 MB without a line break"]);
    }
  });

  it("reads the header of semicolon and tab tables, ignoring quoted text", () => {
    expect(csvHeader("unit;coder;value\n")).toEqual(["unit", "coder", "value"]);
    expect(csvHeader("unit\tcoder\tvalue\n")).toEqual(["unit", "coder", "value"]);
    expect(csvHeader('"a;b;c",d\n')).toEqual(["a;b;c", "d"]);
    expect(csvHeader("\n \nunit;coder;value\n")).toEqual(["unit", "coder", "value"]);
    expect(csvHeader("")).toBeNull();
  });
});

describe("compareCodePoints", () => {
  it("orders by code point, unlike UTF-16 unit order for astral characters", () => {
    expect(["😀", "\uffef", "z", "Z", "é"].sort(compareCodePoints)).toEqual(["Z", "z", "é", "\uffef", "😀"]);
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
      const cps = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);
      const x = cps(a);
      const y = cps(b);
      let expected = 0;
      for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = x[i]! - y[i]!;
      if (expected === 0) expected = x.length - y.length;
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(expected));
    }));
  });
});
