/**
 * Every reference case in test/fixtures/reference/ against the kappa family: each expected metric
 * whose name is one of ours (value, SE, SE0, CI95) must be produced and match, values to 1e-9,
 * standard errors and intervals to 1e-6. A reference number we return as null fails.
 * Sources of each number are in the case's JSON (`by`, `agreesWith`): irrCAC 1.0, irr 0.84.1,
 * statsmodels 0.13.5, sklearn 1.2.1, nltk 3.8, psych 2.2.9 and an independent implementation.
 */
import { describe, expect, it } from "vitest";
import type { MetricResult } from "../../src/model/reliability-matrix.js";
import { KAPPA_FAMILY } from "./_kappa-family.js";
import { loadReferenceCases, type ExpectedMetric } from "./_reference-cases.js";

const cases = loadReferenceCases();
const SUFFIXES = ["SE0", "SE", "CI95", ""] as const;

function split(key: string): { base: string; suffix: (typeof SUFFIXES)[number] } | null {
  for (const suffix of SUFFIXES) {
    const base = suffix === "" ? key : key.endsWith(suffix) ? key.slice(0, -suffix.length) : "";
    if (base !== "" && base in KAPPA_FAMILY) return { base, suffix };
  }
  return null;
}

function check(result: MetricResult, suffix: (typeof SUFFIXES)[number], expected: ExpectedMetric["value"], label: string): void {
  if (suffix === "") {
    if (expected === null) {
      expect(result.status, label).toBe("undefined");
      expect(result.value, label).toBeNull();
      return;
    }
    expect(result.status, `${label}: ${result.reason ?? ""}`).toBe("ok");
    expect(result.value, label).not.toBeNull();
    expect(Math.abs((result.value as number) - (expected as number)), label).toBeLessThanOrEqual(1e-9);
    return;
  }
  if (suffix === "CI95") {
    const bounds = expected as [number | null, number | null];
    expect(result.ci95, label).toBeTruthy();
    const ci = result.ci95 as [number, number];
    bounds.forEach((bound, side) => {
      if (bound !== null) expect(Math.abs((ci[side] as number) - bound), `${label}[${side}]`).toBeLessThanOrEqual(1e-6);
    });
    return;
  }
  const got = suffix === "SE" ? result.se : result.se0;
  if (expected === null) return expect(got ?? null, label).toBeNull();
  expect(got, label).toBeTypeOf("number");
  expect(Math.abs((got as number) - (expected as number)), label).toBeLessThanOrEqual(1e-6);
}

describe("kappa family reproduces the reference packages", () => {
  it("finds the reference cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const referenceCase of cases) {
    const rows = Object.entries(referenceCase.expected)
      .map(([key, expected]) => ({ key, expected, parsed: split(key) }))
      .filter((row) => row.parsed !== null);
    describe(referenceCase.name, () => {
      const results = new Map<string, MetricResult>();
      const resultOf = (base: string): MetricResult => {
        if (!results.has(base)) results.set(base, (KAPPA_FAMILY[base] as (typeof KAPPA_FAMILY)[string])(referenceCase.matrix));
        return results.get(base) as MetricResult;
      };
      it("has expected metrics of ours", () => expect(rows.length).toBeGreaterThan(0));
      for (const { key, expected, parsed } of rows) {
        const { base, suffix } = parsed as { base: string; suffix: (typeof SUFFIXES)[number] };
        it(`${key} matches ${expected.by}`, () => {
          const result = resultOf(base);
          expect(result.coefficient).toBe(base);
          check(result, suffix, expected.value, `${referenceCase.name} ${key}`);
        });
      }
    });
  }
});
