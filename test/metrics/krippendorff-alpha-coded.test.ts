// krippendorffAlphaCoded must give krippendorffAlpha's record bit for bit (value, observed,
// expected, se, ci95), on the reference cases and on random matrices, and the reference numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CodedRatings, Level, MetricResult, ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";
import { alphaResult } from "../../src/metrics/_alpha-core.js";
import { codeRatings, krippendorffAlphaCoded } from "../../src/metrics/krippendorff-alpha-coded.js";
import { krippendorffAlpha, prepareAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { referenceCases } from "./_reference.js";
import { exampleC, matrixOf } from "./_matrix.js";

const LEVELS = ["nominal", "ordinal", "interval", "ratio"] as const;

/** The record with every number replaced by its IEEE-754 bits, so toEqual compares bits. */
function bits(r: MetricResult): unknown {
  const view = new DataView(new ArrayBuffer(8));
  const hex = (x: unknown): unknown => {
    if (typeof x !== "number") return Array.isArray(x) ? x.map(hex) : x;
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  };
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, hex(v)]));
}

/** Both routes, or the same error from both. */
function expectSameBits(m: ReliabilityMatrix, level: Level): void {
  let expected: unknown;
  try {
    expected = bits(krippendorffAlpha(m, { level }));
  } catch (error) {
    expect(() => krippendorffAlphaCoded(codeRatings(m), { level })).toThrow((error as Error).constructor as ErrorConstructor);
    return;
  }
  expect(bits(krippendorffAlphaCoded(codeRatings(m), { level }))).toEqual(expected);
}

describe("codeRatings", () => {
  it("codes values in canonical order, unit by unit, -1 for missing", () => {
    const coded = codeRatings({ coders: ["A", "B"], units: ["1", "2", "3"], values: [[3, 1, null], [3, null, 7]] });
    expect([...coded.codes]).toEqual([1, 1, 0, -1, -1, 2]);
    expect(coded.codes).toBeInstanceOf(Int32Array);
    expect(coded).toMatchObject({ unitCount: 3, coderCount: 2, values: [1, 3, 7], coders: ["A", "B"], units: ["1", "2", "3"] });
  });

  it("codes strings after numbers, by UTF-16 unit", () => {
    const coded = codeRatings({ coders: ["A", "B"], units: ["1"], values: [["b"], [2]] });
    expect(coded.values).toEqual([2, "b"]);
    expect([...coded.codes]).toEqual([1, 0]);
  });
});

