import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  unitizingAlpha,
  type UnitizingContinuum,
  type UnitizingSpan,
} from "../../src/metrics/unitizing-alpha.js";
import { unitizingAlphaPairwise2004 } from "../../src/metrics/unitizing-alpha-pairwise-2004.js";

/** Spans from 1-based inclusive [first, last] positions, as printed in Krippendorff (2019). */
function inclusive(coder: string, rows: [number, number, string][]): UnitizingSpan[] {
  return rows.map(([first, last, code]) => ({ coder, start: first - 1, end: last, code }));
}

/** Krippendorff (2019) Figure 12.11, p. 340; transcription in seeds/unitizing-examples.md. */
const figure1211: UnitizingContinuum = {
  length: 60,
  coders: ["Alex", "Paul", "Suzan"],
  spans: [
    ...inclusive("Alex", [[1, 7, "1"], [8, 13, "2"], [31, 32, "5"], [33, 37, "6"], [38, 44, "6"], [45, 60, "7"]]),
    ...inclusive("Paul", [[1, 7, "1"], [8, 13, "3"], [14, 21, "5"], [33, 44, "6"]]),
    ...inclusive("Suzan", [[1, 7, "1"], [8, 13, "4"], [14, 21, "5"], [33, 37, "6"], [38, 41, "6"], [42, 44, "6"]]),
  ],
};

/** (offset, length) units as in DKPro's `addUnit(offset, length, rater, category)`. */
function unit(coder: string, offset: number, length: number, code: string, begin = 0): UnitizingSpan {
  return { coder, start: offset - begin, end: offset - begin + length, code };
}

/** Krippendorff (2004, p. 254): continuum [150, 450), coders i and j, codes c and k. */
const book2004: UnitizingContinuum = {
  start: 150,
  length: 300,
  coders: ["i", "j"],
  spans: [
    unit("i", 225, 70, "c"), unit("i", 370, 30, "c"), unit("j", 220, 80, "c"), unit("j", 355, 20, "c"),
    unit("j", 400, 20, "c"), unit("i", 180, 60, "k"), unit("i", 300, 50, "k"), unit("j", 180, 60, "k"),
    unit("j", 300, 50, "k"),
  ],
};

/** Krippendorff (1995, p. 57): four two-coder examples A–D on a continuum of 24, stretched. */
function sociologicalMethodology1995(stretch: number): UnitizingContinuum {
  const rows: [string, number, number, string][] = [
    ["0", 2, 8, "A"], ["0", 14, 6, "A"], ["1", 4, 4, "A"], ["1", 15, 2, "A"],
    ["0", 0, 18, "B"], ["1", 0, 2, "B"], ["1", 2, 1, "B"], ["1", 3, 1, "B"], ["1", 4, 1, "B"],
    ["1", 5, 1, "B"], ["1", 6, 3, "B"], ["1", 9, 1, "B"],
    ["0", 2, 6, "C"], ["0", 10, 2, "C"], ["0", 14, 4, "C"], ["0", 20, 2, "C"], ["1", 0, 2, "C"],
    ["1", 4, 4, "C"], ["1", 10, 4, "C"], ["1", 16, 2, "C"], ["1", 20, 2, "C"],
    ["0", 0, 2, "D"], ["0", 2, 8, "D"], ["0", 10, 4, "D"], ["0", 14, 6, "D"], ["0", 20, 4, "D"],
    ["1", 0, 4, "D"], ["1", 4, 4, "D"], ["1", 8, 7, "D"], ["1", 15, 2, "D"], ["1", 17, 7, "D"],
  ];
  return {
    length: 24 * stretch,
    coders: ["0", "1"],
    spans: rows.map(([coder, offset, length, code]) => unit(coder, offset * stretch, length * stretch, code)),
  };
}

const DKPRO = "dkpro/dkpro-statistics, dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/unitizing";

