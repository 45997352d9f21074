import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeTurnText, textRatio } from "../../src/align/_similarity.js";
import { indexText, isAmbiguous, locateExcerpt, normalizeForMatching, type ExcerptMatch } from "../../src/align/match-text.js";

const TEXT = [
  "Interviewer: Can you tell us about the data you work with?",
  "Participant 1: We mostly work with sensor readings from the plant floor.",
  "Many of those readings are missing after every power outage.",
  "Interviewer: And how do you handle that?",
  "Participant 1: We fill the gaps by interpolation before training.",
].join("\n");

function match(location: ReturnType<typeof locateExcerpt>): ExcerptMatch {
  if (location === null || isAmbiguous(location)) throw new Error(`expected one match, got ${JSON.stringify(location)}`);
  return location;
}

/** Offsets of `needle` in `text`, asserting it occurs exactly once. */
function only(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, start + 1)).toBe(-1);
  return { start, end: start + needle.length };
}

describe("normalizeForMatching", () => {
  it("collapses white space, unifies quotes and dashes, folds case, and keeps each character's original range", () => {
    // "  “Hi” –\tBob…" : positions 0-1 spaces, 2 “, 3 H, 4 i, 5 ”, 6 space, 7 –, 8 tab, 9 B, 10 o, 11 b, 12 …
    const n = normalizeForMatching("  \u201cHi\u201d \u2013\tBob\u2026  ");
    expect(n.norm).toBe('"hi" - bob...');
    expect([...n.origStart]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 12]);
    expect([...n.origEnd]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13, 13]);
  });

  it("composes a letter and its combining accent (NFC) and case-folds ß to ss", () => {
    const n = normalizeForMatching("Cafe\u0301 STRASSE stra\u00dfe");
    expect(n.norm).toBe("caf\u00e9 strasse strasse");
    // é comes from "e" + U+0301 (offsets 3..5); ß is offset 18, and both "s" it becomes
    // (normalised positions 17 and 18) come from it.
    expect([n.origStart[3], n.origEnd[3]]).toEqual([3, 5]);
    expect([n.origStart[17], n.origEnd[17], n.origStart[18], n.origEnd[18]]).toEqual([18, 19, 18, 19]);
  });

  it("drops soft hyphens and zero-width spaces", () => {
    expect(normalizeForMatching("inter\u00adpo\u200blation").norm).toBe("interpolation");
  });
});

describe("locateExcerpt: exact matches", () => {
  it("finds an excerpt as written, with UTF-16 offsets into the original text", () => {
    const needle = "sensor readings from the plant floor";
    expect(match(locateExcerpt(TEXT, needle))).toEqual({ ...only(TEXT, needle), similarity: 1 });
  });

  it("finds an excerpt whose white space, line breaks and case differ", () => {
    const m = match(locateExcerpt(TEXT, "  PLANT   floor.\r\n\r\n  Many of those\treadings "));
    expect(TEXT.slice(m.start, m.end)).toBe("plant floor.\nMany of those readings");
    expect(m.similarity).toBe(1);
  });

  it("finds an excerpt with straight quotes in a text with typographic quotes (and the reverse)", () => {
    const curly = "She said \u201cit\u2019s broken\u201d twice and left.";
    const m = match(locateExcerpt(curly, "said \"it's broken\" twice"));
    expect(curly.slice(m.start, m.end)).toBe("said \u201cit\u2019s broken\u201d twice");
    const straight = "She said \"it's broken\" twice and left.";
    const r = match(locateExcerpt(straight, "\u201cit\u2019s broken\u201d"));
    expect(straight.slice(r.start, r.end)).toBe("\"it's broken\"");
  });

  it("counts UTF-16 code units after an emoji (JavaScript slice offsets)", () => {
    const text = "Great \u{1F600} result. The model drifted after the update.";
    const m = match(locateExcerpt(text, "the model drifted"));
    expect(m.start).toBe(text.indexOf("The model"));
    expect(text.slice(m.start, m.end)).toBe("The model drifted");
  });

  it("reports every place of an excerpt that occurs several times", () => {
    const text = "Okay. We use sensors. Okay. We use cameras.";
    const r = locateExcerpt(text, "okay.");
    expect(r).toEqual({ ambiguous: [{ start: 0, end: 5, similarity: 1 }, { start: 22, end: 27, similarity: 1 }], count: 2 });
    // A longer excerpt is unique again.
    expect(match(locateExcerpt(text, "Okay. We use cameras"))).toEqual({ start: 22, end: 42, similarity: 1 });
  });

  it("returns null for an empty or white-space excerpt and for text that is not there", () => {
    expect(locateExcerpt(TEXT, " \n\t")).toBeNull();
    expect(locateExcerpt(TEXT, "an entirely different sentence about budgets")).toBeNull();
  });
});

