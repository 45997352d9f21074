import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRatings } from "../../src/io/ratings-csv.js";
import { REFERENCE_DIR } from "../_paths.js";
import { IrrError, InputError, UsageError } from "../../src/model/errors.js";
import { caught } from "../_helpers/errors.js";

const REF = REFERENCE_DIR;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Catch the IrrError a call throws (fails the test when it does not throw one). */

/** An independent reading of a quote-free long CSV: split lines and commas, first-appearance order. */
function naiveLong(text: string): { coders: string[]; units: string[]; cell: Map<string, string> } {
  const coders: string[] = [];
  const units: string[] = [];
  const cell = new Map<string, string>();
  for (const line of text.split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const [u, c, v] = line.split(",") as [string, string, string];
    if (!units.includes(u)) units.push(u);
    if (!coders.includes(c)) coders.push(c);
    if (v !== "") cell.set(`${c}\u0000${u}`, v);
  }
  return { coders, units, cell };
}

describe("readRatings on the reference cases", () => {
  const cases = readdirSync(REF).filter((f) => f.endsWith(".csv"));

  it.each(cases)("%s reads into the coders × units matrix an independent split gives", (name) => {
    const text = readFileSync(join(REF, name), "utf8");
    const expected = naiveLong(text);
    const result = readRatings(join(REF, name), { file: name });
    expect(result.format).toBe("long");
    expect(result.matrix.coders).toEqual(expected.coders);
    expect(result.matrix.units).toEqual(expected.units);
    const allNumeric = [...expected.cell.values()].every((v) => /^-?\d+(\.\d+)?$/.test(v));
    expect(result.numeric).toBe(allNumeric);
    expected.coders.forEach((c, ci) => {
      expected.units.forEach((u, ui) => {
        const v = expected.cell.get(`${c}\u0000${u}`);
        expect(result.matrix.values[ci]![ui]).toBe(v === undefined ? null : allNumeric ? Number(v) : v);
      });
    });
    expect(result.ratings).toBe(expected.cell.size);
  });

  it("krippendorff2011 has 12 units, 4 coders, and unit 1 rated 1 by A, B and D (Krippendorff 2011, p. 3)", () => {
    const { matrix } = readRatings(readFileSync(join(REF, "krippendorff2011.csv")), { file: "k.csv" });
    expect(matrix.units.length).toBe(12);
    expect(matrix.coders).toEqual(["A", "B", "D", "C"]);
    expect(matrix.values.map((row) => row[0])).toEqual([1, 1, 1, null]);
  });
});

describe("readRatings layouts", () => {
  const long = "unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,3\nu3,B,1\nu3,C,1\n";
  const wide = "item,A,B,C\nu1,1,2,\nu2,3,,\nu3,,1,1\n";

  it("reads the same matrix from a long and a wide table", () => {
    const a = readRatings(enc(long), { file: "l.csv" });
    const b = readRatings(enc(wide), { file: "w.csv" });
    expect(b.format).toBe("wide");
    expect(b.matrix).toEqual(a.matrix);
    expect(a.matrix.values).toEqual([[1, 3, null], [2, null, 1], [null, null, 1]]);
  });

  it("says how it read a table without unit,coder,value columns", () => {
    const b = readRatings(enc(wide), { file: "w.csv" });
    expect(b.diagnostics.map((d) => [d.code, d.line])).toEqual([["RATINGS_FORMAT_GUESSED", 1]]);
    expect(readRatings(enc(wide), { file: "w.csv", format: "wide" }).diagnostics).toEqual([]);
  });

  it("renames the long columns with columns, matching header names case-insensitively", () => {
    const r = readRatings(enc("Item,Rater,Score\nx,A,1\nx,B,1\n"), { file: "r.csv", columns: ["item", "rater", "score"] });
    expect(r.matrix).toEqual({ coders: ["A", "B"], units: ["x"], values: [[1], [1]] });
  });

  it("treats an empty value cell and an absent row alike (missing), keeping the unit", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,\n1,B,x\n2,A,y\n"), { file: "r.csv" });
    expect(r.matrix.values).toEqual([[null, "y"], ["x", null]]);
    expect(r.ratings).toBe(2);
  });

  it("keeps values as strings unless every one is a plain number", () => {
    expect(readRatings(enc("unit,coder,value\n1,A,1\n1,B,1.50\n2,A,-2e1\n"), { file: "r.csv" }).matrix.values).toEqual([[1, -20], [1.5, null]]);
    const mixed = readRatings(enc("unit,coder,value\n1,A,1\n1,B,one\n"), { file: "r.csv" });
    expect(mixed.numeric).toBe(false);
    expect(mixed.matrix.values).toEqual([["1"], ["one"]]);
    for (const notNumber of ["0x10", "Infinity", "1e999", "3,5", "1.2.3"]) {
      expect(readRatings(enc(`unit,coder,value\n1,A,"${notNumber}"\n`), { file: "r.csv" }).numeric).toBe(false);
    }
  });

  it("trims cells, strips a UTF-8 BOM, and accepts CRLF, CR and semicolon tables", () => {
    const expected = { coders: ["A", "B"], units: ["1"], values: [["x"], ["y"]] };
    expect(readRatings(enc("\ufeffunit,coder,value\r\n 1 , A ,x\r\n1,B, y\r\n"), { file: "r.csv" }).matrix).toEqual(expected);
    expect(readRatings(enc("unit,coder,value\r1,A,x\r1,B,y"), { file: "r.csv" }).matrix).toEqual(expected);
    expect(readRatings(enc("unit;coder;value\n1;A;x\n1;B;y\n"), { file: "r.csv" }).matrix).toEqual(expected);
  });

  it("removes the ' that intercoder's CSV writers put before a formula-like value", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,'=x\n1,B,''-y\n"), { file: "r.csv" });
    expect(r.matrix.values).toEqual([["=x"], ["'-y"]]);
  });
});

