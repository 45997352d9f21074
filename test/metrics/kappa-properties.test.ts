/**
 * fast-check properties of the kappa family: invariance under permuting units, coders and
 * nominal labels; symmetry of pairwise coefficients; frozen inputs are not mutated; values lie
 * in their proven ranges; no field is ever NaN or Infinity.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MetricResult, ReliabilityMatrix, Value } from "../../src/model/reliability-matrix.js";
import { KAPPA_FAMILY, NUMERIC_METRICS, TWO_CODER_METRICS } from "./_kappa-family.js";
import { matrixOf } from "./_matrix.js";

const RUNS = { numRuns: 60 };
const LABELS = ["a", "b", "c"] as const;

/** Matrices of 2–4 coders × 1–10 units over three labels (or 1–3), about 20% missing. */
function matrices(coders: { min: number; max: number }, values: readonly Value[], missing = 0.2): fc.Arbitrary<ReliabilityMatrix> {
  const cell = fc.oneof({ weight: Math.round(missing * 10), arbitrary: fc.constant(null) }, { weight: Math.round((1 - missing) * 10), arbitrary: fc.constantFrom(...values) });
  return fc
    .record({ m: fc.integer(coders), n: fc.integer({ min: 1, max: 10 }) })
    .chain(({ m, n }) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }))
    .map((rows) => matrixOf(rows));
}

function same(a: MetricResult, b: MetricResult): void {
  expect(b.status).toBe(a.status);
  expect(b.reason).toBe(a.reason);
  if (a.value === null) return expect(b.value).toBeNull();
  expect(Math.abs((b.value as number) - a.value)).toBeLessThanOrEqual(1e-12);
  // A standard error is the square root of a variance summed with cancellation; near 0 the root
  // magnifies rounding (sqrt(1e-17) ≈ 3e-9), so SEs are compared to 1e-7, values to 1e-12.
  if (typeof a.se === "number") expect(Math.abs((b.se as number) - a.se)).toBeLessThanOrEqual(1e-7);
}

const permute = <T>(items: readonly T[], order: readonly number[]): T[] => order.map((index) => items[index] as T);
const shuffled = (size: number): fc.Arbitrary<number[]> =>
  fc.array(fc.nat(), { minLength: size, maxLength: size }).map((keys) => keys.map((key, index) => [key, index] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, index]) => index));

function applicable(name: string, matrix: ReliabilityMatrix): boolean {
  return TWO_CODER_METRICS.has(name) ? matrix.coders.length === 2 : true;
}

const nominalMatrices = fc.oneof(matrices({ min: 2, max: 2 }, LABELS), matrices({ min: 2, max: 4 }, LABELS));
const numericMatrices = fc.oneof(matrices({ min: 2, max: 2 }, [1, 2, 3]), matrices({ min: 2, max: 4 }, [1, 2, 3]));

describe("kappa family properties", () => {
  for (const [name, metric] of Object.entries(KAPPA_FAMILY)) {
    const inputs = NUMERIC_METRICS.has(name) ? numericMatrices : nominalMatrices;

    it(`${name} does not change when units are permuted`, () => {
      fc.assert(
        fc.property(inputs.chain((m) => fc.tuple(fc.constant(m), shuffled(m.units.length))), ([m, order]) => {
          if (!applicable(name, m)) return;
          same(metric(m), metric({ ...m, units: permute(m.units, order), values: m.values.map((row) => permute(row, order)) }));
        }),
        RUNS,
      );
    });

    it(`${name} does not change when coders are permuted (pairwise ones are symmetric)`, () => {
      fc.assert(
        fc.property(inputs.chain((m) => fc.tuple(fc.constant(m), shuffled(m.coders.length))), ([m, order]) => {
          if (!applicable(name, m)) return;
          same(metric(m), metric({ ...m, coders: permute(m.coders, order), values: permute(m.values, order) }));
        }),
        RUNS,
      );
    });

    if (!NUMERIC_METRICS.has(name)) {
      it(`${name} does not change when nominal labels are renamed`, () => {
        const renames = fc.constantFrom<Record<string, Value>>({ a: "z", b: "y", c: "x" }, { a: 7, b: -1, c: 3 }, { a: "b", b: "c", c: "a" });
        fc.assert(
          fc.property(inputs, renames, (m, rename) => {
            if (!applicable(name, m)) return;
            const renamed = { ...m, values: m.values.map((row) => row.map((v) => (v === null ? null : (rename[String(v)] as Value)))) };
            same(metric(m), metric(renamed));
          }),
          RUNS,
        );
      });
    }

    it(`${name} leaves a frozen input untouched and never returns NaN or Infinity`, () => {
      fc.assert(
        fc.property(inputs, (m) => {
          const frozen = Object.freeze({ coders: Object.freeze([...m.coders]), units: Object.freeze([...m.units]), values: Object.freeze(m.values.map((row) => Object.freeze([...row]))) });
          const before = JSON.stringify(frozen);
          const result = metric(frozen);
          expect(JSON.stringify(frozen)).toBe(before);
          for (const x of [result.value, result.observed, result.expected, result.se, result.se0, ...(result.ci95 ?? [])]) {
            if (x !== null && x !== undefined) expect(Number.isFinite(x)).toBe(true);
          }
          if (result.status === "undefined") expect(result.value).toBeNull();
          if (typeof result.se === "number") expect(result.se).toBeGreaterThanOrEqual(0);
          if (result.value !== null) expect(result.value).toBeLessThanOrEqual(1 + 1e-12);
        }),
        RUNS,
      );
    });
  }

  // Proven lower bounds: Cohen's kappa ≥ −1 (any data), AC1 and Brennan–Prediger (pe ≤ 1/2),
  // Scott's pi on complete data. Fleiss/Conger with missing data can fall below −1 (Gwet's pe).
  const bounded = ["cohenKappa", "lightKappa", "lightKappaPairwiseDeletion", "gwetAC1", "brennanPrediger"];
  for (const name of bounded) {
    it(`${name} lies in [−1, 1]`, () => {
      fc.assert(
        fc.property(nominalMatrices, (m) => {
          if (!applicable(name, m)) return;
          const value = (KAPPA_FAMILY[name] as (typeof KAPPA_FAMILY)[string])(m).value;
          if (value !== null) expect(Math.abs(value)).toBeLessThanOrEqual(1 + 1e-12);
        }),
        RUNS,
      );
    });
  }
  it("scottPi lies in [−1, 1] on complete data", () => {
    fc.assert(
      fc.property(matrices({ min: 2, max: 2 }, LABELS, 0), (m) => {
        const value = (KAPPA_FAMILY["scottPi"] as (typeof KAPPA_FAMILY)[string])(m).value;
        if (value !== null) expect(Math.abs(value)).toBeLessThanOrEqual(1 + 1e-12);
      }),
      RUNS,
    );
  });
  it("percentAgreement lies in [0, 1]", () => {
    fc.assert(
      fc.property(nominalMatrices, (m) => {
        const value = (KAPPA_FAMILY["percentAgreement"] as (typeof KAPPA_FAMILY)[string])(m).value;
        if (value !== null) expect(value >= 0 && value <= 1).toBe(true);
      }),
      RUNS,
    );
  });
});