describe("unitizingAlpha reproduces Krippendorff (2019) Figure 12.11", () => {
  const result = unitizingAlpha(figure1211);
  const table = [
    { name: "uα", got: result.unitizingAlpha, expected: 0.51, tolerance: 0.0005, source: "Krippendorff 2019 p. 340: .510" },
    { name: "cuα", got: result.unitizingAlphaCode, expected: 0.724, tolerance: 0.0005, source: "Krippendorff 2019 p. 340: .724" },
    // Printed .413; the 2016 formula gives 0.41360 (see seeds/unitizing-examples.md on this 0.0006 gap).
    { name: "|uα", got: result.unitizingAlphaBinary, expected: 0.413, tolerance: 0.001, source: "Krippendorff 2019 p. 340: .413" },
  ];
  for (const row of table) {
    it(`${row.name} = ${row.expected} (${row.source})`, () => {
      expect(row.got.status).toBe("ok");
      expect(Math.abs((row.got.value ?? Number.NaN) - row.expected)).toBeLessThanOrEqual(row.tolerance);
    });
  }

  it("uα components: D_o = 70/180 from the printed coincidences, ℓ.. = m·L = 180", () => {
    // Off-diagonal coincidences of the figure sum to 70 (section-by-section count by hand).
    expect(result.unitizingAlpha.observed).toBeCloseTo(70 / 180, 12);
    expect(result.unitizingAlpha.pairable).toBe(180);
    expect(result.unitizingAlphaBinary.observed).toBeCloseTo(52 / 180, 12);
    expect(result.unitizingAlphaCode.observed).toBeCloseTo(18 / 83, 12);
  });

  it("(k)uα is 1 for the values all coders matched, 0 for values only one coder used", () => {
    for (const k of ["1", "5", "6"]) expect(result.unitizingAlphaPerCode[k]?.value).toBe(1);
    for (const k of ["2", "3", "4"]) expect(result.unitizingAlphaPerCode[k]?.value).toBeCloseTo(0, 12);
    // Value 7 meets only other coders' gaps: nothing jointly coded.
    expect(result.unitizingAlphaPerCode["7"]).toMatchObject({ value: null, status: "undefined", reason: "no-jointly-coded-matter" });
  });
});

describe("unitizingAlphaPairwise2004 reproduces the earlier α_U examples", () => {
  it(`Krippendorff (2004, p. 254), codes c and k (${DKPRO}/Krippendorff2004Test.java)`, () => {
    const r = unitizingAlphaPairwise2004(book2004);
    expect(Math.abs((r["c"]?.observed ?? 0) - 0.0144)).toBeLessThanOrEqual(0.00005);
    expect(Math.abs((r["c"]?.expected ?? 0) - 0.0532)).toBeLessThanOrEqual(0.00005);
    expect(Math.abs((r["c"]?.value ?? 0) - 0.7286)).toBeLessThanOrEqual(0.00005);
    expect(r["k"]?.observed).toBe(0);
    expect(Math.abs((r["k"]?.expected ?? 0) - 0.049)).toBeLessThanOrEqual(0.00005);
    expect(r["k"]?.value).toBe(1);
    // Hand check of D_o for c: 2·(50 + 850 + 400) / (2·1·300²).
    expect(r["c"]?.observed).toBeCloseTo(2600 / 180000, 15);
  });

  it(`Krippendorff (1995, p. 57) observed disagreements of A–D (${DKPRO}/Krippendorff1995Test.java)`, () => {
    const r = unitizingAlphaPairwise2004(sociologicalMethodology1995(1));
    const printed = { A: 0.03125, B: 2.26736, C: 0.02777, D: 0.38715 };
    for (const [code, value] of Object.entries(printed)) {
      expect(Math.abs((r[code]?.observed ?? 0) - value)).toBeLessThanOrEqual(0.00001);
    }
  });

  it("Krippendorff (1995, p. 57) α_U of A–D at fine resolution, to DKPro's tolerance 0.02", () => {
    // The paper's D_e carries a small slip (DKPro notes it), hence the coarse tolerance there too.
    const r = unitizingAlphaPairwise2004(sociologicalMethodology1995(50000));
    const printed = { A: 0.553, B: -0.926, C: 0.679, D: 0.066 };
    for (const [code, value] of Object.entries(printed)) {
      expect(Math.abs((r[code]?.value ?? 0) - value)).toBeLessThanOrEqual(0.02);
    }
  });

  it(`an extreme disagreement, D_o 0.9100 and α −0.7003 (${DKPRO}/UnitizingAgreementTest.java)`, () => {
    const r = unitizingAlphaPairwise2004({
      length: 10,
      coders: ["0", "1"],
      spans: [unit("0", 1, 8, "A"), unit("1", 2, 1, "A"), unit("1", 4, 1, "A"), unit("1", 6, 1, "A")],
    });
    expect(r["A"]?.observed).toBeCloseTo(0.91, 12);
    expect(Math.abs((r["A"]?.expected ?? 0) - 0.5351)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs((r["A"]?.value ?? 0) - -0.7003)).toBeLessThanOrEqual(0.0001);
  });

  it(`a lone unit of length 1 among three coders gives α = 0 in both forms (${DKPRO}/UnitizingAgreementTest.java)`, () => {
    // D_o = D_e: a single one-position unit carries no information beyond chance.
    const lone: UnitizingContinuum = { length: 20, coders: ["0", "1", "2"], spans: [unit("0", 0, 1, "X")] };
    expect(unitizingAlphaPairwise2004(lone)["X"]?.value).toBeCloseTo(0, 12);
    expect(unitizingAlpha(lone).unitizingAlphaBinary.value).toBeCloseTo(0, 12);
  });

  it("unitizingAlphaPairwise2004 marks a listed code nobody used as undefined", () => {
    const r = unitizingAlphaPairwise2004(book2004, { codes: ["c", "x"] });
    expect(r["x"]).toMatchObject({ value: null, status: "undefined", reason: "no-spans" });
  });
});

