import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { SENTENCE_LOCALE, toUnits, UNIT_KINDS } from "../../src/align/units.js";
import { readDelve } from "../../src/io/delve.js";
import { readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx } from "../../src/io/qdpx-write.js";
import { cohenKappa } from "../../src/metrics/cohen-kappa.js";
import { percentAgreement } from "../../src/metrics/percent-agreement.js";
import type { AlignedTranscript } from "../../src/model/aligned.js";
import type { ReliabilityMatrix } from "../../src/model/reliability-matrix.js";
import type { CodedTranscript } from "../../src/model/transcript.js";
import { transcript } from "../_helpers/transcript.js";
import { A1, A2, A3, A4, delveText, Q1, Q2, readDelveText, turnsAgreeParagraphsDiffer } from "./_delve-text.js";

const study = ["a", "b", "c"].map((c) =>
  readDelve(readFileSync(new URL(`../../data/interview-35/coder-${c}.txt`, import.meta.url)), { file: `coder-${c}.txt`, coder: c }));

/** Binary matrix "was `code` applied to this unit?" (1/0), coders × aligned units. */
function presence(aligned: AlignedTranscript, code: string): ReliabilityMatrix {
  return {
    coders: aligned.coders,
    units: aligned.units.map((u) => String(u.turn)),
    values: aligned.coders.map((_, k) => aligned.units.map((u) => (u.codes[k] === null ? null : u.codes[k]!.includes(code) ? 1 : 0))),
  };
}

describe("toUnits on the example study", () => {
  it("gives 131 turns, 157 paragraphs, the segmenter's sentences and one document for every coder", () => {
    const segmenter = new Intl.Segmenter(SENTENCE_LOCALE, { granularity: "sentence" });
    const paragraphs = study[0]!.turns.flatMap((t) => t.paragraphs);
    // Independent count: every non-blank segment of every paragraph.
    const sentences = paragraphs.reduce((n, p) => n + [...segmenter.segment(p.text)].filter((s) => s.segment.trim() !== "").length, 0);
    const expected = { turn: 131, paragraph: 157, sentence: sentences, document: 1 };
    expect(sentences).toBeGreaterThan(157);
    for (const unit of UNIT_KINDS) {
      for (const coding of study) {
        const units = toUnits(coding, unit);
        expect(units.turns.length).toBe(expected[unit]);
        expect(units.unitKind).toBe(unit);
        expect(units.turns.map((t) => t.number)).toEqual(units.turns.map((_, i) => i + 1));
      }
    }
  });

  it("aligns all three coders at every unit, by number, with the one fixed typo as the only text difference", () => {
    for (const unit of UNIT_KINDS) {
      const units = study.map((c) => toUnits(c, unit));
      const aligned = alignTranscripts(units);
      expect(aligned.unitKind).toBe(unit);
      expect(aligned.method).toBe("by-number");
      expect(aligned.units.length).toBe(units[0]!.turns.length);
      expect(aligned.units.every((u) => u.coderTurns.every((t, k) => t === u.turn && u.codes[k] !== null))).toBe(true);
      expect(aligned.unmatched).toEqual({ a: [], b: [], c: [] });
      expect(aligned.textDifferences.map((d) => d.coder)).toEqual(["c"]);
      const where = aligned.units.find((u) => u.turn === aligned.textDifferences[0]!.turn)!;
      expect(where.text.toLowerCase()).toContain("matching learning");
    }
  });

  it("keeps each unit's codes consistent with the turn it lies in: the union over a turn's paragraphs is the turn's codes", () => {
    for (const coding of study) {
      for (const unit of ["paragraph", "sentence"] as const) {
        const units = toUnits(coding, unit);
        for (const turn of coding.turns) {
          const inside = units.turns.filter((u) => u.sourceTurn === turn.number);
          expect(inside.length).toBeGreaterThan(0);
          expect([...new Set(inside.flatMap((u) => u.codes))].sort()).toEqual([...turn.codes].sort());
        }
      }
      const document = toUnits(coding, "document").turns[0]!;
      expect(document.codes).toEqual(coding.codesUsed);
      expect(document.speaker).toBeNull();
      expect(document.span).toEqual({ start: 0, end: coding.text!.length });
      expect(document.paragraphs.length).toBe(157);
    }
  });

  it("gives each paragraph unit exactly its Delve paragraph's codes and span", () => {
    const units = toUnits(study[0]!, "paragraph");
    const paragraphs = study[0]!.turns.flatMap((t) => t.paragraphs);
    units.turns.forEach((u, i) => {
      const p = paragraphs[i]!;
      expect(u.sourceParagraph).toBe(p.number);
      expect(u.span).toEqual(p.span);
      expect(u.paragraphs[0]!.text).toBe(p.text);
      expect(u.line).toBe(p.line);
    });
    // Every paragraph-level code of the seed is on a paragraph of its own (no turn-level codes there).
    units.turns.forEach((u, i) => expect(u.codes).toEqual([...paragraphs[i]!.codes].sort()));
  });
});

