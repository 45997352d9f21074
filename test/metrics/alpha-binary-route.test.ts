import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { codeRatings, krippendorffAlphaCoded } from "../../src/metrics/krippendorff-alpha-coded.js";
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";

// Presence data (0/1) takes its own pass; the coded route takes the general one-pass loop. Both
// must give the same bits, since the per-code report relies on presence data everywhere.
const presence = fc.record({ coders: fc.integer({ min: 2, max: 6 }), units: fc.integer({ min: 1, max: 40 }) }).chain(({ coders, units }) =>
  fc.array(fc.array(fc.constantFrom<0 | 1 | null>(0, 1, 1, 0, null), { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }),
);

describe("alpha on 0/1 data", () => {
  it("gives the same bits through the 0/1 pass as through the general pass, at every level that applies", () => {
    fc.assert(
      fc.property(presence, fc.constantFrom("nominal", "interval", "ratio") as fc.Arbitrary<"nominal" | "interval" | "ratio">, (values, level) => {
        const m: ReliabilityMatrix = { coders: values.map((_, i) => `c${i}`), units: values[0]!.map((_, i) => `u${i}`), values };
        const viaBinary = krippendorffAlpha(m, { level });
        const viaCoded = krippendorffAlphaCoded(codeRatings(m), { level });
        expect(viaBinary).toEqual(viaCoded);
      }),
      { numRuns: 300 },
    );
  });
});