describe("readRatings multi", () => {
  it("collects a coder's values for a unit into a sorted set; an empty value is the empty set", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,b\n1,A,a\n1,B,\n2,A,a\n2,B,b\n2,B,b\n"), { file: "m.csv", multi: true });
    expect(r.multi).toBe(true);
    expect(r.matrix).toEqual({ coders: ["A", "B"], units: ["1", "2"], values: [[["a", "b"], ["a"]], [[], ["b"]]] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RATINGS_DUPLICATE_VALUE"]);
    expect(r.ratings).toBe(4);
  });

  it("refuses multi on a wide table with a usage error", () => {
    const e = caught(() => readRatings(enc("unit,A,B\n1,x,y\n"), { file: "w.csv", multi: true }));
    expect(e).toBeInstanceOf(UsageError);
    expect([e.code, e.line]).toEqual(["RATINGS_MULTI_WIDE", 1]);
  });
});

describe("readRatings bad input: one error with its line", () => {
  it("CSV_MISSING_COLUMN names the columns that exist and a near name", () => {
    const e = caught(() => readRatings(enc("unit,coder,rating\n1,A,1\n"), { file: "r.csv", format: "long" }));
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.file, e.line]).toEqual(["CSV_MISSING_COLUMN", "r.csv", 1]);
    expect(e.message).toBe('column "value" is missing; the columns are "unit", "coder", "rating"');
    const near = caught(() => readRatings(enc("\n\nunit,coders,value\n"), { file: "r.csv", columns: ["unit", "coder", "value"] }));
    expect([near.code, near.line]).toEqual(["CSV_MISSING_COLUMN", 3]);
    expect(near.message).toContain('did you mean "coders"?');
  });

  it("RATINGS_DUPLICATE gives both lines, counting lines inside quoted cells", () => {
    const text = 'unit,coder,value\n1,A,"two\nlines"\n\n2,A,x\n"1",A,y\n';
    const e = caught(() => readRatings(enc(text), { file: "d.csv" }));
    expect([e.code, e.line]).toEqual(["RATINGS_DUPLICATE", 6]);
    expect(e.message).toBe('coder "A" rates unit "1" twice (lines 2 and 6)');
  });

  it("RATINGS_DUPLICATE in a wide table names the unit's two rows", () => {
    const e = caught(() => readRatings(enc("unit,A,B\n1,x,y\n2,x,y\n1,,z\n"), { file: "w.csv" }));
    expect([e.code, e.line]).toEqual(["RATINGS_DUPLICATE", 4]);
    expect(e.message).toBe('unit "1" has two rows (lines 2 and 4)');
  });

  it("lists every problem in one error, the first one's line on the error", () => {
    const e = caught(() => readRatings(enc("unit,coder,value\n1,A,1\n1,A,1\n2,B,2\n2,B,3\n"), { file: "d.csv" }));
    expect([e.code, e.line]).toEqual(["RATINGS_DUPLICATE", 3]);
    expect(e.message).toBe('coder "A" rates unit "1" twice (lines 2 and 3)\n  d.csv:5: coder "B" rates unit "2" twice (lines 4 and 5)');
  });

  it("RATINGS_NOT_NUMERIC at the first non-numeric value for interval and ratio", () => {
    for (const level of ["interval", "ratio"] as const) {
      const e = caught(() => readRatings(enc("unit,coder,value\n1,A,1\n1,B,2\n2,A,3.5\n2,B,high\n"), { file: "n.csv", level }));
      expect([e.code, e.line]).toEqual(["RATINGS_NOT_NUMERIC", 5]);
      expect(e.message).toBe(`value "high" is not a number, but the level is ${level}`);
    }
    const comma = caught(() => readRatings(enc('unit,coder,value\n1,A,"3,5"\n'), { file: "n.csv", level: "interval" }));
    expect([comma.code, comma.line, comma.hint]).toEqual(["RATINGS_NOT_NUMERIC", 2, "use a point as the decimal separator (3.5, not 3,5)"]);
    expect(readRatings(enc("unit,coder,value\n1,A,high\n"), { file: "n.csv", level: "ordinal" }).numeric).toBe(false);
  });

  it("RATINGS_EMPTY for an empty file, a header alone, and a table of empty values", () => {
    const empty = caught(() => readRatings(enc(""), { file: "e.csv" }));
    expect([empty.code, empty.line]).toEqual(["RATINGS_EMPTY", 1]);
    const blank = caught(() => readRatings(enc("\n \n\t\n"), { file: "e.csv" }));
    expect([blank.code, blank.line]).toEqual(["RATINGS_EMPTY", 1]);
    const header = caught(() => readRatings(enc("\nunit,coder,value\n\n"), { file: "e.csv" }));
    expect([header.code, header.line, header.message]).toEqual(["RATINGS_EMPTY", 2, "the table has a header but no rows"]);
    const values = caught(() => readRatings(enc("unit,coder,value\n1,A,\n1,B,\n"), { file: "e.csv" }));
    expect([values.code, values.line]).toEqual(["RATINGS_EMPTY", 1]);
  });

  it("CSV_MALFORMED for an unclosed quote, at the quote's line", () => {
    const e = caught(() => readRatings(enc('unit,coder,value\n1,A,x\n1,B,"y\n2,A,z\n2,B,w\n'), { file: "q.csv" }));
    expect([e.code, e.line]).toEqual(["CSV_MALFORMED", 3]);
    const stray = caught(() => readRatings(enc('unit,coder,value\n1,A,"x\ny"z\n'), { file: "q.csv" }));
    expect([stray.code, stray.line]).toEqual(["CSV_MALFORMED", 3]);
  });

  it("CSV_TOO_MANY_CELLS rather than half of an unquoted 3,5; a short row is a warning", () => {
    const e = caught(() => readRatings(enc("unit,coder,value\n1,A,1\n1,B,3,5\n"), { file: "c.csv" }));
    expect([e.code, e.line, e.message]).toEqual(["CSV_TOO_MANY_CELLS", 3, "this row has 4 cells but the header has 3 columns"]);
    const trailing = readRatings(enc("unit,coder,value\n1,A,1,\n1,B\n"), { file: "c.csv" });
    expect(trailing.matrix.values).toEqual([[1], [null]]);
    expect(trailing.diagnostics.map((d) => [d.code, d.line])).toEqual([["CSV_SHORT_ROW", 3]]);
    const wide = caught(() => readRatings(enc("unit,A\n1,x,y\n"), { file: "w.csv", format: "wide" }));
    expect([wide.code, wide.line]).toEqual(["CSV_TOO_MANY_CELLS", 2]);
  });

  it("a wide table needs coder columns, each with a name where it has values", () => {
    const one = caught(() => readRatings(enc("unit\n1\n"), { file: "w.csv", format: "wide" }));
    expect([one.code, one.line]).toEqual(["CSV_MISSING_COLUMN", 1]);
    const unnamed = caught(() => readRatings(enc("unit,A,\n1,x,\n2,y,z\n"), { file: "w.csv" }));
    expect([unnamed.code, unnamed.line, unnamed.message]).toEqual(["CSV_EMPTY_CELL", 3, "column 3 has a value but no coder name in the header"]);
  });

  it("skips a repeated header (two files joined) with a warning", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,x\n\ufeffunit,coder,value\n1,B,y\n"), { file: "j.csv" });
    expect(r.matrix).toEqual({ coders: ["A", "B"], units: ["1"], values: [["x"], ["y"]] });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["CSV_REPEATED_HEADER", 3]]);
  });

  it("says how to read the file as long when a guessed wide reading fails", () => {
    const e = caught(() => readRatings(enc("item,rater,score\n1,A,1\n1,B,2\n"), { file: "g.csv" }));
    expect([e.code, e.line]).toEqual(["RATINGS_DUPLICATE", 3]);
    expect(e.hint).toBe("a wide table has one row per unit; merge the rows; the file was read as wide (one row per unit) because it has no unit,coder,value columns: for one row per rating pass --format long --columns item,rater,score");
  });

  it("warns that NA is read as a category, and says to leave the cell empty at interval level", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,yes\n1,B,NA\n2,A,NA\n"), { file: "na.csv" });
    expect(r.matrix.values).toEqual([["yes", "NA"], ["NA", null]]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["RATINGS_MISSING_MARKER", 3]]);
    const e = caught(() => readRatings(enc("unit,coder,value\n1,A,1\n1,B,NA\n"), { file: "na.csv", level: "ratio" }));
    expect([e.code, e.line, e.hint]).toEqual(["RATINGS_NOT_NUMERIC", 3, "leave the cell empty (or drop the row) for a missing rating"]);
  });

  it("CSV_EMPTY_CELL for a rating without unit or coder", () => {
    const e = caught(() => readRatings(enc("unit,coder,value\n1,A,x\n,B,y\n"), { file: "c.csv" }));
    expect([e.code, e.line, e.message]).toEqual(["CSV_EMPTY_CELL", 3, "the unit cell is empty"]);
  });

  it("CSV_DUPLICATE_COLUMN for a wide table naming a coder twice", () => {
    const e = caught(() => readRatings(enc("unit,A,B,A\n1,x,y,z\n"), { file: "w.csv" }));
    expect([e.code, e.line]).toEqual(["CSV_DUPLICATE_COLUMN", 1]);
  });

  it("NOT_UTF8 with the line of the bad byte, and UTF-16 recognised", () => {
    const bytes = new Uint8Array([...enc("unit,coder,value\n1,A,x\n1,B,"), 0xe9, ...enc("\n")]);
    const e = caught(() => readRatings(bytes, { file: "l.csv" }));
    expect([e.code, e.line]).toEqual(["NOT_UTF8", 3]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...enc("unit")].flatMap((b) => [b, 0])]);
    const u = caught(() => readRatings(utf16, { file: "u.csv" }));
    expect([u.code, u.line, u.message]).toEqual(["NOT_UTF8", 1, "the file is UTF-16, not UTF-8"]);
  });
});

