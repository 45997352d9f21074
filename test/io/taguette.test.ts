import { describe, expect, it } from "vitest";
import { coderFromFileName, looksLikeTaguette, readTaguette, readTranscriptText } from "../../src/io/taguette.js";
import { csvLine } from "../../src/io/_csv.js";
import type { CodedTranscript } from "../../src/model/transcript.js";
import { caught, enc } from "../_helpers/errors.js";


/** Plain text: 5 turns. Turn 3 (Interviewee) has two lines; the interviewee says \u201cdrift\u201d in curly quotes. */
const PLAIN = [
  "Interviewer: Can you tell us about the data you work with?",
  "Interviewee: We mostly work with sensor readings from the plant floor.",
  "Interviewer: And are they complete?",
  "Interviewee: Many of those readings are missing after every power outage.",
  "We call it \u201cthe outage drift\u201d in the team.",
  "Interviewer: Okay.",
].join("\n");

/** The same interview as a Delve export whose own code lines must be ignored. */
const DELVE = [
  "Interview 7",
  "Interviewer", "Can you tell us about the data you work with?", "Delve-own-code",
  "Interviewee", "We mostly work with sensor readings from the plant floor.", "Data-source",
  "Interviewer", "And are they complete?",
  "Interviewee", "Many of those readings are missing after every power outage.", "Data-missing-values",
  "We call it \u201cthe outage drift\u201d in the team.",
  "Interviewer", "Okay.",
  "Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)",
].join("\n\n");

function taguette(rows: (string | number)[][], header = ["id", "document", "tag", "content"]): Uint8Array {
  return enc(csvLine(header) + rows.map((r) => csvLine(r)).join(""));
}

const codes = (t: CodedTranscript): string[][] => t.turns.map((turn) => turn.codes);

describe("readTranscriptText", () => {
  it("reads plain text into labelled turns with spans, named after the file", () => {
    const t = readTranscriptText(enc(PLAIN), { file: "transcripts/Interview 7.txt" });
    expect(t.format).toBe("text");
    expect(t.name).toBe("Interview 7");
    expect(t.turns.map((x) => [x.speaker, x.paragraphs.length])).toEqual([
      ["Interviewer", 1], ["Interviewee", 1], ["Interviewer", 1], ["Interviewee", 2], ["Interviewer", 1],
    ]);
    expect(t.text).toBe(PLAIN);
    expect(PLAIN.slice(t.turns[4]!.span!.start, t.turns[4]!.span!.end)).toBe("Interviewer: Okay.");
  });

  it("reads a Delve export as Delve and ignores its code lines", () => {
    const t = readTranscriptText(enc(DELVE), { file: "a.txt" });
    expect(t.format).toBe("delve");
    expect(t.name).toBe("Interview 7");
    expect(t.turns).toHaveLength(5);
    expect(codes(t)).toEqual([[], [], [], [], []]);
    expect(t.turns.flatMap((x) => x.paragraphs.map((p) => p.codes))).toEqual([[], [], [], [], [], []]);
    expect(t.codesUsed).toEqual([]);
    expect(t.spans).toEqual([]);
  });

  it("refuses a transcript with no text", () => {
    expect(caught(() => readTranscriptText(enc("\n  \n"), { file: "empty.txt" })).code).toBe("TRANSCRIPT_EMPTY");
  });
});

