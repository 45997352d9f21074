/**
 * Named degenerate cases for every kappa-family coefficient: one value only, one unit, all
 * missing, one coder, no units. Each returns a record with status "undefined", value null and a
 * reason, or a defined value worked out by hand below; never NaN or Infinity.
 */
import { describe, expect, it } from "vitest";
import type { MetricResult } from "../../src/model/reliability-matrix.js";
import { KAPPA_FAMILY, NUMERIC_METRICS, TWO_CODER_METRICS } from "./_kappa-family.js";
import { matrixOf } from "./_matrix.js";

function expectNoNonFinite(result: MetricResult): void {
  for (const x of [result.value, result.observed, result.expected, result.se, result.se0, ...(result.ci95 ?? [])]) {
    if (x !== null && x !== undefined) expect(Number.isFinite(x)).toBe(true);
  }
}

function expectUndefined(result: MetricResult, reason: string): void {
  expect(result.status).toBe("undefined");
  expect(result.value).toBeNull();
  expect(result.reason).toBe(reason);
  expectNoNonFinite(result);
}

const names = Object.keys(KAPPA_FAMILY);
const run = (name: string, threeCoders: Parameters<(typeof KAPPA_FAMILY)[string]>[0], twoCoders: typeof threeCoders): MetricResult =>
  (KAPPA_FAMILY[name] as (typeof KAPPA_FAMILY)[string])(TWO_CODER_METRICS.has(name) ? twoCoders : threeCoders);

describe("one value only (every rating is 3)", () => {
  const three = matrixOf([[3, 3, 3, 3], [3, 3, 3, 3], [3, 3, null, 3]]);
  const two = matrixOf([[3, 3, 3, 3], [3, 3, 3, 3]]);
  for (const name of names) {
    if (name === "percentAgreement" || name === "percentAgreementUnanimous") {
      it(`${name} is 1: agreement needs no variation`, () => {
        const result = run(name, three, two);
        expect(result.status).toBe("ok");
        expect(result.value).toBe(1);
        expectNoNonFinite(result);
      });
    } else {
      it(`${name} is undefined with reason no-variation (irrCAC NaN, AC1 = 1)`, () => expectUndefined(run(name, three, two), "no-variation"));
    }
  }
});

describe("one unit", () => {
  // Three coders rate the unit 1, 1, 2; two coders 1, 2. Hand-worked values:
  // pa = 2 agreeing ordered pairs of 6 = 1/3. Fleiss: π = (2/3, 1/3), pe = 5/9, κ = (1/3 − 5/9)/(4/9) = −1/2.
  // Conger/Davies–Fleiss: coder marginals (1,0), (1,0), (0,1); pe = mean over pairs = 1/3, κ = 0.
  // AC1 (and AC2, whose weights on two values are the identity): pe = Σπ(1 − π) = 4/9, AC1 = −1/5.
  // Brennan–Prediger: pe = 1/2, (1/3 − 1/2)/(1/2) = −1/3. Unanimous: 0.
  // Two coders 1 vs 2: Cohen p_o = 0, p_e = 0, κ = 0; Scott π = (1/2, 1/2), pe = 1/2, π = −1.
  const three = matrixOf([[1], [1], [2]]);
  const two = matrixOf([[1], [2]]);
  const expected: Record<string, number | string> = {
    percentAgreement: 1 / 3, percentAgreementUnanimous: 0, fleissKappa: -0.5, congerKappa: 0, daviesFleissKappa: 0,
    gwetAC1: -0.2, gwetAC2Linear: -0.2, gwetAC2Quadratic: -0.2, brennanPrediger: -1 / 3,
    cohenKappa: 0, weightedKappaLinear: 0, weightedKappaQuadratic: 0, scottPi: -1,
    // The pairs (1, 1) have chance agreement 1, so their kappa, and Light's mean, is undefined.
    lightKappa: "no-variation", lightKappaPairwiseDeletion: "no-variation",
  };
  for (const name of names) {
    const want = expected[name];
    if (typeof want === "string") {
      it(`${name} is undefined with reason ${want}`, () => expectUndefined(run(name, three, two), want));
    } else {
      it(`${name} = ${want}, with no standard error from a single unit`, () => {
        const result = run(name, three, two);
        expect(result.status).toBe("ok");
        expect(result.value).toBeCloseTo(want as number, 12);
        expect(result.se ?? null).toBeNull();
        expect(result.ci95 ?? null).toBeNull();
        expectNoNonFinite(result);
      });
    }
  }
});

describe("all missing", () => {
  const three = matrixOf([[null, null], [null, null], [null, null]]);
  const two = matrixOf([[null, null], [null, null]]);
  const listwise = new Set(["percentAgreementUnanimous", "lightKappa", "daviesFleissKappa"]);
  for (const name of names) {
    const reason = listwise.has(name) ? "no-complete-units" : "no-pairable-units";
    it(`${name} is undefined with reason ${reason}`, () => expectUndefined(run(name, three, two), reason));
  }
});

describe("one coder", () => {
  const one = matrixOf([[1, 2, 2, 1]]);
  for (const name of names) {
    const reason = TWO_CODER_METRICS.has(name) ? "not-two-coders" : "fewer-than-two-coders";
    it(`${name} is undefined with reason ${reason}`, () => expectUndefined(run(name, one, one), reason));
  }
});

describe("no units", () => {
  const three = { coders: ["a", "b", "c"], units: [], values: [[], [], []] };
  const two = { coders: ["a", "b"], units: [], values: [[], []] };
  for (const name of names) {
    it(`${name} is undefined with reason no-units`, () => expectUndefined(run(name, three, two), "no-units"));
  }
});

describe("wrong number of coders or non-numeric values", () => {
  const three = matrixOf([["a", "b", "a"], ["a", "b", "b"], ["b", "b", "a"]]);
  for (const name of TWO_CODER_METRICS) {
    it(`${name} is undefined with reason not-two-coders for three coders`, () =>
      expectUndefined((KAPPA_FAMILY[name] as (typeof KAPPA_FAMILY)[string])(three), "not-two-coders"));
  }
  for (const name of NUMERIC_METRICS) {
    it(`${name} is undefined with reason non-numeric-values for labels`, () =>
      expectUndefined((KAPPA_FAMILY[name] as (typeof KAPPA_FAMILY)[string])(matrixOf([["a", "b", "a"], ["a", "b", "b"]])), "non-numeric-values"));
  }
  it("a ragged matrix is a programmer error (RangeError)", () => {
    expect(() => (KAPPA_FAMILY["fleissKappa"] as (typeof KAPPA_FAMILY)[string])({ coders: ["a", "b"], units: ["u"], values: [[1], []] })).toThrow(RangeError);
  });
});
