// readRatings(..., { coded: true }) hands its typed arrays to krippendorffAlphaCoded without a
// JS-array matrix; the alpha must be the matrix route's, bit for bit.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRatings } from "../../src/io/ratings-csv.js";
import type { Level, MetricResult } from "../../src/model/reliability-matrix.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { krippendorffAlphaCoded } from "../../src/metrics/krippendorff-alpha-coded.js";
import { REFERENCE_DIR } from "../_paths.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const LEVELS: Level[] = ["nominal", "ordinal", "interval", "ratio"];

/** The record as text: JSON's shortest round-trip form tells every two doubles apart (but 0 and -0). */
const bits = (r: MetricResult): string => JSON.stringify(r);

describe("readRatings with coded: true", () => {
  it("codes a long table: canonical labels, unit-major, -1 for missing and for an empty value", () => {
    const r = readRatings(enc("unit,coder,value\n1,A,3\n1,B,10\n2,A,1\n3,B,\n3,A,3.0\n"), { file: "r.csv", coded: true });
    expect(r.coded?.values).toEqual([1, 3, 10]); // "3" and "3.0" are one value, as in the matrix
    expect([...(r.coded?.codes ?? [])]).toEqual([1, 2, 0, -1, 1, -1]);
    expect(r.coded).toMatchObject({ unitCount: 3, coderCount: 2, coders: ["A", "B"], units: ["1", "2", "3"] });
    expect(r.matrix).toEqual({ coders: ["A", "B"], units: ["1", "2", "3"], values: [[3, 1, 3], [10, null, null]] });
  });

  it("codes a wide table of strings by UTF-16 unit", () => {
    const r = readRatings(enc("id,A,B\nu1,yes,no\nu2,no,\n"), { file: "w.csv", format: "wide", coded: true });
    expect(r.coded?.values).toEqual(["no", "yes"]);
    expect([...(r.coded?.codes ?? [])]).toEqual([1, 0, 0, -1]);
  });

  it("gives alpha bit for bit as the matrix read without it, on every reference table", () => {
    const files = readdirSync(REFERENCE_DIR).filter((f) => f.endsWith(".csv"));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const plain = readRatings(join(REFERENCE_DIR, name), { file: name });
      const withCodes = readRatings(join(REFERENCE_DIR, name), { file: name, coded: true });
      expect(withCodes.coded, name).toBeDefined();
      expect(withCodes.matrix, name).toEqual(plain.matrix);
      for (const level of plain.numeric ? LEVELS : (["nominal", "ordinal"] as Level[])) {
        expect(bits(krippendorffAlphaCoded(withCodes.coded!, { level })), `${name} ${level}`).toBe(bits(krippendorffAlpha(plain.matrix, { level })));
      }
    }
  });

  it("is absent without the option and under multi", () => {
    expect(readRatings(enc("unit,coder,value\n1,A,3\n1,B,4\n"), { file: "r.csv" }).coded).toBeUndefined();
    const multi = readRatings(enc("unit,coder,value\n1,A,x\n1,B,y\n"), { file: "r.csv", multi: true, coded: true });
    expect("coded" in multi).toBe(false);
  });
});
