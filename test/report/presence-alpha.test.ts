/**
 * The report's shortcuts to nominal alpha on parts of a presence matrix (a range of units, all
 * coders but one) and the one-pass 0/1 route behind them must give exactly what
 * `krippendorffAlpha` gives on the part built out: every field, to the last bit.
 */
import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { alphaOfUnits, alphaWithoutCoder, compactPresence } from "../../src/report/_presence-alpha.js";
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";

function randomMatrices(count: number): ReliabilityMatrix<number>[] {
  let seed = 20260101;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    const coders = 2 + Math.floor(rnd() * 5);
    const units = 1 + Math.floor(rnd() * 40);
    const missing = rnd() * 0.5, applied = rnd();
    const values = Array.from({ length: coders }, () => Array.from({ length: units }, () => (rnd() < missing ? null : rnd() < applied ? 1 : 0)));
    return { coders: values.map((_, c) => `coder ${c}`), units: Array.from({ length: units }, (_, u) => `t#${u + 1}`), values };
  });
}

describe("nominal alpha of a presence matrix's parts", () => {
  const matrices = randomMatrices(400);

  it("a range of units: the same result as alpha on the sliced matrix, with and without the standard error", () => {
    for (const m of matrices) {
      const p = compactPresence(m, () => m);
      const n = m.units.length;
      for (const [from, to] of [[0, n], [0, Math.ceil(n / 2)], [Math.floor(n / 3), n]] as const) {
        const ids = m.units.slice(from, to);
        const part = { coders: m.coders, units: ids, values: m.values.map((row) => row.slice(from, to)) };
        for (const standardError of [true, false]) {
          expect(alphaOfUnits(p, m.coders, from, to, ids, standardError)).toStrictEqual(krippendorffAlpha(part, { level: "nominal", standardError }));
        }
      }
    }
  });

  it("without one coder: the same result as alpha on the other rows", () => {
    for (const m of matrices) {
      const p = compactPresence(m, () => m);
      for (let k = 0; k < m.coders.length; k++) {
        const rest = m.coders.filter((_, c) => c !== k);
        const part = { coders: rest, units: m.units, values: m.values.filter((_, c) => c !== k) };
        expect(alphaWithoutCoder(p, k, rest, true)).toStrictEqual(krippendorffAlpha(part, { level: "nominal" }));
      }
    }
  });

  it("falls back to alpha on the part when the tallies cannot be used (values other than 0 and 1)", () => {
    const m = { coders: ["A", "B", "C"], units: ["1", "2", "3", "4"], values: [[1, 2, 0, 0], [1, 0, 0, 0], [0, 1, 1, null]] };
    const p = compactPresence(m, () => m);
    expect(p.tallies).toBeNull();
    expect(alphaWithoutCoder(p, 0, ["B", "C"], true)).toStrictEqual(krippendorffAlpha({ ...m, coders: ["B", "C"], values: m.values.slice(1) }, { level: "nominal" }));
    expect(alphaOfUnits(p, m.coders, 1, 4, ["2", "3", "4"], false)).toStrictEqual(krippendorffAlpha({ ...m, units: ["2", "3", "4"], values: m.values.map((r) => r.slice(1, 4)) }, { level: "nominal", standardError: false }));
  });

  it("a hand-worked case: without the third coder, alpha = 1 − (2/8) / (30/56) = 16/30", () => {
    // A = 1 1 0 0, B = 1 0 0 0: coincidences o(1,1) = 2, o(0,1) = o(1,0) = 1, o(0,0) = 4;
    // n = 8, n_1 = 3, n_0 = 5; D_o = 2/8, D_e = 2 · 5 · 3 / (8 · 7) = 30/56.
    const m = { coders: ["A", "B", "C"], units: ["1", "2", "3", "4"], values: [[1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 1, null]] };
    expect(alphaWithoutCoder(compactPresence(m, () => m), 2, ["A", "B"], true).value).toBeCloseTo(16 / 30, 12);
    const ab = { ...m, coders: ["A", "B"], values: m.values.slice(0, 2) };
    expect(alphaOfUnits(compactPresence(ab, () => ab), ab.coders, 0, 4, ab.units, false).value).toBeCloseTo(16 / 30, 12);
    // Units 2..3 only: A = 1 0, B = 0 0: n = 4, n_1 = 1, D_o = 2/4, D_e = 2 · 3 · 1 / 12 = 1/2: alpha 0.
    expect(alphaOfUnits(compactPresence(ab, () => ab), ab.coders, 1, 3, ["2", "3"], false).value).toBeCloseTo(0, 12);
  });
});