describe("readRatings streaming from a path", () => {
  it("reads a multi-chunk file like its bytes, with exact lines across chunk boundaries", () => {
    const dir = mkdtempSync(join(tmpdir(), "ratings-test-"));
    try {
      let text = "unit,coder,value\n";
      let lines = 1;
      // ~2.5 MiB: multi-line quoted cells land on chunk boundaries somewhere.
      for (let u = 0; lines < 150_000; u++) {
        text += `u${u},A,"v${u % 7}\r\nmore"\n` + `u${u},B,v${u % 5}\r\n`;
        lines += 3;
      }
      const path = join(dir, "big.csv");
      writeFileSync(path, text + `u7,A,dup\n`);
      const fromBytes = caught(() => readRatings(readFileSync(path), { file: "big.csv" }));
      const fromPath = caught(() => readRatings(path, { file: "big.csv" }));
      expect([fromPath.code, fromPath.line]).toEqual(["RATINGS_DUPLICATE", lines + 1]);
      expect(fromPath.message).toBe(`coder "A" rates unit "u7" twice (lines ${1 + 7 * 3 + 1} and ${lines + 1})`);
      expect(fromBytes.message).toBe(fromPath.message);
      writeFileSync(path, text);
      const ok = readRatings(path, { file: "big.csv" });
      expect(ok.matrix.units.length).toBe((lines - 1) / 3);
      expect(ok.matrix.values[0]![3]).toBe("v3\nmore");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("FILE_UNREADABLE for a path that does not exist", () => {
    const e = caught(() => readRatings(join(tmpdir(), "no-such-dir-x9", "r.csv"), { file: "r.csv" }));
    expect(e.code).toBe("FILE_UNREADABLE");
  });
});
