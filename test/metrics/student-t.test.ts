import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, studentTCdf, studentTQuantile } from "../../src/metrics/student-t.js";

// Closed forms (Abramowitz & Stegun 26.7): df = 1 Cauchy, df = 2, df = 4 (Hill 1970).
const exactQuantile: Record<number, (p: number) => number> = {
  1: (p) => Math.tan(Math.PI * (p - 0.5)),
  2: (p) => (2 * p - 1) / Math.sqrt(2 * p * (1 - p)),
  4: (p) => {
    const a = 4 * p * (1 - p);
    const q = Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a);
    return Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1);
  },
};

describe("studentTQuantile", () => {
  for (const df of [1, 2, 4]) {
    it(`matches the closed form for df = ${df} to 1e-12 (relative)`, () => {
      for (const p of [0.5001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 0.025, 0.1]) {
        const exact = (exactQuantile[df] as (p: number) => number)(p);
        expect(Math.abs(studentTQuantile(p, df) - exact)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(exact)));
      }
    });
  }

  it("matches published t(0.975, df) table values (R qt)", () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456301238, 12);
  });

  it("agrees with the closed-form CDF for odd df = 3 and 5 (A&S 26.7.3)", () => {
    const cdf3 = (t: number): number => {
      const theta = Math.atan(t / Math.sqrt(3));
      return 0.5 + (theta + Math.sin(theta) * Math.cos(theta)) / Math.PI;
    };
    const cdf5 = (t: number): number => {
      const theta = Math.atan(t / Math.sqrt(5));
      return 0.5 + (theta + Math.sin(theta) * Math.cos(theta) * (1 + (2 / 3) * Math.cos(theta) ** 2)) / Math.PI;
    };
    for (const p of [0.6, 0.9, 0.95, 0.975, 0.995]) {
      expect(cdf3(studentTQuantile(p, 3))).toBeCloseTo(p, 14);
      expect(cdf5(studentTQuantile(p, 5))).toBeCloseTo(p, 14);
    }
  });

  it("tends to the normal quantile 1.959963984540054 as df grows", () => {
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 13);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
  });

  it("is 0 at the median and antisymmetric", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.1, 7)).toBeCloseTo(-studentTQuantile(0.9, 7), 13);
  });

  it("inverts the CDF for any p and df", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects p outside (0, 1) and df ≤ 0", () => {
    expect(() => studentTQuantile(0, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(RangeError);
  });
});
