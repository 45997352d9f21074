import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SetMatrix } from "../../src/model/reliability-matrix.js";
import {
  jaccardDistance,
  krippendorffAlphaSets,
  masiDistance,
  masiDistanceNltk,
} from "../../src/metrics/krippendorff-alpha-sets.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";

// Hand-worked case (seeds/krippendorff-alpha-sets-worked-example.md):
// unit 1: {a} / {a}; unit 2: {a,b} / {a}; unit 3: {b} / {c}. n.. = 6 pairable values.
const worked: SetMatrix = {
  coders: ["A", "B"],
  units: ["1", "2", "3"],
  values: [
    [["a"], ["a", "b"], ["b"]],
    [["a"], ["a"], ["c"]],
  ],
};

describe("set distances", () => {
  it("masiDistance gives the exact 2/3 and 1/3 monotonicity weights of Passonneau (2006)", () => {
    expect(masiDistance(["a"], ["a", "b"])).toBe(1 - (1 / 2) * (2 / 3)); // subset: J = 1/2, M = 2/3
    expect(masiDistance(["a", "b"], ["b", "c"])).toBe(1 - (1 / 3) * (1 / 3)); // overlap: J = 1/3, M = 1/3
    expect(masiDistance(["a", "b"], ["b", "a"])).toBe(0);
    expect(masiDistance(["a"], ["b"])).toBe(1);
  });

  it("masiDistance treats two empty sets as equal and the empty set as disjoint from any other", () => {
    expect(masiDistance([], [])).toBe(0);
    expect(masiDistance([], ["a"])).toBe(1);
    expect(jaccardDistance([], [])).toBe(0);
    expect(jaccardDistance([], ["a"])).toBe(1);
  });

  it("masiDistanceNltk rounds the weights to 0.67 and 0.33 as nltk 3.8 does", () => {
    expect(masiDistanceNltk(["a"], ["a", "b"])).toBeCloseTo(1 - 0.5 * 0.67, 15);
    expect(masiDistanceNltk(["a", "b"], ["b", "c"])).toBeCloseTo(1 - (1 / 3) * 0.33, 15);
  });

  it("ignores order and repeated codes", () => {
    expect(masiDistance(["b", "a", "a"], ["a", "b"])).toBe(0);
    expect(jaccardDistance(["a", "a", "b"], ["b", "c"])).toBeCloseTo(1 - 1 / 3, 15);
  });
});

