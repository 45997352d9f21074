import { describe, expect, it } from "vitest";
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import { alphaBootstrap, alphaMetric, unitsBootstrap } from "../../src/metrics/bootstrap.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { readLongCsv, REFERENCE_DIR } from "./_reference.js";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { exampleC } from "./_matrix.js";

const video = readLongCsv(readFileSync(join(REFERENCE_DIR, "irr_video.csv"), "utf8"));

describe("alphaBootstrap (Krippendorff & Hayes)", () => {
  it("gives identical numbers for the same seed and different ones for another seed", () => {
    const a = alphaBootstrap(exampleC, { level: "interval", seed: 11, resamples: 500, keepValues: true });
    const b = alphaBootstrap(exampleC, { level: "interval", seed: 11, resamples: 500, keepValues: true });
    const c = alphaBootstrap(exampleC, { level: "interval", seed: 12, resamples: 500, keepValues: true });
    expect(b).toEqual(a);
    expect(c.values).not.toEqual(a.values);
    expect(a.seed).toBe(11);
    expect(a.resamples).toBe(500);
  });

  it("draws M = min(25 Q, (m − 1) n.. / 2) = 3 · 40 / 2 = 60 pairs for example C", () => {
    expect(alphaBootstrap(exampleC, { seed: 1 }).draws).toBe(60);
  });

  it("returns an interval containing the estimate, and consistent probabilities", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const b = alphaBootstrap(exampleC, { level, seed: 3 });
      const [lo, hi] = b.ci95 as [number, number];
      expect(b.status).toBe("ok");
      expect(lo).toBeLessThanOrEqual(b.estimate as number);
      expect(hi).toBeGreaterThanOrEqual(b.estimate as number);
      expect(hi).toBeLessThanOrEqual(1);
      const p = b.pBelow as { "0.667": number; "0.8": number };
      expect(p["0.667"]).toBeLessThanOrEqual(p["0.8"]);
      expect(p["0.8"]).toBeLessThanOrEqual(1);
    }
  });

  it("centres the resampled D_o on the data's: the mean of the values is near alpha", () => {
    const b = alphaBootstrap(video, { level: "interval", seed: 5, resamples: 2000, keepValues: true });
    const values = b.values as number[];
    expect(values).toHaveLength(2000);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - (b.estimate as number))).toBeLessThan(0.02);
    expect([...values].sort((x, y) => x - y)).toEqual(values);
  });

  it("reports how far the interval moves from N to 2N resamples", () => {
    const b = alphaBootstrap(video, { level: "interval", seed: 5, resamples: 1000 });
    const s = b.stability as { ci95At2N: [number, number]; maxShift: number };
    const [lo, hi] = b.ci95 as [number, number];
    expect(s.maxShift).toBe(Math.max(Math.abs(lo - s.ci95At2N[0]), Math.abs(hi - s.ci95At2N[1])));
    expect(s.maxShift).toBeLessThan(0.05);
  });

  it("sets resamples without variation to 0 when one value holds the whole diagonal", () => {
    // 9 units agree on a, one unit is a/b: n.. = 20, D_e = 0.1, M = min(75, 10) = 10, so
    // α* = 1 − k with k the number of a–b draws: k = 0 has no variation (→ 0), k = 1 gives 0, k ≥ 2 gives −1.
    const m: ReliabilityMatrix = {
      coders: ["A", "B"],
      units: Array.from({ length: 10 }, (_, i) => String(i)),
      values: [Array(10).fill("a"), [...Array(9).fill("a"), "b"]],
    };
    const b = alphaBootstrap(m, { seed: 2, keepValues: true });
    expect(b.draws).toBe(10);
    expect(new Set(b.values)).toEqual(new Set([0, -1]));
    const zeros = (b.values as number[]).filter((v) => v === 0).length / 1000;
    expect(Math.abs(zeros - (0.9 ** 10 + 10 * 0.1 * 0.9 ** 9))).toBeLessThan(0.05);
  });

  it("is undefined, with alpha's reason, when alpha is undefined", () => {
    const m: ReliabilityMatrix = { coders: ["A", "B"], units: ["1"], values: [["x"], ["x"]] };
    const b = alphaBootstrap(m, { seed: 1 });
    expect(b).toMatchObject({ status: "undefined", reason: "no-variation", ci95: null, pBelow: null, stability: null });
  });

  it("rejects a non-positive number of resamples and a fractional seed", () => {
    expect(() => alphaBootstrap(exampleC, { resamples: 0 })).toThrow(RangeError);
    expect(() => alphaBootstrap(exampleC, { seed: 0.5 })).toThrow(RangeError);
  });
});

describe("unitsBootstrap", () => {
  it("gives the same numbers from per-unit statistics as from rebuilt matrices", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const fast = unitsBootstrap(video, alphaMetric({ level }), { seed: 9, resamples: 200, keepValues: true });
      const slow = unitsBootstrap(video, (x) => krippendorffAlpha(x, { level }), { seed: 9, resamples: 200, keepValues: true });
      expect(fast.method).toBe("units");
      expect(fast.undefinedResamples).toBe(slow.undefinedResamples);
      const a = fast.values as number[];
      const b = slow.values as number[];
      expect(a).toHaveLength(b.length);
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i] as number, 12));
      expect(alphaBootstrap(video, { level, seed: 9, resamples: 200, method: "units" }).ci95).toEqual(fast.ci95);
    }
  });

  it("is deterministic per seed and brackets the estimate", () => {
    const metric = (x: ReliabilityMatrix) => krippendorffAlpha(x, { level: "interval" });
    const a = unitsBootstrap(exampleC, metric, { seed: 4, resamples: 300 });
    expect(unitsBootstrap(exampleC, metric, { seed: 4, resamples: 300 })).toEqual(a);
    expect(unitsBootstrap(exampleC, metric, { seed: 5, resamples: 300 }).ci95).not.toEqual(a.ci95);
    const [lo, hi] = a.ci95 as [number, number];
    expect(lo).toBeLessThan(a.estimate as number);
    expect(hi).toBeGreaterThanOrEqual(a.estimate as number);
  });

  it("counts and leaves out resamples on which the coefficient is undefined", () => {
    // Two units: a resample that draws the agreeing unit twice has no variation.
    const m: ReliabilityMatrix = { coders: ["A", "B"], units: ["1", "2"], values: [["x", "x"], ["x", "y"]] };
    const b = unitsBootstrap(m, alphaMetric(), { seed: 1, resamples: 400, keepValues: true });
    expect(b.undefinedResamples).toBeGreaterThan(50);
    expect((b.values as number[]).length + (b.undefinedResamples as number)).toBe(400);
  });

  it("does not mutate a frozen input", () => {
    const frozen = structuredClone(exampleC);
    frozen.values.forEach((r) => Object.freeze(r));
    Object.freeze(frozen.values);
    Object.freeze(frozen);
    expect(() => unitsBootstrap(frozen, (x) => krippendorffAlpha(x), { resamples: 50 })).not.toThrow();
    expect(() => alphaBootstrap(frozen, { resamples: 50 })).not.toThrow();
    expect(frozen).toEqual(exampleC);
  });
});