describe("unitizingAlpha on hand-worked cases", () => {
  it("unitizingAlpha is 0.55 for one unit of length 2 against one of length 1 in L = 4", () => {
    // Sections: [0,1) x/x, [1,2) x/φ, [2,4) φ/φ → ℓ_xx = 2, ℓ_xφ = ℓ_φx = 1, ℓ_φφ = 4, ℓ.. = 8.
    // Self-pairing: units 2² + 1² = 5, gaps 3 + 2 = 5 → ε_xx + ε_φφ = 8·((9 − 5) + (25 − 5))/(64 − 10) = 192/54.
    // D_o = 2/8, D_e = (8 − 192/54)/8 = 5/9, α = 1 − (1/4)/(5/9) = 0.55.
    const r = unitizingAlpha({
      length: 4,
      coders: ["A", "B"],
      spans: [
        { coder: "A", start: 0, end: 2, code: "x" },
        { coder: "B", start: 0, end: 1, code: "x" },
      ],
    });
    expect(r.unitizingAlpha.value).toBeCloseTo(0.55, 12);
    expect(r.unitizingAlpha.observed).toBeCloseTo(0.25, 12);
    expect(r.unitizingAlpha.expected).toBeCloseTo(5 / 9, 12);
    expect(r.unitizingAlphaBinary.value).toBeCloseTo(0.55, 12);
    expect(r.unitizingAlphaPerCodeBinary["x"]?.value).toBeCloseTo(0.55, 12);
    // With one code there is nothing to tell apart where both coded.
    expect(r.unitizingAlphaCode).toMatchObject({ value: null, status: "undefined", reason: "no-variation" });
  });

  it("unitizingAlpha is 1 for identical codings with two codes and gaps", () => {
    const spans = (coder: string): UnitizingSpan[] => [
      { coder, start: 2, end: 5, code: "x" },
      { coder, start: 5, end: 9, code: "y" },
      { coder, start: 12, end: 20, code: "x" },
    ];
    const r = unitizingAlpha({ length: 25, coders: ["A", "B", "C"], spans: [...spans("A"), ...spans("B"), ...spans("C")] });
    for (const m of [r.unitizingAlpha, r.unitizingAlphaBinary, r.unitizingAlphaCode, r.unitizingAlphaPerCode["x"], r.unitizingAlphaPerCode["y"]]) {
      expect(m?.status).toBe("ok");
      expect(m?.value).toBeCloseTo(1, 12);
      expect(m?.observed).toBe(0);
    }
  });

  it("unitizingAlpha gives a code with no spans value null, status undefined and a reason", () => {
    const r = unitizingAlpha(figure1211, { codes: ["never-used"] });
    for (const m of [r.unitizingAlphaPerCode["never-used"], r.unitizingAlphaPerCodeBinary["never-used"]]) {
      expect(m).toMatchObject({ value: null, status: "undefined", reason: "no-spans" });
    }
  });

  it("unitizingAlpha is undefined with reason no-variation when nobody coded anything", () => {
    const r = unitizingAlpha({ length: 10, coders: ["A", "B"], spans: [] });
    expect(r.unitizingAlpha).toMatchObject({ value: null, status: "undefined", reason: "no-variation" });
    expect(r.unitizingAlphaBinary).toMatchObject({ value: null, status: "undefined", reason: "no-variation" });
    expect(r.unitizingAlphaCode).toMatchObject({ value: null, status: "undefined", reason: "no-jointly-coded-matter" });
  });

  it("unitizingAlpha with one coder is undefined with reason fewer-than-two-coders", () => {
    const r = unitizingAlpha({ length: 10, coders: ["A"], spans: [{ coder: "A", start: 0, end: 3, code: "x" }] });
    expect(r.unitizingAlpha).toMatchObject({ value: null, status: "undefined", reason: "fewer-than-two-coders" });
    expect(r.unitizingAlphaBinary.reason).toBe("fewer-than-two-coders");
  });

  it("unitizingAlpha refuses uα/cuα when one coder gave two codes to one position, but keeps |uα", () => {
    const r = unitizingAlpha({
      length: 10,
      coders: ["A", "B"],
      spans: [
        { coder: "A", start: 0, end: 5, code: "x" },
        { coder: "A", start: 3, end: 8, code: "y" },
        { coder: "B", start: 0, end: 8, code: "x" },
      ],
    });
    expect(r.unitizingAlpha).toMatchObject({ value: null, reason: "overlapping-codes" });
    expect(r.unitizingAlphaCode.reason).toBe("overlapping-codes");
    expect(r.unitizingAlphaPerCode["x"]?.reason).toBe("overlapping-codes");
    // A's union [0,8) equals B's [0,8): the segmentation itself agrees perfectly.
    expect(r.unitizingAlphaBinary.value).toBeCloseTo(1, 12);
    expect(r.unitizingAlphaPerCodeBinary["x"]?.status).toBe("ok");
  });

  it("unitizingAlpha merges overlapping spans of one coder with the same code into one unit", () => {
    const merged = unitizingAlpha({ length: 10, coders: ["A", "B"], spans: [
      { coder: "A", start: 0, end: 4, code: "x" }, { coder: "A", start: 2, end: 6, code: "x" },
      { coder: "B", start: 1, end: 6, code: "x" },
    ] });
    const single = unitizingAlpha({ length: 10, coders: ["A", "B"], spans: [
      { coder: "A", start: 0, end: 6, code: "x" }, { coder: "B", start: 1, end: 6, code: "x" },
    ] });
    expect(merged.unitizingAlpha.value).toBe(single.unitizingAlpha.value);
  });

  it("unitizingAlpha rejects a span outside its continuum with a RangeError", () => {
    expect(() => unitizingAlpha({ length: 5, coders: ["A", "B"], spans: [{ coder: "A", start: 3, end: 6, code: "x" }] })).toThrow(RangeError);
    expect(() => unitizingAlpha({ length: 5, coders: ["A"], spans: [{ coder: "Z", start: 0, end: 1, code: "x" }] })).toThrow(RangeError);
  });
});