describe("toUnits: agreement at the turn versus at the paragraph", () => {
  const a = readDelveText(turnsAgreeParagraphsDiffer.a, "a");
  const b = readDelveText(turnsAgreeParagraphsDiffer.b, "b");

  it("measures full agreement on turns but not on paragraphs when coders place a code in different paragraphs of one turn", () => {
    const turns = alignTranscripts([toUnits(a, "turn"), toUnits(b, "turn")]);
    const paragraphs = alignTranscripts([toUnits(a, "paragraph"), toUnits(b, "paragraph")]);
    expect(turns.units.length).toBe(4);
    expect(paragraphs.units.length).toBe(6);
    // Turns: Data-missing on turn 2 for both coders, nowhere else: kappa 1.
    expect(cohenKappa(presence(turns, "Data-missing")).value).toBeCloseTo(1, 12);
    expect(percentAgreement(presence(turns, "Data-missing")).value).toBeCloseTo(1, 12);
    // Paragraphs: a = 0 1 0 0 0 0, b = 0 0 1 0 0 0. p_o = 4/6, p_e = (1/6)² + (5/6)² = 26/36,
    // kappa = (24/36 − 26/36) / (1 − 26/36) = −0.2.
    expect(percentAgreement(presence(paragraphs, "Data-missing")).value).toBeCloseTo(4 / 6, 12);
    expect(cohenKappa(presence(paragraphs, "Data-missing")).value).toBeCloseTo(-0.2, 12);
    // The code both placed on the same paragraph agrees at both units.
    expect(cohenKappa(presence(turns, "Data-imputation")).value).toBeCloseTo(1, 12);
    expect(cohenKappa(presence(paragraphs, "Data-imputation")).value).toBeCloseTo(1, 12);
  });

  it("labels every paragraph unit with its speaker turn and paragraph", () => {
    const units = toUnits(a, "paragraph").turns;
    expect(units.map((u) => [u.number, u.speaker, u.sourceTurn, u.sourceParagraph, u.codes])).toEqual([
      [1, "Interviewer", 1, 1, []],
      [2, "Interviewee", 2, 2, ["Data-missing"]],
      [3, "Interviewee", 2, 3, []],
      [4, "Interviewer", 3, 4, []],
      [5, "Interviewee", 4, 5, ["Data-imputation"]],
      [6, "Interviewee", 4, 6, []],
    ]);
    expect(units.map((u) => a.text!.slice(u.span!.start, u.span!.end))).toEqual([Q1, A1, A2, Q2, A3, A4]);
  });
});