describe("locateExcerpt: fuzzy matches", () => {
  it("finds an excerpt with one substituted letter; similarity (L−1)/L as difflib gives for one substitution", () => {
    const truth = "We fill the gaps by interpolation before training";
    const typo = "We fill the gaps by interpolatoon before training"; // i → o, same length L = 49
    const m = match(locateExcerpt(TEXT, typo));
    expect({ start: m.start, end: m.end }).toEqual(only(TEXT, truth));
    // difflib: M = L − 1 matched characters, ratio = 2(L − 1) / 2L.
    expect(m.similarity).toBeCloseTo((truth.length - 1) / truth.length, 12);
  });

  it("finds an excerpt missing one letter; similarity 2(L−1)/(2L−1)", () => {
    const truth = "missing after every power outage";
    const m = match(locateExcerpt(TEXT, "missing after evry power outage"));
    expect({ start: m.start, end: m.end }).toEqual(only(TEXT, truth));
    expect(m.similarity).toBeCloseTo((2 * (truth.length - 1)) / (2 * truth.length - 1), 12);
  });

  it("finds a long excerpt whose first letter differs (difflib's autojunk would score it 0.009)", () => {
    // A real paragraph of 216 characters: line 121 of data/interview-35/coder-a.txt.
    const delve = readFileSync(new URL("../../data/interview-35/coder-a.txt", import.meta.url), "utf8");
    const paragraph = delve.split("\n").map((l) => l.trim()).find((l) => l.length === 216)!;
    expect(paragraph).toBeDefined();
    const excerpt = `x${paragraph.slice(1)}`;
    const m = match(locateExcerpt(delve, excerpt));
    // The match starts at the first character that matches: the paragraph without its first letter.
    expect(delve.slice(m.start, m.end)).toBe(paragraph.slice(1));
    // L − 1 characters against the excerpt's L, all L − 1 matching: ratio 2(L − 1)/(2L − 1) without autojunk.
    const L = normalizeForMatching(paragraph).norm.length;
    expect(m.similarity).toBeCloseTo((2 * (L - 1)) / (2 * L - 1), 12);
    // What difflib's default (autojunk on, as the turn aligner uses it) gives for the same pair.
    expect(textRatio(normalizeTurnText(paragraph), normalizeTurnText(excerpt))).toBeLessThan(0.1);
  });

  it("finds a transcript typo that a coder's copy fixed (matching → machine)", () => {
    const text = "Interviewee: I teach and do research on matching learning and vision.";
    const m = match(locateExcerpt(text, "I teach and do research on machine learning"));
    expect(text.slice(m.start, m.end)).toBe("I teach and do research on matching learning");
    expect(m.similarity).toBeGreaterThanOrEqual(0.8);
    expect(m.similarity).toBeLessThan(1);
  });

  it("refuses a window below similarity 0.8, and fuzzy matching of excerpts shorter than 12 characters", () => {
    // 10 of the 40 characters of "We fill the gaps by interpolation before" replaced by "x" (a
    // letter the stretch lacks): difflib matches the 30 others, ratio 2·30/80 = 0.75 < 0.8.
    const garbled = "We fill the gaps by xxxxxxxxxxion before";
    expect(locateExcerpt(TEXT, garbled)).toBeNull();
    expect(locateExcerpt(TEXT, "plant flor")).toBeNull();
    // With a lower threshold the same excerpt is found, at 0.75.
    const m = match(locateExcerpt(TEXT, garbled, { minSimilarity: 0.6 }));
    expect(TEXT.slice(m.start, m.end)).toBe("We fill the gaps by interpolation before");
    expect(m.similarity).toBeCloseTo(0.75, 12);
  });

  it("reports a typo'd excerpt of a sentence that occurs twice as ambiguous, both places equally similar", () => {
    const sentence = "the pipeline failed silently on Mondays";
    const text = `First: ${sentence}. Later: ${sentence}. The end.`;
    const r = locateExcerpt(text, "the pipeline faild silently on Mondays");
    expect(r !== null && isAmbiguous(r)).toBe(true);
    if (r === null || !isAmbiguous(r)) return;
    const first = text.indexOf(sentence);
    const second = text.indexOf(sentence, first + 1);
    expect(r.ambiguous.map((p) => [p.start, p.end])).toEqual([[first, first + sentence.length], [second, second + sentence.length]]);
    expect(r.ambiguous[0]!.similarity).toBe(r.ambiguous[1]!.similarity);
  });

  it("scores an excerpt over 5,000 characters by its alignment: one substitution in L gives (L − 1)/L", () => {
    const words = ["sensor", "drift", "label", "noise", "pipeline", "model", "data", "team", "review", "budget", "outage", "cloud"];
    let state = 7;
    const next = (): number => (state = (state * 48271) % 2147483647);
    const text = Array.from({ length: 3000 }, () => words[next() % words.length]!).join(" ");
    const truth = text.slice(2000, 10000).trim();
    const middle = Math.floor(truth.length / 2) + (truth[Math.floor(truth.length / 2)] === " " ? 1 : 0);
    const excerpt = `${truth.slice(0, middle)}#${truth.slice(middle + 1)}`;
    const m = match(locateExcerpt(text, excerpt));
    expect(text.slice(m.start, m.end)).toBe(truth);
    expect(m.similarity).toBeCloseTo((truth.length - 1) / truth.length, 12);
  });

  it("does not take in text next to the match for words of the excerpt that are not in the text", () => {
    // "Gosh, honestly: " is nowhere in the text; the match must not extend over the end of line 2
    // (a substitution costs what a skipped character costs, so edit distance alone would).
    const m = match(locateExcerpt(TEXT, "Gosh, honestly: Many of those readings are missing after every power outage"));
    expect(TEXT.slice(m.start, m.end)).toBe("Many of those readings are missing after every power outage");
  });

  it("gives the same answer from a prebuilt index as from the text", () => {
    const index = indexText(TEXT);
    for (const q of ["power outage", "We fill the gaps by interpolatoon", "Interviewer:"]) {
      expect(locateExcerpt(index, q)).toEqual(locateExcerpt(TEXT, q));
    }
  });
});

