import { describe, expect, it } from "vitest";
import { alphaMasiWithout } from "../../src/report/_masi-pull.js";
import { krippendorffAlphaSets } from "../../src/metrics/krippendorff-alpha-sets.js";
import { simulateCodings } from "../../src/simulate/study.js";

describe("alphaMasiWithout", () => {
  it("gives, for every code, the MASI alpha recomputed from scratch on the sets without it", () => {
    const s = simulateCodings({ transcripts: 3, turns: 40, coders: 4, codes: 12, reliability: 0.6, prevalence: 0.2, missingTranscripts: 2, seed: 3 });
    const cells = s.coders.map((_, c) => s.transcripts.flatMap((t, i) => t.turns.map((_, u) => s.values[i]![c]?.[u]!.map((k) => s.codes[k]!) ?? null)));
    const fast = alphaMasiWithout(cells, s.codes);
    for (const code of s.codes) {
      const values = cells.map((row) => row.map((v) => (v ? v.filter((c) => c !== code) : null)));
      const direct = krippendorffAlphaSets({ coders: s.coders, units: cells[0]!.map((_, u) => String(u)), values }, "masi").value;
      expect(fast.get(code)).toBeCloseTo(direct!, 11);
    }
  });

  it("is undefined where removing the code leaves no variation, and for no pairable units", () => {
    // Two coders, two units: {A}/{A} and {A,B}/{A}. Without B every set is {A}: no variation.
    const cells = [[["A"], ["A", "B"]], [["A"], ["A"]]];
    const r = alphaMasiWithout(cells, ["A", "B"]);
    expect(r.get("B")).toBeNull();
    expect(r.get("A")).toBeCloseTo(krippendorffAlphaSets({ coders: ["x", "y"], units: ["1", "2"], values: [[[], ["B"]], [[], []]] }, "masi").value!, 12);
    expect(alphaMasiWithout([[["A"], null], [null, ["A"]]], ["A"]).get("A")).toBeNull();
  });
});
