import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { codePoints, lcsLength, normalizeTurnText, positionMasks, textRatio } from "../../src/align/_similarity.js";
import { readDelve } from "../../src/io/delve.js";
import { InputError } from "../../src/model/errors.js";
import { transcript, type TurnSpec } from "../_helpers/transcript.js";
import { benchPair } from "../bench/align-bench.js";

const SEED_TEXT = readFileSync(new URL("../../seeds/interview-35.txt", import.meta.url), "utf8");
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const seedAs = (coder: string, text = SEED_TEXT) => readDelve(enc(text), { file: `${coder}.txt`, coder });

const BASE: TurnSpec[] = [
  [null, "All right."],
  ["Interviewer 1", "Can you tell us about yourself?", ["Intro"]],
  ["Interviewee", "I found some missing values in the data set.", ["Data-missing"]],
  ["Interviewee", "We use geophysical and geochemical data sets here."],
  ["Interviewer 1", "What went wrong with the model?"],
  ["Interviewee", "The pipeline failed twice last week in production.", ["QM-robustness"]],
  ["Interviewer 1", "Okay."],
  ["Interviewee", "Okay."],
];
const edit = (turns: TurnSpec[], i: number, text: string): TurnSpec[] => turns.map((t, k) => (k === i ? [t[0], text, t[2]] : t));

