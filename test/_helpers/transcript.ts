import type { CodedTranscript, Turn } from "../../src/model/transcript.js";

/** [speaker, text (paragraphs separated by "|"), codes] */
export type TurnSpec = [string | null, string, string[]?];

/** A CodedTranscript built directly from turn specs (no importer involved). */
export function transcript(coder: string, turns: readonly TurnSpec[], name = "Interview", file = `${coder}.txt`): CodedTranscript {
  let paragraph = 0;
  const built: Turn[] = turns.map(([speaker, text, codes = []], i) => ({
    number: i + 1,
    speaker,
    line: 3 + 4 * i,
    paragraphs: text.split("|").map((t, k) => ({ number: ++paragraph, indexInTurn: k + 1, text: t, line: 5 + 4 * i, codes: [] })),
    codes: [...codes].sort(),
  }));
  return { name, coder, file, format: "test", turns: built, codesUsed: [...new Set(built.flatMap((t) => t.codes))].sort(), diagnostics: [] };
}
