import { describe, expect, it } from "vitest";
import { parseColumnMap, readExcerptTable } from "../../src/io/excerpts.js";
import { readTranscriptText } from "../../src/io/taguette.js";
import { csvLine } from "../../src/io/_csv.js";
import { InputError, IrrError, UsageError } from "../../src/model/errors.js";
import type { CodedTranscript } from "../../src/model/transcript.js";
import { caught, enc } from "../_helpers/errors.js";


const table = (header: string[], rows: string[][]): Uint8Array => enc(csvLine(header) + rows.map((r) => csvLine(r)).join(""));
const codes = (t: CodedTranscript): string[][] => t.turns.map((turn) => turn.codes);

const T1 = readTranscriptText(enc([
  "Interviewer: What worries you about the model?",
  "Participant: The labels are noisy, and nobody\u2019s checked them since 2021.",
  "Interviewer: Why not?",
  "Participant: There is no budget for relabelling.",
].join("\n")), { file: "transcripts/T1.txt" });

const T2 = readTranscriptText(enc([
  "Interviewer", "", "How do you deploy?", "", "Participant", "", "We deploy by hand every Friday.", "Code-in-the-file", "",
  "Interviewer", "", "Does it break?", "", "Participant", "", "Often, and rollbacks take hours.", "",
  "Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)",
].join("\n").replace(/^/, "T2\n\n")), { file: "transcripts/T2.txt" });

const HEADER = ["Transcript", "Code", "Researcher", "Snippet"];
const MAP = parseColumnMap("transcript=Transcript,code=Code,coder=Researcher,text=Snippet");

describe("parseColumnMap", () => {
  it("reads key=Column pairs in any order, keys in any case, columns trimmed and unquoted", () => {
    expect(MAP).toEqual({ transcript: "Transcript", code: "Code", coder: "Researcher", text: "Snippet" });
    expect(parseColumnMap(' TEXT = "Excerpt Text" , Code=Code Name ')).toEqual({ text: "Excerpt Text", code: "Code Name" });
  });

  it("refuses unknown keys, missing code or text, duplicates and entries without =", () => {
    const unknown = caught(() => parseColumnMap("code=Code,text=Snippet,snip=X"));
    expect(unknown).toBeInstanceOf(UsageError);
    expect(unknown.code).toBe("EXCERPT_MAP_UNKNOWN_KEY");
    expect(unknown.message).toBe('unknown key "snip" in the column map; the keys are transcript, code, coder, text');
    expect(caught(() => parseColumnMap("codes=Code,text=Snippet")).message).toContain('did you mean "code"?');
    const noText = caught(() => parseColumnMap("code=Code,coder=Researcher"));
    expect([noText.code, noText.message]).toEqual(["EXCERPT_MAP_MISSING_KEY", 'the column map has no "text" key: it must say which column holds the excerpt\'s text']);
    expect(caught(() => parseColumnMap("text=Snippet")).message).toContain('no "code" key');
    expect(caught(() => parseColumnMap("code=A,code=B,text=S")).code).toBe("EXCERPT_MAP_DUPLICATE_KEY");
    expect(caught(() => parseColumnMap("code,text=S")).code).toBe("EXCERPT_MAP_SYNTAX");
    expect(caught(() => parseColumnMap("code=,text=S")).code).toBe("EXCERPT_MAP_SYNTAX");
  });
});