// ---------- invariances and properties ----------

const spanArb = (coders: readonly string[], length: number): fc.Arbitrary<UnitizingSpan> =>
  fc
    .record({
      coder: fc.constantFrom(...coders),
      a: fc.integer({ min: 0, max: length - 1 }),
      len: fc.integer({ min: 1, max: 12 }),
      code: fc.constantFrom("x", "y", "z"),
    })
    .map(({ coder, a, len, code }) => ({ coder, start: a, end: Math.min(length, a + len), code }));

const continuumArb: fc.Arbitrary<UnitizingContinuum> = fc
  .record({ m: fc.integer({ min: 2, max: 4 }), length: fc.integer({ min: 5, max: 60 }) })
  .chain(({ m, length }) => {
    const coders = ["A", "B", "C", "D"].slice(0, m);
    return fc.array(spanArb(coders, length), { maxLength: 12 }).map((spans) => ({ length, coders, spans }));
  });

/** Keeps each coder's spans non-overlapping (drops later ones that collide), so uα is defined. */
function exclusive(c: UnitizingContinuum): UnitizingContinuum {
  const kept: UnitizingSpan[] = [];
  for (const s of c.spans) {
    if (!kept.some((k) => k.coder === s.coder && k.start < s.end && s.start < k.end)) kept.push(s);
  }
  return { ...c, spans: kept };
}

function values(r: ReturnType<typeof unitizingAlpha>): (number | null)[] {
  const perCode = (rec: Record<string, { value: number | null }>) => Object.keys(rec).sort().map((k) => rec[k]?.value ?? null);
  return [
    r.unitizingAlpha.value, r.unitizingAlphaBinary.value, r.unitizingAlphaCode.value,
    ...perCode(r.unitizingAlphaPerCode), ...perCode(r.unitizingAlphaPerCodeBinary),
  ];
}

