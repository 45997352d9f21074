import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { exampleC } from "./_matrix.js";

// Krippendorff (2011) section A, p. 2: binary data, two observers.
const exampleA: ReliabilityMatrix = {
  coders: ["A", "B"],
  units: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
  values: [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  ],
};

const PUBLISHED = [
  { name: "Krippendorff 2011 C nominal", matrix: exampleC, level: "nominal", expected: 0.743, source: "Krippendorff (2011) p. 8" },
  { name: "Krippendorff 2011 C ordinal", matrix: exampleC, level: "ordinal", expected: 0.815, source: "Krippendorff (2011) p. 8" },
  { name: "Krippendorff 2011 C interval", matrix: exampleC, level: "interval", expected: 0.849, source: "Krippendorff (2011) p. 8" },
  { name: "Krippendorff 2011 C ratio", matrix: exampleC, level: "ratio", expected: 0.797, source: "Krippendorff (2011) p. 8" },
  { name: "Krippendorff 2011 A binary", matrix: exampleA, level: "nominal", expected: 0.095, source: "Krippendorff (2011) p. 2" },
] as const;

describe("krippendorffAlpha: published examples", () => {
  for (const row of PUBLISHED) {
    it(`reproduces ${row.name} = ${row.expected} (${row.source})`, () => {
      const r = krippendorffAlpha(row.matrix, { level: row.level });
      expect(r.status).toBe("ok");
      expect(r.value as number).toBeCloseTo(row.expected, 3);
    });
  }

  it("computes the binary example exactly: 1 − (n.. − 1) o_01 / (n_0 n_1) = 1 − 19·4/84", () => {
    const r = krippendorffAlpha(exampleA);
    expect(r.value).toBeCloseTo(1 - (19 * 4) / 84, 15);
    expect(r.observed).toBeCloseTo(8 / 20, 15); // 4 disagreeing units, 2 ordered pairs each
    expect(r.expected).toBeCloseTo((2 * 14 * 6) / (20 * 19), 15);
    expect(r.pairable).toBe(20);
  });

  it("skips units coded by one coder: example C uses 11 units and 40 pairable values", () => {
    const r = krippendorffAlpha(exampleC);
    expect(r.units).toBe(11);
    expect(r.pairable).toBe(40);
    expect(r.coders).toBe(4);
    expect(r.observed).toBeCloseTo(8 / 40, 14); // Krippendorff (2011) p. 9: D_o from o_ck
  });

  it("names the coefficient after the level, and alphaCustom for a caller's distance", () => {
    expect(krippendorffAlpha(exampleC, { level: "ordinal" }).coefficient).toBe("alphaOrdinal");
    const custom = krippendorffAlpha(exampleC, { distance: (a, b) => (a - b) ** 2 });
    expect(custom.coefficient).toBe("alphaCustom");
    expect(custom.value).toBeCloseTo(krippendorffAlpha(exampleC, { level: "interval" }).value as number, 14);
    expect(custom.se).toBeCloseTo(krippendorffAlpha(exampleC, { level: "interval" }).se as number, 14);
  });

  it("ranks ordinal values by an explicit order; reversing the order does not change alpha", () => {
    const up = krippendorffAlpha(exampleC, { level: "ordinal", order: [1, 2, 3, 4, 5] });
    const down = krippendorffAlpha(exampleC, { level: "ordinal", order: [5, 4, 3, 2, 1] });
    expect(up.value).toBeCloseTo(0.8153875037548814, 12);
    expect(down.value).toBeCloseTo(up.value as number, 12);
  });

  it("ranks numeric strings numerically at the ordinal level", () => {
    const asText: ReliabilityMatrix = { ...exampleC, values: exampleC.values.map((r) => r.map((v) => (v === null ? null : String(v)))) };
    expect(krippendorffAlpha(asText, { level: "ordinal" }).value).toBeCloseTo(0.8153875037548814, 12);
    expect(krippendorffAlpha(asText, { level: "interval" }).value).toBeCloseTo(0.8491071428571428, 12);
  });
});

describe("krippendorffAlpha: degenerate cases", () => {
  it("one value only: undefined with reason no-variation", () => {
    const r = krippendorffAlpha({ coders: ["A", "B"], units: ["1", "2"], values: [["x", "x"], ["x", "x"]] });
    expect(r).toMatchObject({ status: "undefined", reason: "no-variation", value: null, observed: 0, expected: 0 });
  });

  it("one unit with two different values: alpha 0, no standard error", () => {
    const r = krippendorffAlpha({ coders: ["A", "B"], units: ["1"], values: [["x"], ["y"]] });
    // D_o = (1/2)(2·1/1) = 1, D_e = (1·1 + 1·1)/(2·1) = 1
    expect(r).toMatchObject({ status: "ok", value: 0, observed: 1, expected: 1, units: 1, se: null, ci95: null });
  });

  it("all missing: undefined with reason no-pairable-values", () => {
    const r = krippendorffAlpha({ coders: ["A", "B"], units: ["1", "2"], values: [[null, null], [null, null]] });
    expect(r).toMatchObject({ status: "undefined", reason: "no-pairable-values", value: null, units: 0, pairable: 0 });
  });

  it("one coder: undefined with reason no-pairable-values", () => {
    const r = krippendorffAlpha({ coders: ["A"], units: ["1", "2", "3"], values: [["x", "y", "x"]] });
    expect(r).toMatchObject({ status: "undefined", reason: "no-pairable-values", coders: 0 });
  });

  it("no units at all: undefined with reason no-pairable-values", () => {
    expect(krippendorffAlpha({ coders: ["A", "B"], units: [], values: [[], []] }).reason).toBe("no-pairable-values");
  });
});