describe("readExcerptTable", () => {
  const transcripts = new Map([["T1", T1], ["T2", T2]]);

  it("gives one coding per transcript × coder, codes on the turns their excerpts match (exact, white space, quotes, typo)", () => {
    const csv = table(HEADER, [
      ["T1", "Label-noise", "Ann", "The labels are noisy"], // exact, turn 2
      ["T1", "Budget", "Ann", "no budget for\n  relabelling"], // white space, turn 4
      ["T1", "Label-noise", "Ben", "nobody's checked them"], // straight apostrophe, turn 2
      ["T2", "Manual-deploy", "Ben", "We deploy by hnd every Friday"], // typo, turn 2
      ["t2.txt", "Rollback", "Ben", "rollbacks take hours"], // transcript named by its file name
    ]);
    const out = readExcerptTable(csv, { file: "snippets.csv", map: MAP, transcripts });
    expect(out.map((t) => [t.name, t.coder, t.format, t.file])).toEqual([
      ["T1", "Ann", "excerpts", "snippets.csv"], ["T1", "Ben", "excerpts", "snippets.csv"], ["T2", "Ben", "excerpts", "snippets.csv"],
    ]);
    expect(out.map(codes)).toEqual([
      [[], ["Label-noise"], [], ["Budget"]],
      [[], ["Label-noise"], [], []],
      [[], ["Manual-deploy"], [], ["Rollback"]],
    ]);
    // T2 is a Delve export: its own code line "Code-in-the-file" is ignored.
    expect(out[2]!.codesUsed).toEqual(["Manual-deploy", "Rollback"]);
    expect(out.flatMap((t) => t.diagnostics)).toEqual([]);
    const s = out[2]!.spans!.find((x) => x.code === "Manual-deploy")!;
    expect(T2.text!.slice(s.start, s.end)).toBe("We deploy by hand every Friday");
  });

  it("applies an excerpt that spans two turns to both", () => {
    const csv = table(HEADER, [["T1", "Escalation", "Ann", "since 2021. Interviewer: Why not?"]]);
    const [ann] = readExcerptTable(csv, { file: "s.csv", map: MAP, transcripts });
    expect(codes(ann!)).toEqual([[], ["Escalation"], ["Escalation"], []]);
  });

  it("reports unmatched and ambiguous excerpts with their lines, unknown transcripts once, and empty cells", () => {
    const csv = table(HEADER, [
      ["T1", "Label-noise", "Ann", "The labels are noisy"], // line 2
      ["T1", "Cost", "Ann", "We pay far too much for cloud storage"], // line 3: nowhere
      ["T1", "Role", "Ann", "Participant:"], // line 4: turns 2 and 4
      ["T9", "Cost", "Ann", "anything"], // line 5: unknown transcript
      ["T9", "Cost", "Ann", "anything else"], // line 6
      ["T1", "", "Ann", "Why not?"], // line 7: no code
      ["T1", "Why", "Ann", "  "], // line 8: no text
    ]);
    const [ann] = readExcerptTable(csv, { file: "s.csv", map: MAP, transcripts });
    expect(codes(ann!)).toEqual([[], ["Label-noise"], [], []]);
    expect(ann!.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["excerpt-unmatched", 3], ["excerpt-ambiguous", 4], ["excerpt-unknown-transcript", 5], ["excerpt-no-code", 7], ["excerpt-no-text", 8],
    ]);
    expect(ann!.diagnostics[1]!.message).toBe('the excerpt on line 4 ("Participant:") matches 2 places equally well (turn 2; turn 4); "Role" not applied: make the excerpt longer so it is unique');
    expect(ann!.diagnostics[2]!.message).toBe('transcript "T9" (2 rows) is none of the transcripts given ("T1", "T2"); its rows are skipped');
  });

  it("reads a table about one transcript without transcript or coder columns; the coder is the option or the file name", () => {
    const csv = table(["Code", "Snippet"], [["Rollback", "rollbacks take hours"]]);
    const map = parseColumnMap("code=Code,text=Snippet");
    const [byName] = readExcerptTable(csv, { file: "exports/Cy.csv", map, transcripts: T2 });
    expect([byName!.coder, byName!.name]).toEqual(["Cy", "T2"]);
    expect(codes(byName!)).toEqual([[], [], [], ["Rollback"]]);
    expect(readExcerptTable(csv, { file: "exports/Cy.csv", map, transcripts: T2, coder: "Dee" })[0]!.coder).toBe("Dee");
    const e = caught(() => readExcerptTable(csv, { file: "x.csv", map, transcripts }));
    expect([e.code, e instanceof UsageError]).toEqual(["EXCERPT_MAP_NO_TRANSCRIPT", true]);
  });

  it("refuses a mapped column the file lacks, listing the columns it has", () => {
    const csv = table(["Transcript", "Code", "Researcher", "Excerpt"], [["T1", "x", "Ann", "noisy"]]);
    const e = caught(() => readExcerptTable(csv, { file: "dedoose.csv", map: MAP, transcripts }));
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.file, e.line]).toEqual(["CSV_MISSING_COLUMN", "dedoose.csv", 1]);
    expect(e.message).toBe('column "Snippet" is missing; the columns are "Transcript", "Code", "Researcher", "Excerpt"');
    expect(e.hint).toContain("transcript=Transcript,code=Code,coder=Researcher,text=Snippet");
  });

  it("refuses a table none of whose rows names a given transcript, and one with no usable row", () => {
    const csv = table(HEADER, [["T7", "x", "Ann", "noisy"], ["T8", "x", "Ann", "noisy"]]);
    const e = caught(() => readExcerptTable(csv, { file: "s.csv", map: MAP, transcripts }));
    expect(e.code).toBe("EXCERPTS_NO_TRANSCRIPT");
    expect(e.message).toBe('no row names one of the transcripts given ("T1", "T2"); the table names "T7", "T8"');
    expect(caught(() => readExcerptTable(table(HEADER, []), { file: "s.csv", map: MAP, transcripts })).code).toBe("EXCERPTS_EMPTY");
  });

  it("narrows a repeated excerpt by the rows' order when asked to", () => {
    const t = readTranscriptText(enc("Interviewer: Okay.\nParticipant: It failed.\nInterviewer: Okay.\nParticipant: We fixed it."), { file: "T3.txt" });
    const csv = table(["Code", "Snippet"], [["Failure", "It failed."], ["Ack", "Okay."], ["Fix", "We fixed it."]]);
    const map = parseColumnMap("code=Code,text=Snippet");
    expect(codes(readExcerptTable(csv, { file: "a.csv", map, transcripts: t, ordered: true })[0]!)).toEqual([[], ["Failure"], ["Ack"], ["Fix"]]);
    const unordered = readExcerptTable(csv, { file: "a.csv", map, transcripts: t })[0]!;
    expect(codes(unordered)).toEqual([[], ["Failure"], [], ["Fix"]]);
    expect(unordered.diagnostics.map((d) => d.code)).toEqual(["excerpt-ambiguous"]);
  });
});