function expectSameValues(a: (number | null)[], b: (number | null)[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => {
    const w = b[i] ?? null;
    if (v === null || w === null) expect(v).toBe(w);
    else expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9);
  });
}

/**
 * Position-by-position reference for uα, |uα and cuα (Krippendorff 2019, eqs. 32–37), written
 * independently of the sweep in src: every position, every ordered pair of coders.
 */
function bruteForce(c: UnitizingContinuum): { u: number | null; binary: number | null; cu: number | null } {
  const m = c.coders.length;
  const at = c.coders.map((coder) => {
    const row: (string | null)[] = new Array<string | null>(c.length).fill(null);
    for (const s of c.spans) if (s.coder === coder) for (let p = s.start; p < s.end; p++) row[p] = s.code;
    return row;
  });
  const alpha = (
    pairs: (a: string | null, b: string | null) => [string, string] | null,
    selfPairs: Map<string, number>,
  ): number | null => {
    const l = new Map<string, number>();
    const margin = new Map<string, number>();
    let total = 0;
    for (let p = 0; p < c.length; p++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          if (i === j) continue;
          const pair = pairs(at[i]?.[p] ?? null, at[j]?.[p] ?? null);
          if (pair === null) continue;
          const w = 1 / (m - 1);
          if (pair[0] === pair[1]) l.set(pair[0], (l.get(pair[0]) ?? 0) + w);
          margin.set(pair[0], (margin.get(pair[0]) ?? 0) + w);
          total += w;
        }
      }
    }
    const selfTotal = [...selfPairs.values()].reduce((a, b) => a + b, 0);
    let expectedSame = 0;
    for (const [v, n] of margin) expectedSame += (total * (n * n - (selfPairs.get(v) ?? 0))) / (total * total - selfTotal);
    const observedSame = [...l.values()].reduce((a, b) => a + b, 0);
    const De = total - expectedSame;
    return total > 0 && De > 1e-9 ? 1 - (total - observedSame) / De : null;
  };
  const unitSquares = (name: (code: string) => string, gaps: boolean): Map<string, number> => {
    const out = new Map<string, number>();
    for (const s of c.spans) out.set(name(s.code), (out.get(name(s.code)) ?? 0) + (s.end - s.start) ** 2);
    if (gaps) out.set("φ", at.reduce((n, row) => n + row.filter((v) => v === null).length, 0));
    return out;
  };
  const paired = new Map<string, number>();
  for (const s of c.spans) {
    let share = 0;
    for (let p = s.start; p < s.end; p++) {
      c.coders.forEach((coder, j) => {
        if (coder !== s.coder && at[j]?.[p] != null) share += 1 / (m - 1);
      });
    }
    paired.set(s.code, (paired.get(s.code) ?? 0) + share * share);
  }
  return {
    u: alpha((a, b) => [a ?? "φ", b ?? "φ"], unitSquares((k) => k, true)),
    binary: alpha((a, b) => [a === null ? "φ" : "coded", b === null ? "φ" : "coded"], unitSquares(() => "coded", true)),
    cu: alpha((a, b) => (a === null || b === null ? null : [a, b]), paired),
  };
}