describe("krippendorffAlpha: misuse", () => {
  it("throws TypeError for non-numeric values at the interval level", () => {
    expect(() => krippendorffAlpha({ coders: ["A", "B"], units: ["1"], values: [["x"], ["1"]] }, { level: "interval" })).toThrow(TypeError);
  });
  it("throws RangeError for negative values at the ratio level", () => {
    expect(() => krippendorffAlpha({ coders: ["A", "B"], units: ["1"], values: [[-1], [1]] }, { level: "ratio" })).toThrow(RangeError);
  });
  it("throws RangeError when a row does not have one value per unit", () => {
    expect(() => krippendorffAlpha({ coders: ["A", "B"], units: ["1", "2"], values: [[1, 2], [1]] })).toThrow(RangeError);
  });
  it("throws TypeError for an unknown level", () => {
    expect(() => krippendorffAlpha(exampleC, { level: "circular" as "nominal" })).toThrow(TypeError);
  });
});

// ---- properties -------------------------------------------------------------------------
const LABELS = ["a", "b", "c", "d"];
const matrixArb = fc
  .record({ coders: fc.integer({ min: 2, max: 4 }), units: fc.integer({ min: 1, max: 15 }) })
  .chain(({ coders, units }) =>
    fc.array(fc.array(fc.option(fc.constantFrom(...LABELS), { freq: 4 }), { minLength: units, maxLength: units }), {
      minLength: coders,
      maxLength: coders,
    }),
  )
  .map((values): ReliabilityMatrix => ({
    coders: values.map((_, i) => `c${i}`),
    units: (values[0] ?? []).map((_, i) => `u${i}`),
    values,
  }));

function sameResult(a: ReturnType<typeof krippendorffAlpha>, b: ReturnType<typeof krippendorffAlpha>): void {
  expect(b.status).toBe(a.status);
  expect(b.pairable).toBe(a.pairable);
  if (a.value !== null) expect(b.value as number).toBeCloseTo(a.value, 12);
  if (typeof a.se === "number") expect(b.se as number).toBeCloseTo(a.se, 12);
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object") {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe("krippendorffAlpha: properties", () => {
  it("does not change when units are permuted", () => {
    fc.assert(
      fc.property(matrixArb, fc.infiniteStream(fc.nat()), (m, seeds) => {
        const order = m.units.map((_, i) => i).sort((x, y) => ((seeds.next().value as number) % 3) - 1 || x - y);
        const permuted = { ...m, units: order.map((i) => m.units[i] as string), values: m.values.map((row) => order.map((i) => row[i] as Value | null)) };
        for (const level of ["nominal", "ordinal"] as const) sameResult(krippendorffAlpha(m, { level }), krippendorffAlpha(permuted, { level }));
      }),
    );
  });

  it("does not change when coders are permuted", () => {
    fc.assert(
      fc.property(matrixArb, (m) => {
        const reversed = { ...m, coders: [...m.coders].reverse(), values: [...m.values].reverse() };
        sameResult(krippendorffAlpha(m), krippendorffAlpha(reversed));
      }),
    );
  });

  it("does not change when nominal labels are renamed", () => {
    fc.assert(
      fc.property(matrixArb, fc.shuffledSubarray(["p", "q", "r", "s"], { minLength: 4, maxLength: 4 }), (m, names) => {
        const rename = new Map(LABELS.map((l, i) => [l, names[i] as string]));
        const renamed = { ...m, values: m.values.map((row) => row.map((v) => (v === null ? null : (rename.get(v as string) as string)))) };
        sameResult(krippendorffAlpha(m), krippendorffAlpha(renamed));
      }),
    );
  });

  it("does not change when a unit rated by only one coder is added", () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(...LABELS), fc.nat(), (m, label, who) => {
        const coder = who % m.coders.length;
        const added = { ...m, units: [...m.units, "extra"], values: m.values.map((row, c) => [...row, c === coder ? label : null]) };
        const a = krippendorffAlpha(m);
        const b = krippendorffAlpha(added);
        expect(b.status).toBe(a.status);
        if (a.value !== null) expect(b.value as number).toBeCloseTo(a.value, 12);
      }),
    );
  });

  it("is 1 when all coders agree on every unit and at least two values occur", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LABELS), { minLength: 2, maxLength: 20 }), fc.integer({ min: 2, max: 5 }), (unitValues, coders) => {
        fc.pre(new Set(unitValues).size >= 2);
        const m = { coders: Array.from({ length: coders }, (_, i) => `c${i}`), units: unitValues.map((_, i) => `u${i}`), values: Array.from({ length: coders }, () => unitValues) };
        expect(krippendorffAlpha(m).value).toBe(1);
        expect(krippendorffAlpha({ ...m, values: m.values.map((r) => r.map((v) => LABELS.indexOf(v))) }, { level: "interval" }).value).toBe(1);
      }),
    );
  });

  it("stays ≤ 1 and does not mutate a frozen input", () => {
    fc.assert(
      fc.property(matrixArb, (m) => {
        const frozen = deepFreeze(structuredClone(m));
        const r = krippendorffAlpha(frozen, { level: "ordinal" });
        if (r.value !== null) expect(r.value).toBeLessThanOrEqual(1 + 1e-12);
        expect(frozen).toEqual(m);
      }),
    );
  });
});
