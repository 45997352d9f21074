/** Build a Delve "transcript with codes" export from turns, for tests of units and unitizing. */
import { readDelve } from "../../src/io/delve.js";
import type { CodedTranscript } from "../../src/model/transcript.js";

/** [speaker, paragraphs], each paragraph [text, codes that follow it]. */
export type DelveTurnSpec = [string, [string, string[]?][]];

/** The export's text: title, speaker / paragraph / code blocks separated by blank lines, footer. */
export function delveText(title: string, turns: readonly DelveTurnSpec[]): string {
  const blocks = [title];
  for (const [speaker, paragraphs] of turns) {
    blocks.push(speaker);
    for (const [text, codes = []] of paragraphs) {
      blocks.push(text);
      for (const code of codes) blocks.push(code);
    }
  }
  blocks.push("Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)");
  return `${blocks.join("\n\n")}\n`;
}

export function readDelveText(text: string, coder: string): CodedTranscript {
  return readDelve(new TextEncoder().encode(text), { file: `${coder}.txt`, coder });
}

/** Two coders who agree on which turn carries each code but not on which paragraph. */
export const Q1 = "Can you tell us about the data you work with?";
export const A1 = "We mostly work with sensor readings from the plant floor.";
export const A2 = "Many of those readings are missing after every power outage.";
export const Q2 = "And how do you handle that?";
export const A3 = "We fill the gaps by interpolation before training.";
export const A4 = "Nobody has checked whether that biases the model.";
const coded = (onFirst: boolean): DelveTurnSpec[] => [
  ["Interviewer", [[Q1]]],
  ["Interviewee", [[A1, onFirst ? ["Data-missing"] : []], [A2, onFirst ? [] : ["Data-missing"]]]],
  ["Interviewer", [[Q2]]],
  ["Interviewee", [[A3, ["Data-imputation"]], [A4]]],
];
export const turnsAgreeParagraphsDiffer = {
  a: delveText("Interview 1", coded(true)),
  b: delveText("Interview 1", coded(false)),
};
