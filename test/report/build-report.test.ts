import { describe, expect, it } from "vitest";
import type { AlignedTranscript, AlignedUnit } from "../../src/model/aligned.js";
import { buildReport } from "../../src/report/build-report.js";
import { renderMarkdown } from "../../src/report/markdown.js";

// Six turns coded by three coders; every number below is worked by hand in the comments.
const sets: string[][][] = [
  [["X"], ["X"], ["X"]],
  [["X"], ["Y"], ["X"]],
  [[], [], []],
  [["Y"], ["Y"], ["X"]],
  [[], [], []],
  [["X"], ["X"], []],
];

function transcript(cells: (string[] | null)[][], coders = ["a", "b", "c"]): AlignedTranscript {
  const units: AlignedUnit[] = cells.map((codes, i) => ({
    transcript: "T", turn: i + 1, speaker: i % 2 ? "Interviewee" : "Interviewer 1", text: `turn ${i + 1} text`, line: i * 2 + 3,
    codes, coderTurns: codes.map(() => i + 1),
  }));
  return {
    name: "T", coders, files: coders.map((c) => `${c}.txt`), method: "by-number", units, referenceTurns: cells.length,
    unmatched: Object.fromEntries(coders.map((c) => [c, []])), extra: Object.fromEntries(coders.map((c) => [c, []])),
    textDifferences: [], diagnostics: [],
  };
}

function report(cells: (string[] | null)[][], resamples = 0) {
  return buildReport({ name: "T", version: "test", coders: ["a", "b", "c"], transcripts: [transcript(cells)], inputs: [], options: {}, resamples, seed: 1 });
}

describe("buildReport on a hand-worked three-coder case", () => {
  const r = report(sets);
  const x = r.codes.find((c) => c.code === "X")!;

  it("counts presence per coder, zeros included", () => {
    expect(x.presence).toEqual({ a: 3, b: 2, c: 3 });
    expect(r.codes.find((c) => c.code === "Y")!.presence).toEqual({ a: 1, b: 2, c: 0 });
  });

  it("tabulates every coder pair in input order", () => {
    expect(x.pairs.map((p) => [p.coders, p.both, p.onlyFirst, p.onlySecond, p.neither])).toEqual([
      [["a", "b"], 2, 1, 0, 3],
      [["a", "c"], 2, 1, 1, 2],
      [["b", "c"], 1, 1, 2, 2],
    ]);
  });

  it("computes pairwise percent agreement and Cohen's kappa", () => {
    // a–b: po = 5/6, pe = 1/2·1/3 + 1/2·2/3 = 1/2, kappa = 2/3; a–c: 1/3; b–c: 0.
    expect(x.pairs.map((p) => p.percentAgreement)).toEqual([5 / 6, 4 / 6, 3 / 6]);
    expect(x.pairs[0]!.cohenKappa.value).toBeCloseTo(2 / 3, 12);
    expect(x.pairs[1]!.cohenKappa.value).toBeCloseTo(1 / 3, 12);
    expect(x.pairs[2]!.cohenKappa.value).toBeCloseTo(0, 12);
  });

  it("derives mean, unanimous, Light's and Fleiss' values", () => {
    expect(x.percentAgreement).toBeCloseTo(2 / 3, 12);
    expect(x.unanimousAgreement).toBeCloseTo(0.5, 12);
    expect(x.lightKappa.value).toBeCloseTo(1 / 3, 12);
    // P̄ = 2/3, p1 = 4/9, P̄e = 41/81 → kappa = 13/40.
    expect(x.fleissKappa.value).toBeCloseTo(13 / 40, 12);
  });

  it("computes nominal alpha from the coincidences", () => {
    // D_o = 6/18, D_e = 2·10·8/(18·17) → alpha = 1 − 153/240.
    expect(x.krippendorffAlpha.value).toBeCloseTo(87 / 240, 12);
    expect(x.band).toBe("unreliable");
  });

  it("lists each disagreement with who applied the code and what others applied instead", () => {
    expect(x.disagreements.map((d) => [d.turn, d.appliedBy, d.notAppliedBy, d.instead])).toEqual([
      [2, ["a", "c"], ["b"], { b: ["Y"] }],
      [4, ["c"], ["a", "b"], { a: ["Y"], b: ["Y"] }],
      [6, ["a", "b"], ["c"], { c: [] }],
    ]);
    expect(x.substitutes).toEqual([{ code: "Y", count: 3 }]);
  });

  it("computes overall alpha on whole sets", () => {
    // Categories {X} 8, {Y} 3, ∅ 7 of 18 values; D_o = 1/3; D_e = (324 − 122)/306.
    expect(r.overall.alphaNominalWholeSet.value).toBeCloseTo(100 / 202, 12);
    // Every disagreement here is between disjoint sets (MASI distance 1), so MASI gives the same.
    expect(r.overall.alphaMasi.value).toBeCloseTo(100 / 202, 12);
  });

  it("ranks ambiguous codes lowest alpha first", () => {
    expect(r.ambiguous.map((a) => a.code)).toEqual(["Y", "X"].sort((p, q) => (r.codes.find((c) => c.code === p)!.krippendorffAlpha.value! - r.codes.find((c) => c.code === q)!.krippendorffAlpha.value!)));
    expect(r.summary.codes).toBe(2);
  });
});

describe("buildReport with missing values", () => {
  it("treats a coder without a turn as missing, not as code absent", () => {
    const cells = sets.map((u, i) => (i === 0 ? [u[0]!, u[1]!, null] : u));
    const r = report(cells);
    const x = r.codes.find((c) => c.code === "X")!;
    expect(x.presence).toEqual({ a: 3, b: 2, c: 2 });
    // The a–c pair now has 5 shared units: both 1, onlyFirst 1, onlySecond 1, neither 2.
    expect(x.pairs[1]).toMatchObject({ units: 5, both: 1, onlyFirst: 1, onlySecond: 1, neither: 2 });
    expect(x.unanimousAgreement).toBeCloseTo(2 / 5, 12);
  });

  it("reports a code nobody varied on as undefined with a reason, never NaN", () => {
    const cells = sets.map((u) => u.map((s) => [...s, "Z"]));
    const z = report(cells).codes.find((c) => c.code === "Z")!;
    expect(z.krippendorffAlpha.status).toBe("undefined");
    expect(z.krippendorffAlpha.value).toBeNull();
    expect(z.krippendorffAlpha.reason).toBeTruthy();
    expect(z.pairs.every((p) => p.cohenKappa.value === null && p.percentAgreement === 1)).toBe(true);
    expect(z.band).toBe("undefined");
    expect(JSON.stringify(z)).not.toMatch(/NaN|Infinity/);
  });
});

describe("renderMarkdown", () => {
  it("is deterministic and escapes table cells", () => {
    const cells = sets.map((u) => u.map((s) => s.map((c) => (c === "Y" ? "Y|<b>" : c))));
    const r = report(cells, 200);
    const md = renderMarkdown(r);
    expect(renderMarkdown(report(cells, 200))).toBe(md);
    expect(md).toContain("`Y\\|&lt;b&gt;`");
    expect(md).toMatch(/## Agreement per code/);
    expect(md).toMatch(/## Disagreements/);
  });
});