describe("toUnits: sentences", () => {
  const text = delveText("Interview 2", [
    ["Interviewer", [["Who decided?"]]],
    ["Interviewee", [["Dr. Smith said no. Then yes.", ["Decision-reversal"]], ["It was fine."]]],
  ]);
  const coding = readDelveText(text, "a");

  it("splits with Intl.Segmenter, which breaks after \"Dr.\": three sentences, each with the paragraph's Delve codes", () => {
    const units = toUnits(coding, "sentence").turns;
    expect(units.map((u) => u.paragraphs[0]!.text)).toEqual(["Who decided?", "Dr.", "Smith said no.", "Then yes.", "It was fine."]);
    expect(units.map((u) => coding.text!.slice(u.span!.start, u.span!.end))).toEqual(["Who decided?", "Dr.", "Smith said no.", "Then yes.", "It was fine."]);
    expect(units.map((u) => u.codes)).toEqual([[], ["Decision-reversal"], ["Decision-reversal"], ["Decision-reversal"], []]);
    expect(units.map((u) => [u.sourceTurn, u.sourceParagraph, u.sentenceInParagraph])).toEqual([[1, 1, 1], [2, 2, 1], [2, 2, 2], [2, 2, 3], [2, 3, 1]]);
    // The segmenter itself, on the paragraph as written (trailing space stays with a sentence).
    const segments = [...new Intl.Segmenter("en", { granularity: "sentence" }).segment("Dr. Smith said no. Then yes.")].map((s) => s.segment);
    expect(segments).toEqual(["Dr. ", "Smith said no. ", "Then yes."]);
  });

  it("places REFI-QDA selections on the sentences and paragraphs they overlap, and reports selections on no unit", () => {
    // Offsets: line 1 [0, 38) = "Interviewer: Hello there. How are you?", "How are you?" = [26, 38);
    // line 2 [39, 66) = "Participant 1: Fine. Thanks.", "Fine." = [54, 59).
    const source = "Interviewer: Hello there. How are you?\nParticipant 1: Fine. Thanks.";
    expect(source.slice(26, 38)).toBe("How are you?");
    expect(source.slice(54, 59)).toBe("Fine.");
    const bytes = writeQdpx({
      users: ["Ann", "Ben"],
      codes: ["greeting", "mood", "label"],
      sources: [{
        name: "Chat",
        text: source,
        codings: [
          { coder: "Ann", code: "greeting", start: 30, end: 33 },
          { coder: "Ann", code: "mood", start: 55, end: 62 },
          { coder: "Ann", code: "label", start: 0, end: 11 },
          { coder: "Ben", code: "mood", start: 54, end: 59 },
        ],
      }],
    });
    const [ann, ben] = readQdpx(bytes, { file: "chat.qdpx" }).transcripts as [CodedTranscript, CodedTranscript];
    const sentences = toUnits(ann, "sentence");
    expect(sentences.turns.map((u) => [source.slice(u.span!.start, u.span!.end), u.codes])).toEqual([
      ["Hello there.", []],
      ["How are you?", ["greeting"]],
      ["Fine.", ["mood"]],
      ["Thanks.", ["mood"]],
    ]);
    expect(toUnits(ben, "sentence").turns.map((u) => u.codes)).toEqual([[], [], ["mood"], []]);
    // The selection on the speaker label marks turn 1 but no paragraph or sentence.
    expect(ann.turns[0]!.codes).toEqual(["greeting", "label"]);
    expect(toUnits(ann, "paragraph").turns.map((u) => u.codes)).toEqual([["greeting"], ["mood"]]);
    expect(sentences.diagnostics.filter((d) => d.code === "unit-span-unplaced").map((d) => d.message)).toEqual([
      "1 coded span of Ann overlaps no sentence (only white space or a speaker label): it is on no unit",
    ]);
  });
});

describe("toUnits: degenerate and special cases", () => {
  it("returns the speaker turns themselves at unit turn", () => {
    const t = study[0]!;
    const same = toUnits(t, "turn");
    expect(same.turns).toBe(t.turns);
    expect(same.unitKind).toBe("turn");
    expect(toUnits(same, "turn")).toBe(same);
  });

  it("gives every paragraph of a turn a Delve code placed before the turn's first paragraph", () => {
    const text = "Interview 3\n\nInterviewer\n\nTopic-a\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nCreated with the Delve Qualitative Analysis Tool\n";
    const coding = readDelveText(text, "a");
    expect(coding.diagnostics.map((d) => d.code)).toContain("code-without-paragraph");
    expect(toUnits(coding, "paragraph").turns.map((u) => u.codes)).toEqual([["Topic-a"], ["Topic-a"]]);
  });

  it("without character spans, keeps paragraph codes and spreads turn-only codes over the turn's paragraphs", () => {
    const t = transcript("a", [["Interviewer", "One.|Two.", ["Whole-turn"]], ["Interviewee", "Three. Four."]]);
    t.turns[0]!.paragraphs[1]!.codes = ["Second-only"];
    t.turns[0]!.codes = ["Second-only", "Whole-turn"];
    expect(toUnits(t, "paragraph").turns.map((u) => [u.paragraphs[0]!.text, u.codes, u.span])).toEqual([
      ["One.", ["Whole-turn"], undefined],
      ["Two.", ["Second-only", "Whole-turn"], undefined],
      ["Three. Four.", [], undefined],
    ]);
    expect(toUnits(t, "sentence").turns.map((u) => u.paragraphs[0]!.text)).toEqual(["One.", "Two.", "Three.", "Four."]);
  });

  it("does not mutate its input and refuses to re-segment units that are not speaker turns", () => {
    const t = structuredClone(study[1]!);
    const frozen = JSON.stringify(t);
    toUnits(t, "sentence");
    toUnits(t, "document");
    expect(JSON.stringify(t)).toBe(frozen);
    expect(() => toUnits(toUnits(t, "paragraph"), "sentence")).toThrow(RangeError);
    expect(() => toUnits(t, "word" as never)).toThrow(RangeError);
    expect(() => alignTranscripts([toUnits(t, "paragraph"), toUnits({ ...study[0]!, coder: "x" }, "sentence")])).toThrow(TypeError);
  });
});
