import { describe, expect, it } from "vitest";
import { jaccardDistance, krippendorffAlphaSets, masiDistance } from "../../src/metrics/krippendorff-alpha-sets.js";
import type { SetMatrix } from "../../src/model/reliability-matrix.js";
import { mulberry32 } from "../../src/simulate/_prng.js";

/** Alpha from its definition, over every pair of pairable values (Krippendorff 2011, eq. for D_o and D_e). */
type Delta = (a: ReadonlySet<string>, b: ReadonlySet<string>) => number;

/** MASI (Passonneau 2006) and Jaccard distances from their definitions. */
const DEFINITIONS: Record<"masi" | "jaccard", Delta> = {
  jaccard: (a, b) => {
    let both = 0;
    for (const x of a) if (b.has(x)) both++;
    const union = a.size + b.size - both;
    return union === 0 ? 0 : 1 - both / union;
  },
  masi: (a, b) => {
    let both = 0;
    for (const x of a) if (b.has(x)) both++;
    const union = a.size + b.size - both;
    if (union === 0) return 0;
    const monotonicity = both === a.size && both === b.size ? 1 : both === Math.min(a.size, b.size) && both > 0 ? 2 / 3 : both > 0 ? 1 / 3 : 0;
    return 1 - (both / union) * monotonicity;
  },
};

function bruteForceAlpha(m: SetMatrix, delta: Delta): number {
  const units = m.units.map((_, u) => m.values.map((row) => row[u]).filter((v): v is readonly string[] => v !== null && v !== undefined)).filter((vs) => vs.length >= 2);
  const all = units.flat();
  const n = all.length;
  let observed = 0;
  for (const vs of units) {
    let sum = 0;
    for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) if (i !== j) sum += delta(new Set(vs[i]!), new Set(vs[j]!));
    observed += sum / (vs.length - 1);
  }
  // Σ over ordered pairs of values, grouped by distinct set (δ of a set with itself is 0).
  const counts = new Map<string, { set: readonly string[]; count: number }>();
  for (const v of all) {
    const key = v.join(",");
    const entry = counts.get(key) ?? { set: v, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const distinct = [...counts.values()];
  const sets = distinct.map((d) => new Set(d.set));
  let expected = 0;
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) expected += 2 * distinct[i]!.count * distinct[j]!.count * delta(sets[i]!, sets[j]!);
  }
  return 1 - (observed / n) / (expected / (n * (n - 1)));
}

/** 3 coders × `units` units of random sets of `labels` labels, each present with probability p; 5% missing. */
function randomSets(seed: number, units: number, labels: number, p: number, agree: number): SetMatrix {
  const random = mulberry32(seed);
  const draw = () => Array.from({ length: labels }, (_, i) => `L${String(i).padStart(3, "0")}`).filter(() => random() < p);
  const truth = Array.from({ length: units }, draw);
  const values = [0, 1, 2].map(() => truth.map((t) => (random() < 0.05 ? null : random() < agree ? t : draw())));
  return { coders: ["a", "b", "c"], units: truth.map((_, i) => String(i)), values };
}

describe("krippendorffAlphaSets with more distinct sets than fit a table", () => {
  // Both regimes of the expected disagreement: small sets (moments of shared labels) and larger
  // sets (lists of the sets that carry each label). More than 2,048 distinct sets in each.
  const cases = [
    { name: "small sets", m: randomSets(1, 1000, 150, 0.03, 0.2), distance: "masi" as const },
    { name: "larger sets", m: randomSets(2, 1000, 30, 0.2, 0.2), distance: "jaccard" as const },
  ];
  for (const { name, m, distance } of cases) {
    it(`gives the definition's ${distance} alpha (${name})`, () => {
      const [x, y] = [["L001", "L002"], ["L002", "L003", "L004"]];
      expect(DEFINITIONS[distance](new Set(x), new Set(y))).toBeCloseTo(distance === "masi" ? masiDistance(x, y) : jaccardDistance(x, y), 15);
      const distinct = new Set(m.values.flat().filter((v) => v !== null).map((v) => v!.join(","))).size;
      expect(distinct).toBeGreaterThan(2048);
      // The brute force sums millions of terms, so agreement is to about 1e-11.
      expect(krippendorffAlphaSets(m, distance).value).toBeCloseTo(bruteForceAlpha(m, DEFINITIONS[distance]), 10);
    });
  }
});