describe("unitizingAlpha agrees with a position-by-position computation", () => {
  it("unitizingAlpha matches the brute-force uα, |uα and cuα on Figure 12.11", () => {
    const b = bruteForce(figure1211);
    const r = unitizingAlpha(figure1211);
    expect(r.unitizingAlpha.value).toBeCloseTo(b.u ?? Number.NaN, 12);
    expect(r.unitizingAlphaBinary.value).toBeCloseTo(b.binary ?? Number.NaN, 12);
    expect(r.unitizingAlphaCode.value).toBeCloseTo(b.cu ?? Number.NaN, 12);
  });

  it("unitizingAlpha matches the brute force on random codings without overlaps", () => {
    fc.assert(
      fc.property(continuumArb, (c0) => {
        const c = exclusive(c0);
        const b = bruteForce(c);
        const r = unitizingAlpha(c);
        expectSameValues([r.unitizingAlpha.value, r.unitizingAlphaBinary.value, r.unitizingAlphaCode.value], [b.u, b.binary, b.cu]);
        for (const code of Object.keys(r.unitizingAlphaPerCodeBinary)) {
          const layer = bruteForce({ ...c, spans: c.spans.filter((s) => s.code === code) });
          expectSameValues([r.unitizingAlphaPerCodeBinary[code]?.value ?? null], [layer.binary]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("unitizingAlpha invariances", () => {
  it("unitizingAlpha does not change when the continuum and all spans shift by an offset", () => {
    fc.assert(
      fc.property(continuumArb, fc.integer({ min: -1000, max: 1000 }), (c, offset) => {
        const shifted: UnitizingContinuum = {
          ...c,
          start: offset,
          spans: c.spans.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset })),
        };
        expectSameValues(values(unitizingAlpha(exclusive(c))), values(unitizingAlpha(exclusive(shifted))));
        expectSameValues(values(unitizingAlpha(c)), values(unitizingAlpha(shifted)));
      }),
      { numRuns: 60 },
    );
  });

  it("unitizingAlpha does not change when coders or spans are permuted", () => {
    fc.assert(
      fc.property(continuumArb, fc.integer(), (c0, seed) => {
        const c = exclusive(c0);
        const rotate = <T>(xs: readonly T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length] as T);
        const k = Math.abs(seed) % Math.max(1, c.coders.length);
        const permuted: UnitizingContinuum = { ...c, coders: rotate(c.coders, k), spans: [...c.spans].reverse() };
        expectSameValues(values(unitizingAlpha(c)), values(unitizingAlpha(permuted)));
      }),
      { numRuns: 60 },
    );
  });

  it("unitizingAlpha pools several documents as if they were concatenated", () => {
    fc.assert(
      fc.property(continuumArb, continuumArb, (a0, b0) => {
        const a = exclusive(a0);
        const b = exclusive({ ...b0, coders: a.coders, spans: b0.spans.filter((s) => a.coders.includes(s.coder)) });
        const joined: UnitizingContinuum = {
          length: a.length + b.length,
          coders: a.coders,
          spans: [...a.spans, ...b.spans.map((s) => ({ ...s, start: s.start + a.length, end: s.end + a.length }))],
        };
        expectSameValues(values(unitizingAlpha([a, b])), values(unitizingAlpha(joined)));
      }),
      { numRuns: 60 },
    );
  });

  it("unitizingAlpha never returns NaN and its values stay at most 1", () => {
    fc.assert(
      fc.property(continuumArb, (c) => {
        for (const v of [...values(unitizingAlpha(c)), ...values(unitizingAlpha(exclusive(c)))]) {
          if (v !== null) {
            expect(Number.isNaN(v)).toBe(false);
            expect(v).toBeLessThanOrEqual(1 + 1e-9);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("unitizingAlpha and unitizingAlphaPairwise2004 do not mutate frozen inputs", () => {
    fc.assert(
      fc.property(continuumArb, (c) => {
        const frozen = Object.freeze({
          ...c,
          coders: Object.freeze([...c.coders]),
          spans: Object.freeze(c.spans.map((s) => Object.freeze({ ...s }))),
        });
        const before = JSON.stringify(frozen);
        unitizingAlpha(frozen);
        unitizingAlpha([frozen, frozen]);
        unitizingAlphaPairwise2004(frozen);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it("unitizingAlpha handles 10^5 spans (a large study) and agrees with itself when split in two documents", () => {
    const coders = ["A", "B", "C"];
    const spans: UnitizingSpan[] = [];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const units = 33_334;
    for (let u = 0; u < units; u++) {
      const base = u * 30;
      const code = ["x", "y", "z"][u % 3] as string;
      for (const coder of coders) {
        const start = base + Math.floor(next() * 4);
        spans.push({ coder, start, end: start + 10 + Math.floor(next() * 10), code });
      }
    }
    const c: UnitizingContinuum = { length: units * 30, coders, spans };
    const r = unitizingAlpha(c);
    expect(spans.length).toBeGreaterThanOrEqual(100_000);
    expect(r.unitizingAlpha.status).toBe("ok");
    expect(r.unitizingAlpha.value).toBeGreaterThan(0.5);
    expect(r.unitizingAlpha.value).toBeLessThan(1);
    // Spans never cross a multiple of 30, so cutting there gives two documents with the same pooled sums.
    const cut = Math.floor(units / 2) * 30;
    const first: UnitizingContinuum = { length: cut, coders, spans: spans.filter((s) => s.end <= cut) };
    const second: UnitizingContinuum = {
      length: c.length - cut,
      coders,
      spans: spans.filter((s) => s.start >= cut).map((s) => ({ ...s, start: s.start - cut, end: s.end - cut })),
    };
    expectSameValues(values(unitizingAlpha([first, second])), values(r));
  });
});
