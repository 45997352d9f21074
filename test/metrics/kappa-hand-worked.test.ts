/**
 * Small cases worked by hand (fractions in the comments), independent of any package.
 */
import { describe, expect, it } from "vitest";
import { brennanPrediger } from "../../src/metrics/brennan-prediger.js";
import { cohenKappa } from "../../src/metrics/cohen-kappa.js";
import { congerKappa } from "../../src/metrics/conger-kappa.js";
import { daviesFleissKappa } from "../../src/metrics/davies-fleiss-kappa.js";
import { fleissKappa } from "../../src/metrics/fleiss-kappa.js";
import { gwetAC1 } from "../../src/metrics/gwet-ac1.js";
import { gwetAC2 } from "../../src/metrics/gwet-ac2.js";
import { lightKappa } from "../../src/metrics/light-kappa.js";
import { lightKappaPairwiseDeletion } from "../../src/metrics/light-kappa-pairwise-deletion.js";
import { percentAgreement } from "../../src/metrics/percent-agreement.js";
import { percentAgreementUnanimous } from "../../src/metrics/percent-agreement-unanimous.js";
import { scottPi } from "../../src/metrics/scott-pi.js";
import { studentTQuantile } from "../../src/metrics/student-t.js";
import { matrixOf } from "./_matrix.js";

// Units: [a,a,a], [a,a,b], [b,b,b], [a,b,b] (coders in rows).
const threeCoders = matrixOf([
  ["a", "a", "b", "a"],
  ["a", "a", "b", "b"],
  ["a", "b", "b", "b"],
]);

describe("three coders, four units, two labels", () => {
  it("percentAgreement: pa_i = 1, 1/3, 1, 1/3, so pa = 2/3", () => {
    expect(percentAgreement(threeCoders).value).toBeCloseTo(2 / 3, 15);
  });
  it("percentAgreementUnanimous: 2 of 4 units unanimous", () => {
    expect(percentAgreementUnanimous(threeCoders).value).toBe(0.5);
  });
  it("fleissKappa: π = (1/2, 1/2), pe = 1/2, κ = (2/3 − 1/2)/(1/2) = 1/3", () => {
    const result = fleissKappa(threeCoders);
    expect(result.value).toBeCloseTo(1 / 3, 15);
    expect(result.observed).toBeCloseTo(2 / 3, 15);
    expect(result.expected).toBeCloseTo(1 / 2, 15);
    expect([result.units, result.coders, result.pairable]).toEqual([4, 3, 12]);
  });
  it("gwetAC1 and brennanPrediger: pe = 1/2 for two balanced labels, so 1/3", () => {
    expect(gwetAC1(threeCoders).value).toBeCloseTo(1 / 3, 15);
    expect(brennanPrediger(threeCoders).value).toBeCloseTo(1 / 3, 15);
  });
  it("congerKappa and daviesFleissKappa: pair chance 1/2, 3/8, 1/2, pe = 11/24, κ = 5/13", () => {
    expect(congerKappa(threeCoders).value).toBeCloseTo(5 / 13, 15);
    expect(daviesFleissKappa(threeCoders).value).toBeCloseTo(5 / 13, 15);
  });
  it("lightKappa: pair kappas 1/2, 1/5, 1/2, mean 0.4", () => {
    expect(lightKappa(threeCoders).value).toBeCloseTo(0.4, 15);
    expect(lightKappaPairwiseDeletion(threeCoders).value).toBeCloseTo(0.4, 15);
  });
});

describe("missing data follows Gwet (2014)", () => {
  // A fifth unit rated only by coder 1 ("a"): pa keeps its 4 pairable units (2/3), but
  // π_a = (1 + 2/3 + 0 + 1/3 + 1)/5 = 3/5, pe = 9/25 + 4/25 = 13/25, κ = (2/3 − 13/25)/(12/25) = 11/36.
  const withLone = matrixOf([
    ["a", "a", "b", "a", "a"],
    ["a", "a", "b", "b", null],
    ["a", "b", "b", "b", null],
  ]);
  it("fleissKappa counts a lone rating in the chance term only", () => {
    const result = fleissKappa(withLone);
    expect(result.observed).toBeCloseTo(2 / 3, 15);
    expect(result.value).toBeCloseTo(11 / 36, 15);
    expect(result.units).toBe(5);
  });
  it("lightKappa drops the incomplete unit (listwise), the pairwise variant keeps every shared unit", () => {
    expect(lightKappa(withLone).units).toBe(4);
    expect(lightKappa(withLone).value).toBeCloseTo(0.4, 15);
    expect(lightKappaPairwiseDeletion(withLone).value).toBeCloseTo(0.4, 15);
  });
});

describe("two coders", () => {
  it("cohenKappa: p_o = 3/4, margins (1/2, 1/2) and (1/4, 3/4), p_e = 1/2, κ = 1/2", () => {
    const result = cohenKappa(matrixOf([["a", "a", "b", "b"], ["a", "b", "b", "b"]]));
    expect(result.value).toBeCloseTo(0.5, 15);
    expect(result.observed).toBeCloseTo(0.75, 15);
    expect(result.expected).toBeCloseTo(0.5, 15);
  });
  it("scottPi: π = (3/8, 5/8), p_e = 17/32, π = (3/4 − 17/32)/(15/32) = 7/15", () => {
    expect(scottPi(matrixOf([["a", "a", "b", "b"], ["a", "b", "b", "b"]])).value).toBeCloseTo(7 / 15, 15);
  });
  it("weighted kappa (linear): p_o = 3/4, p_e = 9/16, κ_w = 3/7", () => {
    // Pairs (1,1), (2,3), (3,3), (3,2); w(1,2) = w(2,3) = 1/2, w(1,3) = 0.
    const result = cohenKappa(matrixOf([[1, 2, 3, 3], [1, 3, 3, 2]]), "linear");
    expect(result.value).toBeCloseTo(3 / 7, 15);
    expect(result.expected).toBeCloseTo(9 / 16, 15);
  });
  it("weighted kappa uses category index, not value: 1, 2, 10 weigh like 1, 2, 3", () => {
    const byIndex = cohenKappa(matrixOf([[1, 2, 3, 3], [1, 3, 3, 2]]), "quadratic").value;
    expect(cohenKappa(matrixOf([[1, 2, 10, 10], [1, 10, 10, 2]]), "quadratic").value).toBeCloseTo(byIndex as number, 15);
  });
  it("gwetAC2 uses category value (irrCAC): 1, 2, 10 differ from 1, 2, 3", () => {
    const consecutive = gwetAC2(matrixOf([[1, 2, 3, 3], [1, 3, 3, 2]]), "linear").value as number;
    expect(gwetAC2(matrixOf([[1, 2, 10, 10], [1, 10, 10, 2]]), "linear").value).not.toBeCloseTo(consecutive, 6);
  });
  it("percentAgreement SE: pa_i = 1, 0, 1, var = (1/9 + 4/9 + 1/9)/(3·2), se = 1/3, CI upper capped at 1", () => {
    const result = percentAgreement(matrixOf([["a", "a", "b"], ["a", "b", "b"]]));
    expect(result.value).toBeCloseTo(2 / 3, 15);
    expect(result.se).toBeCloseTo(1 / 3, 15);
    expect(result.ci95?.[0]).toBeCloseTo(2 / 3 - studentTQuantile(0.975, 2) / 3, 12);
    expect(result.ci95?.[1]).toBe(1);
  });
});