describe("difflib ratio port", () => {
  const fixture = JSON.parse(readFileSync(new URL("../fixtures/difflib-ratio.json", import.meta.url), "utf8")) as {
    cases: { a: string; b: string; ratio: number }[];
  };
  it("equals Python's SequenceMatcher(None, a, b).ratio() on the reference cases (autojunk included)", () => {
    expect(fixture.cases.length).toBe(43);
    for (const c of fixture.cases) expect(textRatio(c.a, c.b)).toBeCloseTo(c.ratio, 14);
  });
  it("computes LCS lengths bit-parallel as a plain dynamic programme does, bounding the ratio", async () => {
    const fc = await import("fast-check");
    const lcs = (a: number[], b: number[]): number => {
      const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
        }
      }
      return dp[a.length]![b.length]!;
    };
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "\u00e9", "\u{1F600}"), maxLength: 90 });
    fc.assert(
      fc.property(text, text, (x, y) => {
        const a = codePoints(x);
        const b = codePoints(y);
        const n = lcsLength(positionMasks(a), a.length, b);
        expect(n).toBe(lcs(a, b));
        if (a.length + b.length > 0) expect(textRatio(x, y)).toBeLessThanOrEqual((2 * n) / (a.length + b.length) + 1e-12);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("normalises quotes, dashes, whitespace, case and composition", () => {
    expect(normalizeTurnText("  \u201cIt\u2019s  FINE\u201d \u2014 e\u0301\u2026 ")).toBe("\"it's fine\" - \u00e9...");
    expect(normalizeTurnText("Straße")).toBe("strasse");
  });
});

describe("alignTranscripts", () => {
  it("aligns identical structure by number, with every turn a unit", () => {
    const a = transcript("a", BASE);
    const b = transcript("b", BASE.map(([s, t]) => [s, t, ["Other"]]));
    const r = alignTranscripts([a, b]);
    expect(r.method).toBe("by-number");
    expect(r.units.map((u) => u.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.units[2]!.codes).toEqual([["Data-missing"], ["Other"]]);
    expect(r.units[0]!.speaker).toBeNull();
    expect(r.unmatched).toEqual({ a: [], b: [] });
    expect(r.extra).toEqual({ a: [], b: [] });
    expect(r.textDifferences).toEqual([]);
    expect(r.files).toEqual(["a.txt", "b.txt"]);
    expect(r.referenceTurns).toBe(8);
  });

  it("survives a typo fix and reports the difference with difflib's ratio", () => {
    const b = transcript("b", edit(BASE, 2, "I found some missing values in the dataset."));
    const r = alignTranscripts([transcript("a", BASE), b]);
    expect(r.method).toBe("by-number");
    expect(r.units.length).toBe(8);
    // Python: SequenceMatcher(None, 'i found some missing values in the data set.', 'i found some missing values in the dataset.').ratio()
    expect(r.textDifferences).toEqual([{ coder: "b", turn: 3, coderTurn: 3, similarity: 0.9885057471264368 }]);
  });

  it("ignores smart versus straight quotes, case, whitespace and a paragraph split in two", () => {
    const ref = edit(BASE, 1, "Can you tell us about \u201cyourself\u201d? It\u2019s fine.");
    const copy = edit(edit(BASE, 1, "can you tell  us about \"yourself\"? it's fine."), 5, "The pipeline failed twice|last week in production.");
    const r = alignTranscripts([transcript("a", ref), transcript("b", copy)]);
    expect(r.method).toBe("by-number");
    expect(r.textDifferences).toEqual([]);
    expect(r.units.length).toBe(8);
  });

  it("reports a deleted turn as unmatched and gives that coder null (missing) codes, never []", () => {
    const a = transcript("a", BASE);
    const b = transcript("b", BASE.filter((_, i) => i !== 3));
    const c = transcript("c", BASE);
    const r = alignTranscripts([a, b, c]);
    expect(r.method).toBe("global");
    expect(r.unmatched).toEqual({ a: [], b: [4], c: [] });
    const u4 = r.units.find((u) => u.turn === 4)!;
    expect(u4.codes).toEqual([[], null, []]);
    expect(u4.coderTurns).toEqual([4, null, 4]);
    expect(r.units.find((u) => u.turn === 6)!.coderTurns).toEqual([6, 5, 6]);
    expect(r.units.length).toBe(8);
    // With two coders the turn one of them lacks is not a unit.
    const two = alignTranscripts([a, b]);
    expect(two.units.map((u) => u.turn)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(two.diagnostics.map((d) => [d.code, d.file])).toEqual([["align-unmatched-turns", "b.txt"]]);
  });

  it("reports an inserted turn as extra", () => {
    const copy: TurnSpec[] = [...BASE.slice(0, 4), ["Interviewer 1", "Could you say more about those data sets?"], ...BASE.slice(4)];
    const r = alignTranscripts([transcript("a", BASE), transcript("b", copy)]);
    expect(r.extra).toEqual({ a: [], b: [5] });
    expect(r.unmatched).toEqual({ a: [], b: [] });
    expect(r.units.map((u) => u.coderTurns[1])).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it("does not take a deletion plus an insertion of the same speaker for the same structure", () => {
    // Turn 3 deleted, a new Interviewee turn inserted after turn 5: same count, same speakers.
    const ref: TurnSpec[] = [
      ["Interviewer 1", "Tell me about the project."],
      ["Interviewee", "It started in 2019 with two people."],
      ["Interviewee", "We had no budget for labelling at all."],
      ["Interviewee", "Later the team grew to twelve engineers."],
      ["Interviewee", "Most of the data came from public sources."],
      ["Interviewer 1", "Thank you."],
    ];
    const copy: TurnSpec[] = [ref[0]!, ref[1]!, ref[3]!, ref[4]!, ["Interviewee", "Something entirely new was said here."], ref[5]!];
    expect(copy.map((t) => t[0])).toEqual(ref.map((t) => t[0]));
    const r = alignTranscripts([transcript("a", ref), transcript("b", copy)]);
    expect(r.method).toBe("global");
    expect(r.unmatched.b).toEqual([3]);
    expect(r.extra.b).toEqual([5]);
    expect(r.units.map((u) => u.coderTurns)).toEqual([[1, 1], [2, 2], [4, 3], [5, 4], [6, 6]]);
  });

  it("matches only turns of the same speaker", () => {
    const copy = BASE.map(([s, t, c], i): TurnSpec => [i === 4 ? "Interviewee" : s, t, c]);
    const r = alignTranscripts([transcript("a", BASE), transcript("b", copy)]);
    expect(r.method).toBe("global");
    expect(r.unmatched.b).toEqual([5]);
    expect(r.extra.b).toEqual([5]);
  });

  it("maximises summed similarity rather than taking the first similar turn", () => {
    const ref: TurnSpec[] = [["Interviewee", "the pipeline failed twice last week."], ["Interviewee", "the pipeline failed twice last week in production."]];
    const r = alignTranscripts([transcript("a", ref), transcript("b", [["Interviewee", "The pipeline failed twice last week in prod."]])]);
    // Python ratios: 0.9 with turn 1, 0.9361702127659575 with turn 2.
    expect(r.unmatched.b).toEqual([1]);
    expect(r.textDifferences).toEqual([{ coder: "b", turn: 2, coderTurn: 1, similarity: 0.9361702127659575 }]);
  });

  it("leaves turns below similarity 0.8 unmatched", () => {
    // Python ratio 0.7640449438202247 < 0.8
    const b = transcript("b", edit(BASE, 3, "We use geophysical data sets here, too."));
    const r = alignTranscripts([transcript("a", BASE), b]);
    expect(r.method).toBe("global");
    expect(r.unmatched.b).toEqual([4]);
    expect(r.extra.b).toEqual([4]);
  });

  it("aligns the seed with a CRLF/BOM copy by number and with a copy missing one turn globally", () => {
    const crlf = readDelve(enc("\uFEFF" + SEED_TEXT.replace(/\n/g, "\r\n")), { file: "b.txt", coder: "b" });
    const same = alignTranscripts([seedAs("a"), crlf]);
    expect(same.method).toBe("by-number");
    expect(same.units.length).toBe(131);
    expect(same.textDifferences).toEqual([]);
    // Delete turn 30 (its speaker line and paragraph).
    const lines = SEED_TEXT.split("\n");
    const t30 = seedAs("a").turns[29]!;
    const cut = [...lines.slice(0, t30.line - 1), ...lines.slice(t30.line + 3)].join("\n");
    const r = alignTranscripts([seedAs("a"), seedAs("b", cut), seedAs("c")]);
    expect(r.method).toBe("global");
    expect(r.unmatched).toEqual({ a: [], b: [30], c: [] });
    expect(r.units.length).toBe(131);
    expect(r.units[29]!.codes[1]).toBeNull();
    expect(r.units[30]!.coderTurns).toEqual([31, 30, 31]);
    expect(r.units.filter((u) => u.codes[1] !== null).every((u) => JSON.stringify(u.codes[1]) === JSON.stringify(u.codes[0]))).toBe(true);
  });

  it("refuses exports of different transcripts, naming both files", () => {
    const other: TurnSpec[] = BASE.map(([s], i) => [s, `A completely different conversation, remark number ${i}.`]);
    let err: unknown;
    try {
      alignTranscripts([transcript("a", BASE, "Interview 35"), transcript("b", other, "Interview 36")]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe("ALIGN_DIFFERENT_TRANSCRIPTS");
    expect((err as InputError).message).toContain("a.txt");
    expect((err as InputError).message).toContain("b.txt");
    // Same title, 3 of 8 turns different: kept (3/8 unmatched is a heavily edited copy, not another interview).
    const edited = [0, 1, 2].reduce((t, i) => edit(t, i + 3, `Nothing like the original text at all, ${i}.`), BASE);
    expect(alignTranscripts([transcript("a", BASE), transcript("b", edited)]).unmatched.b).toEqual([4, 5, 6]);
    // Same title but under a fifth of the turns match: refused.
    expect(() => alignTranscripts([transcript("a", BASE), transcript("b", other)])).toThrow(/not the same transcript/);
  });

  it("aligns a large gap without anchors in a band around the diagonal", () => {
    // 520 x 518 turns, every turn edited: no identical turn to anchor on, more than 250,000 cells.
    const [ref] = benchPair(520, 3);
    const copy = ref.map(([s, t, c]): TurnSpec => [s, `${t} extra words here`, c]).filter((_, i) => i !== 10 && i !== 400);
    const r = alignTranscripts([transcript("a", ref), transcript("b", copy)]);
    expect(r.method).toBe("global");
    expect(r.unmatched.b).toEqual([11, 401]);
    expect(r.extra.b).toEqual([]);
    expect(r.units.length).toBe(518);
    expect(r.units.find((u) => u.turn === 12)!.coderTurns).toEqual([12, 11]);
    expect(r.textDifferences.length).toBe(518);
  });

  it("refuses two coders with the same name", () => {
    expect(() => alignTranscripts([transcript("a", BASE), transcript("a", BASE, "Interview", "other.txt")])).toThrow(InputError);
  });
});

describe("alignTranscripts on random order-preserving edits", () => {
  const similarity = (x: TurnSpec, y: TurnSpec): number => {
    if (x[0] !== y[0]) return 0;
    const r = textRatio(normalizeTurnText(x[1].replace(/\|/g, " ")), normalizeTurnText(y[1].replace(/\|/g, " ")));
    return r >= 0.8 ? r : 0;
  };
  /** Best summed similarity over monotone matchings (full DP, no anchors). */
  function optimum(ref: TurnSpec[], copy: TurnSpec[]): number {
    const dp = Array.from({ length: ref.length + 1 }, () => new Array<number>(copy.length + 1).fill(0));
    for (let i = 1; i <= ref.length; i++) {
      for (let j = 1; j <= copy.length; j++) {
        const w = similarity(ref[i - 1]!, copy[j - 1]!);
        dp[i]![j] = Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!, w > 0 ? dp[i - 1]![j - 1]! + w : 0);
      }
    }
    return dp[ref.length]![copy.length]!;
  }
  const POOL = ["Okay.", "Yes.", "We cleaned the data by hand.", "We cleaned the data by hand!", "The model drifted after deployment.",
    "The model drifted after the deployment.", "Privacy rules limited what we could log.", "Uh, right.", "Costs were high on the cloud platform."];
  const NEW = ["A new remark nobody made before.", "Okay.", "We cleaned the data by hand, mostly.", "Something else entirely."];

  // The aligner's summed similarity lies between the true alignment's (known from the edits) and
  // the unconstrained optimum: anchors may keep the true pairing where a shifted one would score
  // higher (a turn "We cleaned the data by hand!" kept, the similar one before it deleted).
  it("finds a valid alignment at least as good as the true one and at most the optimum", async () => {
    const fc = await import("fast-check");
    const speaker = fc.constantFrom("Interviewer 1", "Interviewee");
    const turn = fc.tuple(speaker, fc.constantFrom(...POOL)).map(([s, t]): TurnSpec => [s, t]);
    const inserted = fc.tuple(speaker, fc.constantFrom(...NEW)).map(([s, t]): TurnSpec => [s, t]);
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 14 }), fc.array(fc.nat(5), { minLength: 14, maxLength: 14 }), fc.array(inserted, { minLength: 14, maxLength: 14 }), (ref, ops, inserts) => {
        // Each reference turn is kept (0-2), deleted (3), edited (4: a word added) or followed by an insertion (5).
        const copy: TurnSpec[] = [];
        let truth = 0;
        ref.forEach((t, i) => {
          const op = ops[i]!;
          if (op === 4) copy.push([t[0], t[1].replace(/\.$/, " too.")]);
          else if (op !== 3) copy.push(t);
          if (op !== 3) truth += similarity(t, copy[copy.length - 1]!);
          if (op === 5) copy.push(inserts[i]!);
        });
        if (copy.length === 0) return;
        let r;
        try {
          r = alignTranscripts([transcript("a", ref, "T"), transcript("b", copy, "T")]);
        } catch (e) {
          // Under a fifth of the turns matching: refused as a different transcript, by design.
          expect((e as InputError).code).toBe("ALIGN_DIFFERENT_TRANSCRIPTS");
          expect(optimum(ref, copy)).toBeLessThan(Math.min(ref.length, copy.length) / 5);
          return;
        }
        let total = 0;
        let last = 0;
        for (const u of r.units) {
          const j = u.coderTurns[1]!;
          expect(j).toBeGreaterThan(last);
          last = j;
          const s = similarity(ref[u.turn - 1]!, copy[j - 1]!);
          expect(s).toBeGreaterThan(0);
          const note = r.textDifferences.find((d) => d.turn === u.turn);
          expect(note ? note.similarity : 1).toBe(s);
          total += s;
        }
        expect(total).toBeGreaterThanOrEqual(truth - 1e-9);
        expect(total).toBeLessThanOrEqual(optimum(ref, copy) + 1e-9);
      }),
      { numRuns: 1000, seed: 42 },
    );
  });
});