describe("krippendorffAlphaCoded equals krippendorffAlpha bit for bit", () => {
  it("on every reference case, at every level, and matches the references' values to 1e-9", () => {
    for (const ref of referenceCases()) {
      for (const level of LEVELS) expectSameBits(ref.matrix, level);
      for (const [key, metric] of Object.entries(ref.expected)) {
        const match = /^alpha(Nominal|Ordinal|Interval|Ratio)$/.exec(key);
        if (match === null) continue;
        const r = krippendorffAlphaCoded(codeRatings(ref.matrix), { level: (match[1] as string).toLowerCase() as Level });
        expect(r.value as number, `${ref.name} ${key}`).toBeCloseTo((metric as { value: number }).value, 9);
      }
    }
  });

  it("on random matrices: small integers, large integers, fractions, negatives and strings, with missing values", () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }) },
      { weight: 1, arbitrary: fc.integer({ min: -8, max: 8 }).map((x) => x / 4) },
      { weight: 1, arbitrary: fc.constantFrom("a", "b", "c") },
    );
    const arb = fc
      .record({ coders: fc.integer({ min: 1, max: 7 }), units: fc.integer({ min: 0, max: 25 }) })
      .chain(({ coders, units }) =>
        fc.array(fc.array(fc.option(value, { freq: 4 }), { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }),
      );
    fc.assert(
      fc.property(arb, (values) => {
        const m: ReliabilityMatrix = { coders: values.map((_, i) => `c${i}`), units: (values[0] ?? []).map((_, i) => `u${i}`), values };
        for (const level of LEVELS) expectSameBits(m, level);
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it("on tables longer than one chunk of the matrix route, and with more than 31 coders", () => {
    let state = 7;
    const next = (k: number): number => ((state = (state * 1103515245 + 12345) % 2147483648), state % k);
    const table = (coders: number, units: number): ReliabilityMatrix => {
      const values = Array.from({ length: coders }, () => Array.from({ length: units }, () => (next(10) === 0 ? null : next(5))));
      return { coders: values.map((_, i) => `c${i}`), units: values[0]!.map((_, i) => `u${i}`), values };
    };
    for (const m of [table(5, 9000), table(33, 40)]) {
      for (const level of LEVELS) expectSameBits(m, level);
    }
    // And the one-pass result over several chunks agrees with the general two-pass route.
    const m = table(5, 9000);
    const p = prepareAlpha(m, { level: "interval" });
    const general = alphaResult(p.coefficient, p.level, p.coded, p.coincidences, p.delta);
    const fast = krippendorffAlphaCoded(codeRatings(m), { level: "interval" });
    expect(fast.value as number).toBeCloseTo(general.value as number, 12);
    expect(fast.se as number).toBeCloseTo(general.se as number, 10);
  });

  it("with a caller's distance", () => {
    const distance = (a: number, b: number): number => Math.abs(a - b);
    expect(bits(krippendorffAlphaCoded(codeRatings(exampleC), { distance }))).toEqual(bits(krippendorffAlpha(exampleC, { distance })));
  });
});

describe("krippendorffAlphaCoded: labels out of canonical order are re-coded", () => {
  it("gives the same bits with shuffled labels and with one label under two codes", () => {
    const canonical = codeRatings(exampleC); // values [1, 2, 3, 4, 5]
    // Reverse the labels: code k now stands for values[4 − k].
    const reversed: CodedRatings = { ...canonical, values: [5, 4, 3, 2, 1], codes: canonical.codes.map((x) => (x < 0 ? -1 : 4 - x)) };
    // Value 3 under two codes (2 and 5).
    const split: CodedRatings = { ...canonical, values: [1, 2, 3, 4, 5, 3], codes: canonical.codes.map((x, i) => (x === 2 && i % 2 === 0 ? 5 : x)) };
    for (const level of LEVELS) {
      const expected = bits(krippendorffAlpha(exampleC, { level }));
      expect(bits(krippendorffAlphaCoded(reversed, { level }))).toEqual(expected);
      expect(bits(krippendorffAlphaCoded(split, { level }))).toEqual(expected);
    }
    expect([...reversed.codes].slice(0, 4)).toEqual([4, 4, -1, 4]); // the input is not re-coded in place
  });
});

describe("krippendorffAlphaCoded: published values and degenerate cases", () => {
  it("reproduces Krippendorff (2011) p. 8: nominal 0.743, interval 0.849", () => {
    const coded = codeRatings(exampleC);
    expect(krippendorffAlphaCoded(coded).value as number).toBeCloseTo(0.743, 3);
    expect(krippendorffAlphaCoded(coded, { level: "interval" }).value as number).toBeCloseTo(0.849, 3);
    expect(krippendorffAlphaCoded(coded)).toMatchObject({ units: 11, pairable: 40, coders: 4 });
  });

  const coded = (values: (number | null)[][]): CodedRatings => codeRatings(matrixOf(values));

  it("one value only: undefined with reason no-variation", () => {
    expect(krippendorffAlphaCoded(coded([[4, 4], [4, 4]]))).toMatchObject({ status: "undefined", reason: "no-variation", value: null, observed: 0, expected: 0 });
  });

  it("one unit with values 0 and 3 at the interval level: D_o = D_e = 9, alpha 0, no standard error", () => {
    // o_03 = o_30 = 1, n.. = 2: D_o = (9 + 9)/2, D_e = (1·1·9 + 1·1·9)/(2·1)
    expect(krippendorffAlphaCoded(coded([[0], [3]]), { level: "interval" })).toMatchObject({ status: "ok", value: 0, observed: 9, expected: 9, se: null, ci95: null });
  });

  it("all missing: undefined with reason no-pairable-values", () => {
    expect(krippendorffAlphaCoded(coded([[null, null], [null, null]]))).toMatchObject({ status: "undefined", reason: "no-pairable-values", units: 0, pairable: 0 });
  });

  it("one coder: undefined with reason no-pairable-values", () => {
    expect(krippendorffAlphaCoded(coded([[1, 2, 1]]))).toMatchObject({ status: "undefined", reason: "no-pairable-values", coders: 0 });
  });

  it("no units: undefined with reason no-pairable-values", () => {
    expect(krippendorffAlphaCoded(coded([[], []])).reason).toBe("no-pairable-values");
  });
});

describe("krippendorffAlphaCoded: misuse", () => {
  const base = (codes: number[], values: Value[] = [0, 1]): CodedRatings => ({ codes: Int32Array.from(codes), unitCount: 2, coderCount: 2, values });
  it("throws RangeError for a code past the labels or below -1, on either route", () => {
    expect(() => krippendorffAlphaCoded(base([0, 2, 1, 1]))).toThrow(RangeError);
    expect(() => krippendorffAlphaCoded(base([0, -2, 1, 1]))).toThrow(RangeError);
    expect(() => krippendorffAlphaCoded(base([0, 2, 1, 1], ["x", "y"]))).toThrow(RangeError);
    expect(() => krippendorffAlphaCoded(base([0, 1, 1, 1]), { level: "ordinal" })).not.toThrow();
    expect(() => krippendorffAlphaCoded(base([0, 9, 1, 1]), { level: "ordinal" })).toThrow(RangeError);
  });
  it("throws RangeError when codes is not units × coders long", () => {
    expect(() => krippendorffAlphaCoded(base([0, 1, 1]))).toThrow(RangeError);
  });
  it("throws TypeError for an unknown level, a non-finite label, or strings at the interval level", () => {
    expect(() => krippendorffAlphaCoded(base([0, 1, 1, 1]), { level: "circular" as Level })).toThrow(TypeError);
    expect(() => krippendorffAlphaCoded(base([0, 1, 1, 1], [0, Number.NaN]))).toThrow(TypeError);
    expect(() => krippendorffAlphaCoded(base([0, 1, 1, 1], ["x", "y"]), { level: "interval" })).toThrow(TypeError);
  });
  it("does not mutate its input", () => {
    const input = codeRatings(exampleC);
    const before = [...input.codes];
    krippendorffAlphaCoded(Object.freeze({ ...input, values: Object.freeze([...input.values]) as Value[] }), { level: "interval" });
    expect([...input.codes]).toEqual(before);
  });
});
