import { describe, expect, it } from "vitest";
import type { CodedTranscript, Turn } from "../../src/model/transcript.js";
import { inspectSummary, renderInspect } from "../../src/io/inspect.js";
import { readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx } from "../../src/io/qdpx-write.js";

const turn = (number: number, codes: string[]): Turn => ({ number, speaker: "Interviewer", line: number, paragraphs: [], codes });
const delve = (name: string, coder: string, codes: string[][]): CodedTranscript => ({
  name, coder, file: `${coder}/${name}.txt`, format: "delve",
  turns: codes.map((c, i) => turn(i + 1, c)),
  codesUsed: [...new Set(codes.flat())].sort(),
  diagnostics: [{ severity: "warning", code: "missing-footer", message: "no footer", file: `${coder}/${name}.txt`, line: 9 }],
});

describe("inspectSummary", () => {
  it("counts turn codes for a format without spans and finds transcripts coded by two coders", () => {
    const s = inspectSummary({
      file: "study", format: "delve",
      transcripts: [delve("T1", "A", [["x"], ["x", "y"]]), delve("T1", "B", [[], ["y"]]), delve("T2", "A", [["z"]])],
    });
    expect(s.coders).toEqual([
      { name: "A", transcripts: 2, spans: null, turnCodes: 4, codesUsed: 3 },
      { name: "B", transcripts: 1, spans: null, turnCodes: 1, codesUsed: 1 },
    ]);
    expect(s.transcripts).toEqual([{ name: "T1", coders: ["A", "B"], turns: 2 }, { name: "T2", coders: ["A"], turns: 1 }]);
    expect(s.codes).toEqual({ declared: null, codable: null, used: ["x", "y", "z"] });
    expect(s.agreement).toEqual({ possible: true });
    expect(s.diagnostics.map((d) => d.file)).toEqual(["A/T1.txt", "B/T1.txt", "A/T2.txt"]);
    expect(s.users).toBeNull();
    expect(s.sources).toBeNull();
  });

  it("says why agreement is impossible: no codings, or no transcript shared by two coders", () => {
    expect(inspectSummary({ file: "f", format: "delve", transcripts: [delve("T", "A", [[]])] }).agreement)
      .toEqual({ possible: false, reason: "no codings were found" });
    expect(inspectSummary({ file: "f", format: "delve", transcripts: [] }).agreement)
      .toEqual({ possible: false, reason: "no codings were found" });
    expect(inspectSummary({ file: "f", format: "delve", transcripts: [delve("T1", "A", [["x"]]), delve("T2", "B", [["x"]])] }).agreement)
      .toEqual({ possible: false, reason: "no transcript was coded by two coders" });
  });

  it("renders a REFI-QDA project as plain text", () => {
    const text = "Interviewer: a\nParticipant: b";
    const project = readQdpx(writeQdpx({
      users: ["Ann", "Ben", "Cy"], codes: [{ name: "F", codable: false }, { name: "x", parent: "F" }],
      sources: [{ name: "S", text, codings: [{ coder: "Ann", code: "x", start: 0, end: 3 }, { coder: "Ben", code: "x", start: 15, end: 20 }, { coder: "Ben", code: "F", start: 0, end: 1 }, { coder: "Ann", code: "x", start: 99, end: 100 }] }],
    }), { file: "p.qdpx" });
    expect(renderInspect(inspectSummary({ ...project, format: "qdpx" }))).toBe([
      "file: p.qdpx",
      "format: qdpx (written by intercoder)",
      "users: 3 (Ann, Ben, Cy)",
      "coders: 2",
      "  Ann: 1 transcript, 1 coded span, 1 turn code, 1 code used",
      "  Ben: 1 transcript, 1 coded span, 1 turn code, 1 code used",
      "transcripts: 1",
      "  S: 2 turns, coded by Ann, Ben",
      "sources: 1 (1 text)",
      "  S: text, 29 characters, 4 selections",
      "codes: 2 in the codebook (1 codable), 1 used",
      "agreement: can be computed",
      "skipped: 2",
      '  - warning codes-on-non-codable: 1 coding on "F", a folder that is not codable (isCodable="false"), is skipped',
      '  - warning user-without-codings: user "Cy" has no codings in any text source',
      "diagnostics: 1",
      "  - warning selection-outside-text: selection [99, 100) in \"S\" lies outside its text of 29 characters (UTF-16 units); the selection is ignored (PlainTextSelection guid=00000004-0000-4000-8000-000000000004)",
      "",
    ].join("\n"));
  });

  it("cuts long lists with a count of the rest", () => {
    const many = Array.from({ length: 5 }, (_, i) => delve(`T${i}`, "A", [["x"]]));
    const out = renderInspect(inspectSummary({ file: "f", format: "delve", transcripts: many }), 2);
    expect(out).toContain("  T1: 1 turn, coded by A\n  … and 3 more\n");
  });
});
