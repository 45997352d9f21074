/**
 * Fuzzing the Delve importer (issue 6): random bytes, the seed export cut short, with bytes or
 * lines changed, with BOMs, CRs and NULs inserted, with blocks shuffled. Each input either parses
 * or fails with an intercoder `InputError` carrying the file and a 1-based line inside it; never
 * another exception. Hangs are caught by the test timeout (the parser is linear: every input
 * here is read in milliseconds).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDelve, type DelveOptions } from "../../src/io/delve.js";
import { InputError } from "../../src/model/errors.js";
import { fuzzRuns } from "../fuzz.config.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = new Uint8Array(readFileSync(join(ROOT, "seeds/interview-35.txt")));
const SEED_TEXT = new TextDecoder().decode(SEED);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const OPTIONS: DelveOptions[] = [
  { file: "f.txt", coder: "a" },
  { file: "f.txt", coder: "a", codebook: ["Data-duplicates", "QM-robustness", "not a code shape"] },
  { file: "f.txt", coder: "a", speakers: ["Interviewer 1", "Interviewee", "All right."] },
];

/** Parse; fail the property on anything but a transcript or a located InputError. Returns the error code or "ok". */
function parsesOrFailsWithLine(bytes: Uint8Array, options: DelveOptions = OPTIONS[0]!): string {
  const lines = bytes.reduce((n, b) => n + (b === 0x0a || b === 0x0d ? 1 : 0), 1);
  try {
    const t = readDelve(bytes, options);
    // What parsed is consistent: turns numbered 1..n, every span inside the text, codes sorted and used.
    expect(t.turns.map((x) => x.number)).toEqual(t.turns.map((_, i) => i + 1));
    for (const s of t.spans ?? []) expect(0 <= s.start && s.start <= s.end && s.end <= (t.text ?? "").length).toBe(true);
    expect(new Set(t.turns.flatMap((x) => x.codes))).toEqual(new Set(t.codesUsed));
    for (const d of t.diagnostics) expect(Number.isInteger(d.line) && d.line! >= 1 && d.line! <= lines).toBe(true);
    return "ok";
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.code).toMatch(/^(NOT_UTF8|DELVE_NO_TURNS)$/);
    expect(e.file).toBe(options.file);
    expect(Number.isInteger(e.line) && e.line! >= 1 && e.line! <= lines).toBe(true);
    expect(e.hint).toBeTruthy();
    return e.code;
  }
}

const LINES = SEED_TEXT.split("\n");
const BLOCKS = SEED_TEXT.split(/\n\s*\n/);
const lineText = fc.oneof(
  fc.constantFrom("", " ", "Interviewer 1", "Interviewee", "Data-duplicates", "QM-robustness-fix", "mm-hmm", "Created with the Delve Tool", "\ufeff", "\r", "\u0000", "\u00a0\t", "Speaker 999", "a-b-c-d"),
  fc.string({ unit: fc.constantFrom("a", "-", " ", "\r", "\n", "\ufeff", "\u0000", "é", "🍕", "_", "/"), maxLength: 12 }),
);

describe("readDelve under random and mutated input", () => {
  it("reads the seed (131 turns)", () => {
    expect(parsesOrFailsWithLine(SEED)).toBe("ok");
    expect(readDelve(SEED, OPTIONS[0]!).turns).toHaveLength(131);
  });

  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(2), (bytes, o) => { parsesOrFailsWithLine(bytes, OPTIONS[o]); }), { numRuns: fuzzRuns(300) });
  });

  it("random text made of Delve-like lines", () => {
    fc.assert(fc.property(fc.array(lineText, { maxLength: 40 }), fc.nat(2), (lines, o) => { parsesOrFailsWithLine(enc(lines.join("\n")), OPTIONS[o]); }), { numRuns: fuzzRuns(300) });
  });

  it("the seed cut short at any byte (also inside a UTF-8 character)", () => {
    fc.assert(fc.property(fc.nat(SEED.length), (cut) => {
      const r = parsesOrFailsWithLine(SEED.subarray(0, cut));
      // A cut inside a multi-byte character is an encoding error, not a silently shortened text.
      if (cut > 0 && cut < SEED.length && (SEED[cut]! & 0xc0) === 0x80) expect(r).toBe("NOT_UTF8");
    }), { numRuns: fuzzRuns(100) });
  });

  it("the seed with bytes changed", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(SEED.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }), (flips) => {
      const bytes = SEED.slice();
      for (const [at, x] of flips) bytes[at] = bytes[at]! ^ x;
      parsesOrFailsWithLine(bytes);
    }), { numRuns: fuzzRuns(100) });
  });

  it("the seed with BOMs, CRs and NULs inserted", () => {
    const inserts = fc.constantFrom("\ufeff", "\r", "\r\n", "\u0000", "\n\n", "\ufeff\ufeff", "\u2028");
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(SEED_TEXT.length), inserts), { minLength: 1, maxLength: 5 }), (edits) => {
      let text = SEED_TEXT;
      for (const [at, s] of edits) text = text.slice(0, at) + s + text.slice(at);
      const r = parsesOrFailsWithLine(enc(text));
      if (edits.some(([, s]) => s === "\u0000")) expect(r).toBe("NOT_UTF8");
    }), { numRuns: fuzzRuns(100) });
  });

  it("the seed with lines replaced, deleted or duplicated", () => {
    const edit = fc.tuple(fc.nat(LINES.length - 1), fc.constantFrom("replace", "delete", "duplicate"), lineText);
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat(2), (edits, o) => {
      const lines = LINES.slice();
      for (const [at, kind, s] of edits) {
        const i = at % lines.length;
        if (kind === "replace") lines[i] = s;
        else if (kind === "delete") lines.splice(i, 1);
        else lines.splice(i, 0, lines[i]!);
      }
      parsesOrFailsWithLine(enc(lines.join("\n")), OPTIONS[o]);
    }), { numRuns: fuzzRuns(100) });
  });

  it("the seed with its blocks shuffled", () => {
    fc.assert(fc.property(fc.shuffledSubarray(BLOCKS.map((_, i) => i), { minLength: 0 }), (order) => {
      parsesOrFailsWithLine(enc(order.map((i) => BLOCKS[i]).join("\n\n")));
    }), { numRuns: fuzzRuns(60) });
  });

  // Regression: code membership was a linear scan per code line, so these took 3.5 s and 13 s.
  it("a block of 40,000 code lines and a turn of 100,000 coded paragraphs are read in linear time", () => {
    const block = readDelve(enc(`T\n\nInterviewee\n\nsome text here\n\n${Array.from({ length: 40_000 }, (_, i) => `Code-${i}`).join("\n")}\n`), OPTIONS[0]!);
    expect(block.codesUsed).toHaveLength(40_000);
    const paragraphs = readDelve(enc(`T\n\nInterviewee\n\n${Array.from({ length: 100_000 }, (_, i) => `para ${i} text\n\nCode-${i}`).join("\n\n")}\n`), OPTIONS[0]!);
    expect(paragraphs.turns).toHaveLength(1);
    expect(paragraphs.turns[0]!.paragraphs).toHaveLength(100_000);
    expect(paragraphs.turns[0]!.codes).toHaveLength(100_000);
  }, 8_000);
});