describe("readTaguette", () => {
  const plain = readTranscriptText(enc(PLAIN), { file: "Interview 7.txt" });

  it("maps exact, white-space-changed, smart-quote and typo'd highlights to their turns", () => {
    const csv = taguette([
      [1, "Interview 7", "Data-source", "sensor readings from the plant floor"], // exact, turn 2
      [2, "Interview 7", "Data-missing-values", "Many of those readings\nare   missing"], // white space, turn 4
      [3, "Interview 7", "Jargon", "We call it \"the outage drift\""], // straight quotes for curly, turn 4
      [4, "Interview 7", "Question", "Can you tell us about the dta you work with"], // typo, turn 1
    ]);
    const t = readTaguette(csv, { file: "exports/ann.csv", transcript: plain });
    expect(t.coder).toBe("ann");
    expect(t.format).toBe("taguette");
    expect(codes(t)).toEqual([["Question"], ["Data-source"], [], ["Data-missing-values", "Jargon"], []]);
    // Paragraph codes: the two highlights of turn 4 lie in its first and second line.
    expect(t.turns[3]!.paragraphs.map((p) => p.codes)).toEqual([["Data-missing-values"], ["Jargon"]]);
    // Spans are the matched text of the transcript, as written.
    const spanText = (code: string): string => {
      const s = t.spans!.find((x) => x.code === code)!;
      return PLAIN.slice(s.start, s.end);
    };
    expect(spanText("Data-missing-values")).toBe("Many of those readings are missing");
    expect(spanText("Jargon")).toBe("We call it \u201cthe outage drift\u201d");
    expect(spanText("Question")).toBe("Can you tell us about the data you work with");
    expect(t.diagnostics).toEqual([]);
    expect(t.codesUsed).toEqual(["Data-missing-values", "Data-source", "Jargon", "Question"]);
  });

  it("applies a highlight that spans two turns to both, and all tags of a highlight (one row per tag)", () => {
    const csv = taguette([
      [7, "Interview 7", "Completeness", "plant floor.\nInterviewer: And are they complete?"],
      [7, "Interview 7", "Follow-up", "plant floor.\nInterviewer: And are they complete?"],
    ]);
    const t = readTaguette(csv, { file: "ben.csv", transcript: plain });
    expect(codes(t)).toEqual([[], ["Completeness", "Follow-up"], ["Completeness", "Follow-up"], [], []]);
    expect(t.spans!.map((s) => [PLAIN.slice(s.start, s.end), s.code])).toEqual([
      ["plant floor.\nInterviewer: And are they complete?", "Completeness"],
      ["plant floor.\nInterviewer: And are they complete?", "Follow-up"],
    ]);
  });

  it("reports a highlight that matches no text and one that matches several turns, with their CSV lines, and applies neither", () => {
    const plainWithRepeat = readTranscriptText(enc(`${PLAIN}\nInterviewee: Okay.\nInterviewer: Thanks a lot for your time today.`), { file: "Interview 7.txt" });
    const csv = taguette([
      [1, "Interview 7", "Data-source", "sensor readings"], // line 2
      [2, "Interview 7", "Budget", "We never had the budget for a second sensor network"], // line 3: nowhere
      [3, "Interview 7", "Closing", "Okay."], // line 4: turns 5 and 6
      [4, "Interview 7", "Closing", "Thanks a lot for your time"], // line 5
    ]);
    const t = readTaguette(csv, { file: "cy.csv", transcript: plainWithRepeat });
    expect(codes(t)).toEqual([[], ["Data-source"], [], [], [], [], ["Closing"]]);
    expect(t.diagnostics.map((d) => [d.code, d.line])).toEqual([["taguette-unmatched", 3], ["taguette-ambiguous", 4]]);
    expect(t.diagnostics[0]!.message).toContain('highlight 2 ("We never had the budget for a second sensor network") matches no text');
    expect(t.diagnostics[1]!.message).toBe(
      'highlight 3 ("Okay.") matches 2 places equally well (turn 5; turn 6); "Closing" not applied: make the excerpt longer so it is unique');
    expect(t.diagnostics.every((d) => d.file === "cy.csv" && d.severity === "warning")).toBe(true);
  });

  it("places a repeated highlight between its neighbours, since Taguette lists highlights in text order", () => {
    const text = "Interviewer: Okay.\nInterviewee: The sensors fail in winter.\nInterviewer: Okay.\nInterviewee: We replace them every spring.\nInterviewer: Okay.";
    const t3 = readTranscriptText(enc(text), { file: "T3.txt" });
    const ordered = taguette([
      [5, "T3", "Failure", "The sensors fail in winter."],
      [9, "T3", "Ack", "Okay."], // between turn 2 and turn 4: only turn 3 fits
      [2, "T3", "Maintenance", "We replace them every spring."],
    ]);
    expect(codes(readTaguette(ordered, { file: "a.csv", transcript: t3 }))).toEqual([[], ["Failure"], ["Ack"], ["Maintenance"], []]);
    // Not in text order: the order says nothing, the highlight stays ambiguous.
    const shuffled = taguette([
      [2, "T3", "Maintenance", "We replace them every spring."],
      [9, "T3", "Ack", "Okay."],
      [5, "T3", "Failure", "The sensors fail in winter."],
    ]);
    const r = readTaguette(shuffled, { file: "b.csv", transcript: t3 });
    expect(codes(r)).toEqual([[], ["Failure"], [], ["Maintenance"], []]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["taguette-not-in-text-order", 2], ["taguette-ambiguous", 3]]);
  });

  it("applies a highlight that recurs inside one turn to that turn, with a warning", () => {
    const t = readTranscriptText(enc("Interviewer: Right. So, right.\nInterviewee: Yes."), { file: "r.txt" });
    const r = readTaguette(taguette([[1, "r", "Filler", "right"]]), { file: "a.csv", transcript: t });
    expect(codes(r)).toEqual([["Filler"], []]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["taguette-repeated", 2, 'highlight 1 ("right") occurs 2 times, all in turn 1; "Filler" applied there (span of the first occurrence)'],
    ]);
  });

  it("ignores the code lines of a Delve transcript: only the highlights code it", () => {
    const delve = readTranscriptText(enc(DELVE), { file: "coder-a.txt" });
    const csv = taguette([[1, "Interview 7", "Jargon", "the outage drift"]]);
    const t = readTaguette(csv, { file: "ann.csv", transcript: delve });
    expect(codes(t)).toEqual([[], [], [], ["Jargon"], []]);
    expect(t.codesUsed).toEqual(["Jargon"]);
    expect(t.name).toBe("Interview 7");
    expect(delve.text!.slice(t.spans![0]!.start, t.spans![0]!.end)).toBe("the outage drift");
    // Even a transcript passed with codes on it is read without them.
    const coded = { ...delve, turns: delve.turns.map((x) => ({ ...x, codes: ["Stale"] })) };
    expect(codes(readTaguette(csv, { file: "ann.csv", transcript: coded }))).toEqual([[], [], [], ["Jargon"], []]);
  });

  it("finds highlights that include speaker labels in a Delve transcript, whose text has none", () => {
    const delve = readTranscriptText(enc(DELVE), { file: "coder-a.txt" });
    expect(delve.text!.includes("Interviewee")).toBe(false);
    const csv = taguette([
      [1, "Interview 7", "Data-missing-values", "Interviewee\n\nMany of those readings are missing"],
      [2, "Interview 7", "Follow-up", "the plant floor.\n\nInterviewer: And are they complete?"],
    ]);
    const t = readTaguette(csv, { file: "ann.csv", transcript: delve });
    expect(codes(t)).toEqual([[], ["Follow-up"], ["Follow-up"], ["Data-missing-values"], []]);
    expect(t.spans!.map((x) => delve.text!.slice(x.start, x.end))).toEqual([
      "the plant floor.\n\nAnd are they complete?", "Many of those readings are missing",
    ]);
    expect(t.diagnostics).toEqual([]);
  });

  it("reads the newer export's extra columns, and reports untagged and empty highlights", () => {
    const csv = taguette([
      [1, "Interview 7", "Data-source", "Data", "Data.Data-source", "", "plant floor"],
      [2, "Interview 7", "", "", "", "", "power outage"],
      [3, "Interview 7", "Jargon", "", "Jargon", "", "   "],
    ], ["id", "document", "tag", "tag_parent", "tag_full_path", "tag_description", "content"]);
    const t = readTaguette(csv, { file: "ann.csv", transcript: plain });
    expect(codes(t)).toEqual([[], ["Data-source"], [], [], []]);
    expect(t.diagnostics.map((d) => [d.code, d.line])).toEqual([["taguette-untagged", 3], ["taguette-empty-content", 4]]);
  });

  it("refuses a file without a tag or content column, naming the columns it has", () => {
    const e = caught(() => readTaguette(taguette([[1, "Interview 7", "x", "plant"]], ["id", "document", "label", "content"]), { file: "bad.csv", transcript: plain }));
    expect(e.code).toBe("CSV_MISSING_COLUMN");
    expect(e.line).toBe(1);
    expect(e.message).toBe('column "tag" is missing; the columns are "id", "document", "label", "content"');
  });

  it("reads the document named like the transcript from an export of several, and refuses when none is", () => {
    const csv = taguette([
      [1, "Interview 7.txt", "Data-source", "plant floor"],
      [2, "Interview 8.txt", "Other", "plant floor"],
    ]);
    const t = readTaguette(csv, { file: "ann.csv", transcript: plain });
    expect(codes(t)).toEqual([[], ["Data-source"], [], [], []]);
    expect(t.diagnostics.map((d) => d.code)).toEqual(["taguette-other-documents"]);
    expect(codes(readTaguette(csv, { file: "ann.csv", transcript: plain, document: "Interview 8.txt" }))).toEqual([[], ["Other"], [], [], []]);
    const other = readTranscriptText(enc(PLAIN), { file: "Interview 9.txt" });
    const e = caught(() => readTaguette(csv, { file: "ann.csv", transcript: other }));
    expect(e.code).toBe("TAGUETTE_SEVERAL_DOCUMENTS");
    expect(e.message).toContain('"Interview 7.txt", "Interview 8.txt"');
  });

  it("gives a coder with an empty export no codes on any turn, with a note", () => {
    const t = readTaguette(taguette([]), { file: "dan.csv", transcript: plain });
    expect(codes(t)).toEqual([[], [], [], [], []]);
    expect(t.diagnostics.map((d) => d.code)).toEqual(["taguette-no-highlights"]);
  });
});

describe("looksLikeTaguette and coderFromFileName", () => {
  it("recognises the highlights header, old and new", () => {
    expect(looksLikeTaguette("id,document,tag,content")).toBe(true);
    expect(looksLikeTaguette("\uFEFFid,document,tag,tag_parent,tag_full_path,tag_description,content\r\n")).toBe(true);
    expect(looksLikeTaguette("transcript,turn,speaker,coder,code")).toBe(false);
    expect(looksLikeTaguette("id,document,content")).toBe(false);
  });

  it("names the coder after the file", () => {
    expect(coderFromFileName("exports/Ann B.csv")).toBe("Ann B");
    expect(coderFromFileName("C:\\study\\coder-a.csv")).toBe("coder-a");
    expect(coderFromFileName("ann")).toBe("ann");
  });
});
