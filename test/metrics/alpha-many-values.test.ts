// The path for tables with too many distinct values for V × V tables must give the same
// numbers as the dense path; here both run on the reference cases (few values), and the
// many-values path is also checked on 3,000 distinct scores against a direct double loop.
import { describe, expect, it } from "vitest";
import type { Level, ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { pairDistance } from "../../src/metrics/_alpha-distances.js";
import { alphaManyValues } from "../../src/metrics/_alpha-many-values.js";
import { compareScalars, encodeScalars } from "../../src/metrics/_coincidences.js";
import { createRng } from "../../src/metrics/_rng.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { referenceCases } from "./_reference.js";

const LEVELS: Level[] = ["nominal", "ordinal", "interval", "ratio"];

function manyValues(m: ReliabilityMatrix, level: Level) {
  const coded = encodeScalars(m, compareScalars);
  return alphaManyValues("x", level, coded, (marginals) => pairDistance(coded.values, { level }, marginals));
}

describe("alpha without V × V tables", () => {
  for (const ref of referenceCases()) {
    it(`agrees with the dense path on ${ref.name}`, () => {
      const numeric = ref.matrix.values.every((row) => row.every((v) => v === null || typeof v === "number"));
      for (const level of numeric ? LEVELS : (["nominal", "ordinal"] as Level[])) {
        const dense = krippendorffAlpha(ref.matrix, { level });
        const sparse = manyValues(ref.matrix, level);
        expect(sparse.status).toBe(dense.status);
        expect(sparse.value as number).toBeCloseTo(dense.value as number, 12);
        expect(sparse.expected as number).toBeCloseTo(dense.expected as number, 9);
        expect(sparse.se as number).toBeCloseTo(dense.se as number, 12);
        expect(sparse.ci95).toEqual(dense.ci95?.map((x) => expect.closeTo(x, 12)));
      }
    });
  }

  it("is taken past 2048 distinct values, and matches a direct computation of D_o and D_e", () => {
    const rng = createRng(5);
    const truth = Array.from({ length: 1500 }, () => rng() * 100);
    const values = [0, 1].map(() => truth.map((t) => (rng() < 0.1 ? null : Math.round((t + rng() * 10) * 100) / 100)));
    const m: ReliabilityMatrix = { coders: ["a", "b"], units: truth.map((_, i) => String(i)), values };
    const pairable = truth.flatMap((_, u) => (values[0]?.[u] != null && values[1]?.[u] != null ? [values[0][u] as number, values[1][u] as number] : []));
    expect(new Set(pairable).size).toBeGreaterThan(2048);
    // Two coders: D_o = (1/n) Σ_units 2 (a − b)²; D_e = Σ_{i≠j} (v_i − v_j)² / (n (n − 1)).
    let observed = 0;
    for (let i = 0; i < pairable.length; i += 2) observed += 2 * ((pairable[i] as number) - (pairable[i + 1] as number)) ** 2;
    observed /= pairable.length;
    let expected = 0;
    for (const a of pairable) for (const b of pairable) expected += (a - b) ** 2;
    expected /= pairable.length * (pairable.length - 1);
    const r = krippendorffAlpha(m, { level: "interval" });
    expect(r.observed as number).toBeCloseTo(observed, 9);
    expect((r.expected as number) / expected).toBeCloseTo(1, 12);
    expect(r.value as number).toBeCloseTo(1 - observed / expected, 12);
  });
});
