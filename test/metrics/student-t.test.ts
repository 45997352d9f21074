import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../src/metrics/_student-t.js";

describe("studentTQuantile", () => {
  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    // df = 1 is Cauchy: tan(π(p − 1/2)); df = 2: (2p − 1)/√(2p(1 − p)).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 12);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
  });

  it("matches printed table values (Abramowitz & Stegun Table 26.10, t at 0.975)", () => {
    const table: [number, number][] = [[5, 2.570582], [10, 2.228139], [29, 2.045230], [120, 1.979930]];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 6);
  });

  it("inverts its CDF", () => {
    for (const df of [3, 7, 11, 49, 500]) {
      for (const p of [0.01, 0.3, 0.975]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it("rejects p outside (0, 1) and df ≤ 0", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});