describe("locateExcerpt properties", () => {
  const word = fc.constantFrom("data", "model", "the", "sensor", "drift", "label", "we", "noisy", "pipeline", "Okay", "missing", "values");
  const sep = fc.constantFrom(" ", "  ", "\n", "\t", " \r\n ");

  it("finds any unique stretch of words at its original offsets, whatever its white space and case", () => {
    fc.assert(fc.property(
      fc.array(word, { minLength: 8, maxLength: 60 }), fc.nat(), fc.nat(), fc.array(sep, { minLength: 60, maxLength: 60 }),
      (words, a, b, seps) => {
        const text = words.map((w, i) => (i === 0 ? w : `${seps[i]!}${w}`)).join("");
        const from = a % words.length;
        const to = from + 1 + (b % Math.min(6, words.length - from));
        const excerptWords = words.slice(from, to);
        const excerpt = excerptWords.map((w, i) => (i % 2 === 0 ? w.toUpperCase() : w)).join(" \n ");
        const normText = normalizeForMatching(text).norm;
        const normExcerpt = excerptWords.join(" ").toLowerCase();
        let occurrences = 0; // overlapping ones too ("we we" occurs twice in "we we we")
        for (let p = normText.indexOf(normExcerpt); p !== -1; p = normText.indexOf(normExcerpt, p + 1)) occurrences++;
        const r = locateExcerpt(text, excerpt);
        if (occurrences === 1) {
          const m = match(r);
          // Rebuild where the words are in the text.
          let start = 0;
          for (let i = 0; i < from; i++) start += (i === 0 ? 0 : seps[i]!.length) + words[i]!.length;
          if (from > 0) start += seps[from]!.length;
          expect(m.start).toBe(start);
          expect(normalizeForMatching(text.slice(m.start, m.end)).norm).toBe(normExcerpt);
          expect(m.similarity).toBe(1);
        } else {
          expect(r !== null && isAmbiguous(r) && r.count === occurrences).toBe(true);
        }
      },
    ), { numRuns: 200, seed: 20261129 });
  });
});