describe("krippendorffAlphaSets", () => {
  it("matches the hand-worked MASI case: D_o = 5/9, D_e = 32/45, alpha = 7/32", () => {
    const r = krippendorffAlphaSets(worked, "masi");
    expect(r.coefficient).toBe("alphaMasi");
    expect(r.level).toBe("set");
    expect(r.observed).toBeCloseTo(5 / 9, 14);
    expect(r.expected).toBeCloseTo(32 / 45, 14);
    expect(r.value).toBeCloseTo(7 / 32, 14);
    expect(r.pairable).toBe(6);
    expect(r.units).toBe(3);
  });

  it("matches the hand-worked Jaccard (1/4) and whole-set nominal (1/6) cases", () => {
    const j = krippendorffAlphaSets(worked, "jaccard");
    expect(j.coefficient).toBe("alphaJaccard");
    expect(j.observed).toBeCloseTo(1 / 2, 14);
    expect(j.expected).toBeCloseTo(2 / 3, 14);
    expect(j.value).toBeCloseTo(1 / 4, 14);
    const n = krippendorffAlphaSets(worked, "nominal");
    expect(n.coefficient).toBe("alphaNominalWholeSet");
    expect(n.value).toBeCloseTo(1 / 6, 14);
  });

  it("uses nltk's rounded weights for masi-nltk: D_o = 3.33/6, D_e = 21.32/30", () => {
    // δ({a},{a,b}) = δ({a,b},{b}) = 1 − 0.5 · 0.67 = 0.665; see the worked example for the sums.
    const r = krippendorffAlphaSets(worked, "masi-nltk");
    expect(r.coefficient).toBe("alphaMasiNltk");
    expect(r.observed).toBeCloseTo(3.33 / 6, 14);
    expect(r.expected).toBeCloseTo(21.32 / 30, 14);
    expect(r.value).toBeCloseTo(1 - 3.33 / 6 / (21.32 / 30), 14);
  });

  it("whole-set nominal alpha equals nominal alpha on the sets' canonical labels", () => {
    const labels = { ...worked, values: worked.values.map((row) => row.map((s) => (s === null ? null : [...s].sort().join("+")))) };
    expect(krippendorffAlphaSets(worked, "nominal").value).toBeCloseTo(krippendorffAlpha(labels).value as number, 14);
  });

  it("treats [] as the empty set and null as missing", () => {
    const m: SetMatrix = { coders: ["A", "B"], units: ["1", "2", "3"], values: [[[], ["a"], null], [[], ["a"], ["b"]]] };
    const r = krippendorffAlphaSets(m, "masi");
    expect(r.pairable).toBe(4);
    expect(r.value).toBe(1);
  });

  it("is undefined with no-variation when every rating is the same set", () => {
    const m: SetMatrix = { coders: ["A", "B"], units: ["1", "2"], values: [[["a", "b"], ["b", "a"]], [["a", "b"], ["a", "b", "b"]]] };
    const r = krippendorffAlphaSets(m, "masi");
    expect(r.status).toBe("undefined");
    expect(r.reason).toBe("no-variation");
    expect(r.value).toBeNull();
  });

  it("is undefined with no-pairable-values when no unit has two ratings", () => {
    const m: SetMatrix = { coders: ["A", "B"], units: ["1", "2"], values: [[["a"], null], [null, ["b"]]] };
    expect(krippendorffAlphaSets(m, "jaccard").reason).toBe("no-pairable-values");
  });

  it("does not depend on the order of codes inside a set, and does not mutate its input", () => {
    const labels = ["a", "b", "c"];
    const setArb = fc.subarray(labels).chain((s) => fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }));
    fc.assert(
      fc.property(fc.array(fc.tuple(setArb, setArb, fc.option(setArb)), { minLength: 2, maxLength: 12 }), (rows) => {
        const m: SetMatrix = deepFreeze({
          coders: ["A", "B", "C"],
          units: rows.map((_, i) => String(i)),
          values: [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
        });
        const reversed: SetMatrix = { ...m, values: m.values.map((row) => row.map((s) => (s === null ? null : [...s].reverse()))) };
        for (const d of ["masi", "masi-nltk", "jaccard", "nominal"] as const) {
          const a = krippendorffAlphaSets(m, d);
          const b = krippendorffAlphaSets(reversed, d);
          expect(b.status).toBe(a.status);
          if (a.value !== null) expect(b.value as number).toBeCloseTo(a.value, 12);
        }
      }),
      { numRuns: 60 },
    );
  });
});

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object") {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe("krippendorffAlphaSets with many distinct sets", () => {
  it("past 2048 distinct sets still matches a direct computation of Jaccard D_o and D_e", () => {
    // 14 labels, 1,300 units × 2 coders of random subsets: more than 2048 distinct sets.
    let state = 12345;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 16384;
    const masks = Array.from({ length: 2600 }, next);
    const toSet = (mask: number): string[] => Array.from({ length: 14 }, (_, i) => (mask >> i) & 1 ? `L${i}` : "").filter(Boolean);
    const m: SetMatrix = {
      coders: ["A", "B"],
      units: Array.from({ length: 1300 }, (_, i) => String(i)),
      values: [masks.slice(0, 1300).map(toSet), masks.slice(1300).map(toSet)],
    };
    expect(new Set(masks).size).toBeGreaterThan(2048);
    const popcount = (x: number): number => { let c = 0; for (; x; x &= x - 1) c++; return c; };
    const jaccard = (a: number, b: number): number => (a === b ? 0 : 1 - popcount(a & b) / popcount(a | b));
    let observed = 0;
    for (let u = 0; u < 1300; u++) observed += 2 * jaccard(masks[u] as number, masks[u + 1300] as number);
    observed /= 2600;
    let expected = 0;
    for (const a of masks) for (const b of masks) expected += jaccard(a, b);
    expected /= 2600 * 2599;
    const r = krippendorffAlphaSets(m, "jaccard");
    expect(r.observed as number).toBeCloseTo(observed, 12);
    expect((r.expected as number) / expected).toBeCloseTo(1, 10); // 6.8 million terms summed in another order
    expect(r.value as number).toBeCloseTo(1 - observed / expected, 10);
    const whole = krippendorffAlphaSets(m, "nominal");
    const labels = { ...m, values: m.values.map((row) => row.map((s) => (s === null ? null : s.join("+")))) };
    expect(whole.value as number).toBeCloseTo(krippendorffAlpha(labels).value as number, 12);
  });
});
