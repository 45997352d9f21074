import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { looksLikeDelve, parseDelve, readDelve } from "../../src/io/delve.js";
import { InputError } from "../../src/model/errors.js";
import type { CodedTranscript } from "../../src/model/transcript.js";

const SEED = new Uint8Array(readFileSync(new URL("../../seeds/interview-35.txt", import.meta.url)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const opts = { file: "x.txt", coder: "a" };
const FOOTER = "Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)";
/** A Delve export from blocks (blank line between blocks, footer appended). */
const delve = (...blocks: string[]): Uint8Array => enc([...blocks, FOOTER].join("\n\n"));
const kinds = (t: CodedTranscript, code: string): number[] =>
  t.diagnostics.filter((d) => d.code === code).map((d) => d.line!);
const turnCodes = (t: CodedTranscript): [number, string | null, string[]][] =>
  t.turns.map((x) => [x.number, x.speaker, x.codes]);

// Spec §9.1, transcribed: code → turn numbers (turn counts are the lengths).
const SEED_CODES: Record<string, number[]> = {
  "Data-collection-public-datasets": [41, 42, 43, 44],
  "Data-consistency-issues": [106],
  "Data-duplicates": [17, 18, 19, 20],
  "Data-low-quality": [122, 123, 124],
  "Data-missing-value-fix": [17, 18, 19, 20],
  "Data-missing-values": [11],
  "Data-noisy-features": [11],
  "MLP-costly-platforms": [91, 92, 93],
  "QM-data-privacy-issue-fix": [113, 114, 115],
  "QM-reproducibility": [12, 13, 125, 126, 127],
  "QM-robustness": [62, 80, 81],
  "QM-robustness-fix": [63, 64, 65, 80, 81],
  "feedback-loop": [69, 70, 71, 72],
};
// Spec §9.1: first line of the turns given there.
const SEED_FIRST_LINES: Record<number, number> = {
  41: 201, 106: 531, 17: 81, 122: 613, 11: 43, 91: 459, 113: 565, 12: 53, 125: 631, 62: 299, 80: 399, 63: 305, 69: 339,
};
// Spec §9.1 "Coded turns with their code lines".
const SEED_CODE_LINES: Record<number, number[]> = {
  11: [49, 51], 12: [59], 13: [65], 17: [85, 87], 18: [93, 95], 19: [101, 103], 20: [109, 111], 41: [205], 42: [211],
  43: [217], 44: [223], 62: [303], 63: [309], 64: [315, 319], 65: [325], 69: [343], 70: [349, 353], 71: [359], 72: [365],
  80: [403, 405], 81: [411, 413, 417, 419], 91: [463], 92: [469], 93: [475, 479], 106: [535, 539], 113: [573], 114: [579],
  115: [585], 122: [617], 123: [623], 124: [629], 125: [637], 126: [645], 127: [651],
};
// Spec §9.2.
const SEED_ANOMALIES: Record<string, number[]> = {
  "text-before-first-speaker": [3],
  "text-after-text": [25, 47, 57, 79, 121, 143, 173, 195, 255, 293, 379, 381, 453, 505, 569, 571, 599, 635, 643, 669],
  "text-after-code": [225, 317, 351, 415, 477, 537],
  "one-word-paragraph": [141, 275, 363, 423, 487, 513, 555, 563, 659],
  "same-speaker-repeated": [13, 17, 21, 43, 53, 61, 75, 97, 105, 117, 127, 131, 135, 149, 153, 165, 179, 191, 201, 213, 219, 235,
    239, 251, 265, 277, 281, 289, 299, 321, 335, 355, 361, 375, 387, 407, 421, 429, 437, 441, 455, 459, 465, 471, 489, 501, 511,
    527, 553, 565, 575, 581, 591, 601, 605, 609, 625, 647, 661],
};

describe("readDelve on the seed (spec §9)", () => {
  const parsed = parseDelve(SEED, { file: "seeds/interview-35.txt", coder: "coder-a" });
  const t = parsed.transcript;

  it("counts lines, blocks by kind, turns, paragraphs and coded turns as §9.1 says", () => {
    expect(parsed.lineCount).toBe(671);
    const byKind: Record<string, number> = {};
    for (const b of parsed.blocks) byKind[b.kind] = (byKind[b.kind] ?? 0) + 1;
    expect(parsed.blocks.length).toBe(336);
    expect(byKind).toEqual({ title: 1, speaker: 130, text: 157, code: 47, footer: 1 });
    expect(t.name).toBe("Interview 35 - Ilan");
    expect(t.turns.length).toBe(131);
    expect(t.turns.filter((x) => x.speaker === null).length).toBe(1);
    expect(t.turns.filter((x) => x.speaker === "Interviewer 1").length).toBe(43);
    expect(t.turns.filter((x) => x.speaker === "Interviewee").length).toBe(87);
    expect(t.turns.reduce((s, x) => s + x.paragraphs.length, 0)).toBe(157);
    const perTurn = [1, 2, 3].map((k) => t.turns.filter((x) => x.paragraphs.length === k).length);
    expect(perTurn).toEqual([107, 22, 2]);
    expect(t.turns.filter((x) => x.codes.length > 0).length).toBe(34);
    expect(t.turns.reduce((s, x) => s + x.codes.length, 0)).toBe(41);
    expect(kinds(t, "empty-turn")).toEqual([]);
  });

  it("gives every code its turns (§9.1 table) and each turn its first line", () => {
    expect(t.codesUsed).toEqual(Object.keys(SEED_CODES));
    for (const [code, turns] of Object.entries(SEED_CODES)) {
      expect(t.turns.filter((x) => x.codes.includes(code)).map((x) => x.number), code).toEqual(turns);
    }
    for (const [turn, line] of Object.entries(SEED_FIRST_LINES)) expect(t.turns[Number(turn) - 1]!.line).toBe(line);
    expect(t.turns[0]!.line).toBe(3);
    expect(t.turns[26]!.paragraphs[0]!.text).toBe("backbone.");
  });

  it("attaches the code lines listed in §9.1 to their turns", () => {
    const codeBlocks = parsed.blocks.filter((b) => b.kind === "code");
    const byTurn: Record<number, number[]> = {};
    for (const b of codeBlocks) (byTurn[b.turn!] ??= []).push(b.line);
    expect(byTurn).toEqual(SEED_CODE_LINES);
  });

  it("warns about the §9.2 anomalies at their lines and nothing else", () => {
    const found: Record<string, number[]> = {};
    for (const d of t.diagnostics) {
      expect(d.severity).toBe("warning");
      expect(d.file).toBe("seeds/interview-35.txt");
      (found[d.code] ??= []).push(d.line!);
    }
    expect(found).toEqual(SEED_ANOMALIES);
  });

  it("records repeated code lines once per paragraph and places spans in the text", () => {
    const t81 = t.turns[80]!;
    expect(t81.paragraphs.map((p) => p.codes)).toEqual([
      ["QM-robustness", "QM-robustness-fix"],
      ["QM-robustness", "QM-robustness-fix"],
    ]);
    const t11 = t.turns[10]!;
    expect(t11.paragraphs.map((p) => p.codes)).toEqual([[], ["Data-missing-values", "Data-noisy-features"]]);
    for (const turn of t.turns) {
      for (const p of turn.paragraphs) expect(t.text!.slice(p.span!.start, p.span!.end)).toBe(p.text);
      expect(turn.span!.start).toBe(turn.paragraphs[0]!.span!.start);
    }
    expect(t.text!.split("\n\n").length).toBe(157);
    const p = t11.paragraphs[1]!;
    expect(t.spans!.filter((s) => s.start === p.span!.start)).toEqual([
      { start: p.span!.start, end: p.span!.end, code: "Data-missing-values" },
      { start: p.span!.start, end: p.span!.end, code: "Data-noisy-features" },
    ]);
    expect(t.spans!.length).toBe(t.turns.reduce((s, x) => s + x.paragraphs.reduce((u, q) => u + q.codes.length, 0), 0));
  });

  it("parses BOM, CRLF, trailing spaces and whitespace-only blank lines identically", () => {
    const text = new TextDecoder().decode(SEED);
    const messy = "\uFEFF" + text.split("\n").map((l, i) => (l === "" ? (i % 2 ? " \t" : "\u00a0") : l + (i % 3 ? "  " : "\t"))).join("\r\n") + "\r\n";
    const other = readDelve(enc(messy), { file: "seeds/interview-35.txt", coder: "coder-a" });
    expect(other).toEqual(t);
  });
});

describe("readDelve rules (constructed inputs)", () => {
  it("removes an empty turn and discards the codes on it", () => {
    const t = readDelve(delve("T", "Interviewer", "Interviewee", "Interviewer", "Code-a", "Interviewee", "Hello there."), opts);
    expect(turnCodes(t)).toEqual([[1, "Interviewee", []]]);
    expect(kinds(t, "empty-turn")).toEqual([3, 5, 7]);
    expect(kinds(t, "codes-on-empty-turn")).toEqual([9]);
    expect(t.turns[0]!.line).toBe(11);
  });

  it("applies a code that comes before the turn's first paragraph to the turn only", () => {
    const t = readDelve(delve("T", "Interviewer", "Code-a", "Hi you.", "Code-b"), opts);
    expect(turnCodes(t)).toEqual([[1, "Interviewer", ["Code-a", "Code-b"]]]);
    expect(t.turns[0]!.paragraphs[0]!.codes).toEqual(["Code-b"]);
    expect(kinds(t, "code-without-paragraph")).toEqual([5]);
    expect(t.spans).toEqual([{ start: 0, end: 7, code: "Code-a" }, { start: 0, end: 7, code: "Code-b" }]);
  });

  it("ignores codes before the first turn", () => {
    const t = readDelve(delve("T", "Code-a", "Interviewer", "Hi you.", "Code-b"), opts);
    expect(turnCodes(t)).toEqual([[1, "Interviewer", ["Code-b"]]]);
    expect(kinds(t, "code-before-first-turn")).toEqual([3]);
  });

  it("reads a file without footer and warns", () => {
    const t = readDelve(enc("T\n\nInterviewer\n\nHi you.\n\nCode-a\n"), opts);
    expect(turnCodes(t)).toEqual([[1, "Interviewer", ["Code-a"]]]);
    expect(kinds(t, "missing-footer")).toEqual([7]);
  });

  it("joins a multi-line text block into one paragraph and warns", () => {
    const t = readDelve(delve("T", "Interviewer", "First line\nsecond  line", "Code-a"), opts);
    expect(t.turns[0]!.paragraphs.map((p) => p.text)).toEqual(["First line second line"]);
    expect(kinds(t, "multi-line-paragraph")).toEqual([5]);
    expect(turnCodes(t)).toEqual([[1, "Interviewer", ["Code-a"]]]);
  });

  it("reads a block of consecutive code lines as one code block", () => {
    const p = parseDelve(delve("T", "Interviewee", "Yes it is.", "Code-a\nCode-b\nCode-a"), opts);
    expect(turnCodes(p.transcript)).toEqual([[1, "Interviewee", ["Code-a", "Code-b"]]]);
    expect(p.blocks.filter((b) => b.kind === "code").map((b) => b.codes)).toEqual([["Code-a", "Code-b", "Code-a"]]);
    expect(p.transcript.diagnostics).toEqual([]);
  });

  it("reads a multi-line speaker-looking block as text, never as a speaker", () => {
    const t = readDelve(delve("T", "Interviewer\nInterviewee"), opts);
    expect(turnCodes(t)).toEqual([[1, null, []]]);
    expect(kinds(t, "multi-line-paragraph")).toEqual([3]);
  });

  it("keeps interjections and punctuated words as text", () => {
    const t = readDelve(delve("T", "Interviewee", "Mm-hmm", "Uh-huh", "backbone.", "Data-x"), opts);
    expect(t.turns[0]!.paragraphs.map((p) => p.text)).toEqual(["Mm-hmm", "Uh-huh", "backbone."]);
    expect(t.turns[0]!.codes).toEqual(["Data-x"]);
  });

  it("widens code recognition with a codebook and flags code-shaped lines outside it", () => {
    const bytes = delve("T", "Interviewee", "I trust them.", "Trust", "Code with spaces", "Own-code");
    const plain = readDelve(bytes, opts);
    expect(plain.turns[0]!.codes).toEqual(["Own-code"]);
    expect(plain.turns[0]!.paragraphs.length).toBe(3);
    const wide = readDelve(bytes, { ...opts, codebook: ["Trust", "Code  with spaces"] });
    expect(wide.turns[0]!.codes).toEqual(["Code with spaces", "Own-code", "Trust"]);
    expect(wide.turns[0]!.paragraphs.length).toBe(1);
    expect(kinds(wide, "off-codebook-code")).toEqual([11]);
  });

  it("uses a --speakers list instead of the default pattern", () => {
    const bytes = delve("T", "Ann", "Hello Bob.", "Bob", "Hi.", "Interviewer", "Not a speaker now.");
    const t = readDelve(bytes, { ...opts, speakers: ["Ann", "Bob"] });
    expect(t.turns.map((x) => [x.speaker, x.paragraphs.length])).toEqual([["Ann", 1], ["Bob", 3]]);
    const d = readDelve(bytes, opts);
    expect(d.turns.map((x) => [x.speaker, x.paragraphs.length])).toEqual([[null, 4], ["Interviewer", 1]]);
  });

  it("numbers turns and paragraphs the same whatever was coded", () => {
    const a = readDelve(delve("T", "Interviewer", "Q?", "Interviewee", "A.", "More."), opts);
    const b = readDelve(delve("T", "Interviewer", "Q?", "Code-q", "Interviewee", "A.", "Code-a", "More.", "Code-b"), opts);
    const shape = (t: CodedTranscript) => t.turns.map((x) => x.paragraphs.map((p) => [p.number, p.indexInTurn, p.text]));
    expect(shape(b)).toEqual(shape(a));
    expect(shape(a)).toEqual([[[1, 1, "Q?"]], [[2, 1, "A."], [3, 2, "More."]]]);
    expect(b.text).toBe("Q?\n\nA.\n\nMore.");
  });

  it("refuses a file with no turns, and an empty file, with DELVE_NO_TURNS", () => {
    for (const bytes of [enc(""), enc("\n \n"), enc("Title only\n"), delve("T")]) {
      let err: unknown;
      try {
        readDelve(bytes, opts);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe("DELVE_NO_TURNS");
      expect((err as InputError).file).toBe("x.txt");
      expect((err as InputError).hint).toBeTruthy();
    }
    expect(parseDelve(enc(""), opts).transcript.diagnostics.map((d) => d.code)).toEqual(["empty-file"]);
  });

  it("refuses invalid UTF-8 with NOT_UTF8", () => {
    expect(() => readDelve(new Uint8Array([0x54, 0x0a, 0x0a, 0xc3, 0x28]), opts)).toThrow(InputError);
  });
});

describe("looksLikeDelve", () => {
  it("recognises Delve exports and rejects other formats", () => {
    expect(looksLikeDelve(new TextDecoder().decode(SEED))).toBe(true);
    expect(looksLikeDelve("T\n\nInterviewer\n\nHi.\n\nInterviewee\n\nHello.")).toBe(true);
    expect(looksLikeDelve("transcript,turn,speaker,coder,code\nT,1,Interviewer,a,X\n")).toBe(false);
    expect(looksLikeDelve("<?xml version=\"1.0\"?><Project/>")).toBe(false);
    expect(looksLikeDelve("")).toBe(false);
  });
});
