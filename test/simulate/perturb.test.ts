import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDelve, readDelve } from "../../src/io/delve.js";
import { perturbDelve, perturbDelveDetailed, siblingCodes } from "../../src/simulate/perturb.js";

const SEED = readFileSync(new URL("../../seeds/interview-35.txt", import.meta.url), "utf8");
const NONE = { seed: 1, sibling: 0, drop: 0, extend: 0 };
const parse = (text: string) => readDelve(new TextEncoder().encode(text), { file: "x.txt", coder: "x" });
/** turn number → sorted codes, for the coded turns only. */
const coded = (text: string): Record<number, string[]> =>
  Object.fromEntries(parse(text).turns.filter((t) => t.codes.length > 0).map((t) => [t.number, t.codes]));
const ORIGINAL = coded(SEED);

describe("perturbDelve", () => {
  it("returns the input byte for byte when nothing is perturbed", () => {
    expect(perturbDelve(SEED, NONE)).toBe(SEED);
    expect(perturbDelve(SEED + "\n", NONE)).toBe(SEED + "\n");
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const options = { seed: 5, sibling: 0.3, drop: 0.2, extend: 0.3, extraCode: "New-code" };
    expect(perturbDelve(SEED, options)).toBe(perturbDelve(SEED, options));
    expect(perturbDelve(SEED, { ...options, seed: 6 })).not.toBe(perturbDelve(SEED, options));
  });

  it("finds siblings by their first two name segments", () => {
    expect(Object.fromEntries(siblingCodes(parse(SEED).codesUsed))).toEqual({
      "Data-missing-value-fix": "Data-missing-values",
      "Data-missing-values": "Data-missing-value-fix",
      "QM-robustness": "QM-robustness-fix",
      "QM-robustness-fix": "QM-robustness",
    });
  });

  it("uses the sibling code on every application when sibling = 1", () => {
    const expected = {
      ...ORIGINAL,
      11: ["Data-missing-value-fix", "Data-noisy-features"],
      17: ["Data-duplicates", "Data-missing-values"], 18: ["Data-duplicates", "Data-missing-values"],
      19: ["Data-duplicates", "Data-missing-values"], 20: ["Data-duplicates", "Data-missing-values"],
      62: ["QM-robustness-fix"], 63: ["QM-robustness"], 64: ["QM-robustness"], 65: ["QM-robustness"],
    };
    expect(coded(perturbDelve(SEED, { ...NONE, sibling: 1 }))).toEqual(expected);
  });

  it("drops every application when drop = 1, leaving the transcript itself unchanged", () => {
    const text = perturbDelve(SEED, { ...NONE, drop: 1 });
    expect(coded(text)).toEqual({});
    const p = parseDelve(new TextEncoder().encode(text), { file: "x", coder: "x" });
    expect(p.blocks.filter((b) => b.kind === "code").length).toBe(0);
    expect(p.transcript.turns.map((t) => t.paragraphs.map((q) => q.text))).toEqual(parse(SEED).turns.map((t) => t.paragraphs.map((q) => q.text)));
  });

  it("extends every excerpt to the next turn when extend = 1 (excerpts of spec §9.1)", () => {
    const after = coded(perturbDelve(SEED, { ...NONE, extend: 1 }));
    const added: Record<number, string[]> = {
      12: ["Data-missing-values", "Data-noisy-features"], 14: ["QM-reproducibility"],
      21: ["Data-duplicates", "Data-missing-value-fix"], 45: ["Data-collection-public-datasets"],
      63: ["QM-robustness"], 66: ["QM-robustness-fix"], 73: ["feedback-loop"], 82: ["QM-robustness", "QM-robustness-fix"],
      94: ["MLP-costly-platforms"], 107: ["Data-consistency-issues"], 116: ["QM-data-privacy-issue-fix"],
      125: ["Data-low-quality"], 128: ["QM-reproducibility"],
    };
    const expected: Record<number, string[]> = { ...ORIGINAL };
    for (const [turn, codes] of Object.entries(added)) expected[Number(turn)] = [...new Set([...(expected[Number(turn)] ?? []), ...codes])].sort();
    expect(after).toEqual(expected);
  });

  it("adds an extra code on the requested number of turns and reports every change", () => {
    const r = perturbDelveDetailed(SEED, { ...NONE, extraCode: "Only-mine", extraTurns: 4 });
    const turns = parse(r.text).turns.filter((t) => t.codes.includes("Only-mine")).map((t) => t.number);
    expect(turns.length).toBe(4);
    expect(r.changes.map((c) => [c.kind, c.turn])).toEqual(turns.map((t) => ["extra", t]));
  });

  it("applies the changes it reports, and only those", () => {
    const r = perturbDelveDetailed(SEED, { seed: 11, sibling: 0.5, drop: 0.2, extend: 0.4, extraCode: "Own-code" });
    // Renames and drops act on the input's codes of a turn all at once (a turn may swap two siblings).
    const rename = new Map<string, string | null>();
    for (const c of r.changes) {
      if (c.kind === "drop") rename.set(`${c.turn}/${c.code}`, null);
      if (c.kind === "sibling") rename.set(`${c.turn}/${c.code}`, c.replacement!);
    }
    const expected: Record<number, Set<string>> = {};
    for (const [t, codes] of Object.entries(ORIGINAL)) {
      const mapped = codes.map((c) => (rename.has(`${t}/${c}`) ? rename.get(`${t}/${c}`)! : c));
      expected[Number(t)] = new Set(mapped.filter((c): c is string => c !== null));
    }
    for (const c of r.changes) if (c.kind === "extend" || c.kind === "extra") (expected[c.turn] ??= new Set()).add(c.code!);
    const sorted = Object.fromEntries(Object.entries(expected).filter(([, s]) => s.size > 0).map(([t, s]) => [t, [...s].sort()]));
    expect(coded(r.text)).toEqual(sorted);
    expect(new Set(r.changes.map((c) => c.kind))).toEqual(new Set(["sibling", "drop", "extend", "extra"]));
  });

  it("adds harmless copy differences that do not change the codes of any turn", () => {
    const options = { seed: 3, sibling: 0.2, drop: 0.1, extend: 0.3, extraCode: "X-y" };
    const clean = perturbDelve(SEED, options);
    const messy = perturbDelve(SEED, { ...options, harmless: true });
    expect(messy.startsWith("\uFEFF")).toBe(true);
    expect(messy).toContain("\r\n");
    expect(messy).toMatch(/[ \t]\r\n/);
    expect(messy.replace(/\r\n/g, "\n").replace(/[ \t]+\n/g, "\n").replace(/^\uFEFF/, "").replace(/[ \t]+$/, ""))
      .toBe(clean.replace("matching learning", "machine learning"));
    expect(coded(messy)).toEqual(coded(clean));
    const a = parse(clean);
    const b = parse(messy);
    const differ = a.turns.filter((t, i) => JSON.stringify(t.paragraphs.map((p) => p.text)) !== JSON.stringify(b.turns[i]!.paragraphs.map((p) => p.text)));
    expect(differ.map((t) => t.number)).toEqual([3]);
  });
});
