// The single-pass route (small non-negative integer values) must give the same record as the
// general route (codes, coincidence matrix, then a second pass for the standard error).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Level, MetricResult, ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { alphaResult } from "../../src/metrics/_alpha-core.js";
import { alphaOnePass } from "../../src/metrics/_alpha-one-pass.js";
import { krippendorffAlpha, prepareAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { referenceCases } from "./_reference.js";

function both(m: ReliabilityMatrix, level: Level): [MetricResult | null, MetricResult] {
  const p = prepareAlpha(m, { level });
  const general = alphaResult(p.coefficient, p.level, p.coded, p.coincidences, p.delta);
  const fast = alphaOnePass(m, { level, coefficient: p.coefficient, reportedLevel: p.level, standardError: true });
  return [fast, general];
}

function expectSame(fast: MetricResult | null, general: MetricResult): void {
  expect(fast).not.toBeNull();
  const f = fast as MetricResult;
  expect(f.status).toBe(general.status);
  expect(f.reason).toBe(general.reason);
  expect([f.units, f.coders, f.pairable]).toEqual([general.units, general.coders, general.pairable]);
  for (const key of ["value", "observed", "expected", "se"] as const) {
    // The standard error comes from expanded sums of squares: allow for their cancellation.
    if (typeof general[key] === "number") expect(f[key] as number).toBeCloseTo(general[key] as number, key === "se" ? 10 : 12);
    else expect(f[key]).toEqual(general[key]);
  }
}

describe("alphaOnePass", () => {
  it("equals the general route on the numeric reference cases", () => {
    for (const ref of referenceCases()) {
      const numeric = ref.matrix.values.every((row) => row.every((v) => v === null || typeof v === "number"));
      if (!numeric) continue;
      for (const level of ["nominal", "interval", "ratio"] as const) expectSame(...both(ref.matrix, level));
    }
  });

  it("equals the general route on random tables with missing values (or hands over to it)", () => {
    let taken = 0;
    let total = 0;
    const arb = fc
      .record({ coders: fc.integer({ min: 2, max: 6 }), units: fc.integer({ min: 1, max: 30 }) })
      .chain(({ coders, units }) =>
        fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }), { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }),
      );
    fc.assert(
      fc.property(arb, (values) => {
        const m: ReliabilityMatrix = { coders: values.map((_, i) => `c${i}`), units: (values[0] ?? []).map((_, i) => `u${i}`), values };
        for (const level of ["nominal", "interval", "ratio"] as const) {
          const [fast, general] = both(m, level);
          total++;
          if (fast === null) {
            // Declined: the x_i cancel (e.g. perfect agreement); krippendorffAlpha then uses the general route.
            expect(krippendorffAlpha(m, { level })).toEqual(general);
          } else {
            taken++;
            expectSame(fast, general);
          }
        }
      }),
      { numRuns: 150, seed: 20261129 },
    );
    expect(taken / total).toBeGreaterThan(0.5);
  });

  it("declines ordinal data, non-integer values and strings", () => {
    const opts = { coefficient: "x", reportedLevel: undefined, standardError: true };
    const m = (v: (string | number | null)[][]): ReliabilityMatrix => ({ coders: ["a", "b"], units: ["1", "2"], values: v });
    expect(alphaOnePass(m([[1, 2], [1, 2]]), { level: "ordinal", ...opts })).toBeNull();
    expect(alphaOnePass(m([[1.5, 2], [1, 2]]), { level: "interval", ...opts })).toBeNull();
    expect(alphaOnePass(m([["1", 2], [1, 2]]), { level: "nominal", ...opts })).toBeNull();
    expect(alphaOnePass(m([[-1, 2], [1, 2]]), { level: "interval", ...opts })).toBeNull();
  });
});
