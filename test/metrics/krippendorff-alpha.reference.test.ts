// Every alpha metric listed in ../shared/reference/*.json, checked against our output:
// values to 1e-9, standard errors and intervals to 1e-6. A listed alpha metric we do not
// produce fails the test.
import { describe, expect, it } from "vitest";
import type { Level } from "../../src/model/reliability-matrix.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { referenceCases } from "./_reference.js";

const LEVELS: Record<string, Level> = { Nominal: "nominal", Ordinal: "ordinal", Interval: "interval", Ratio: "ratio" };

describe("krippendorffAlpha matches the reference implementations", () => {
  for (const ref of referenceCases()) {
    const alphaKeys = Object.keys(ref.expected).filter((k) => k.startsWith("alpha"));
    it(`${ref.name}: ${alphaKeys.join(", ")}`, () => {
      expect(alphaKeys.length).toBeGreaterThan(0);
      for (const key of alphaKeys) {
        const match = /^alpha(Nominal|Ordinal|Interval|Ratio)(SE|CI95)?$/.exec(key);
        expect(match, `alpha metric ${key} is not produced`).not.toBeNull();
        const level = LEVELS[match?.[1] as string] as Level;
        const part = match?.[2];
        const result = krippendorffAlpha(ref.matrix, { level });
        const expected = (ref.expected[key] as { value: unknown }).value;
        const where = `${ref.name} ${key} (${(ref.expected[key] as { by: string }).by})`;
        if (part === undefined) {
          expect(result.status, where).toBe("ok");
          expect(result.value, where).toBeCloseTo(expected as number, 9);
        } else if (expected === null) {
          // irrCAC returned NA here (its ratio weights divide 0 by 0); the JSON notes explain it.
          // We define δ(0, 0) = 0, so our interval must exist.
          expect(part === "SE" ? result.se : result.ci95, where).not.toBeNull();
        } else if (part === "SE") {
          expect(Math.abs((result.se as number) - (expected as number)), where).toBeLessThan(1e-6);
        } else {
          const [lo, hi] = result.ci95 as [number, number];
          const [elo, ehi] = expected as [number, number];
          expect(Math.abs(lo - elo), where).toBeLessThan(1e-6);
          expect(Math.abs(hi - ehi), where).toBeLessThan(1e-6);
        }
      }
    });
  }
});
