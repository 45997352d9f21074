import { describe, expect, it } from "vitest";
import { plainTextTurns } from "../../src/io/plain-text-turns.js";

describe("plainTextTurns", () => {
  it("starts a turn at each speaker label with a colon and continues it on other lines", () => {
    const text = "Interviewer 1: How did it start?\nParticipant 2: Slowly.\nThen all at once.\nInterviewer 1: Go on";
    const { turns, diagnostics } = plainTextTurns(text);
    expect(diagnostics).toEqual([]);
    expect(turns.map((t) => [t.number, t.speaker, t.line, t.paragraphs.map((p) => p.text)])).toEqual([
      [1, "Interviewer 1", 1, ["How did it start?"]],
      [2, "Participant 2", 2, ["Slowly.", "Then all at once."]],
      [3, "Interviewer 1", 4, ["Go on"]],
    ]);
    // Hand-counted offsets: line 1 is 32 units, line 2 starts at 33, line 3 at 56, line 4 at 74.
    expect(turns.map((t) => t.span)).toEqual([{ start: 0, end: 32 }, { start: 33, end: 73 }, { start: 74, end: 94 }]);
    expect(turns[1]!.paragraphs.map((p) => [p.number, p.indexInTurn, p.span])).toEqual([
      [2, 1, { start: 48, end: 55 }],
      [3, 2, { start: 56, end: 73 }],
    ]);
    expect(text.slice(48, 55)).toBe("Slowly.");
    for (const t of turns) expect(t.codes).toEqual([]);
  });

  it("keeps CRLF in offsets (two units) and gives the same turns as LF", () => {
    const lf = "Interviewer: Hi\nParticipant 1: Hello\nagain";
    const crlf = lf.replace(/\n/g, "\r\n");
    const a = plainTextTurns(lf).turns;
    const b = plainTextTurns(crlf).turns;
    expect(b.map((t) => t.paragraphs.map((p) => p.text))).toEqual(a.map((t) => t.paragraphs.map((p) => p.text)));
    expect(b.map((t) => t.span)).toEqual([{ start: 0, end: 15 }, { start: 17, end: 44 }]);
    expect(a.map((t) => t.span)).toEqual([{ start: 0, end: 15 }, { start: 16, end: 42 }]);
    expect(crlf.slice(39, 44)).toBe("again");
    expect(b[1]!.paragraphs[1]!.span).toEqual({ start: 39, end: 44 });
  });

  it("puts lines before the first label in an unlabeled turn and normalises paragraph whitespace", () => {
    const text = "  Notes  from\tthe  field \n\nInterviewer:   Why?  \n";
    const { turns } = plainTextTurns(text);
    expect(turns.map((t) => [t.speaker, t.paragraphs.map((p) => p.text), t.line])).toEqual([
      [null, ["Notes from the field"], 1],
      ["Interviewer", ["Why?"], 3],
    ]);
    expect(turns[0]!.paragraphs[0]!.span).toEqual({ start: 2, end: 24 });
    expect(turns[1]!.paragraphs[0]!.span).toEqual({ start: 42, end: 46 });
    expect(text.slice(42, 46)).toBe("Why?");
  });

  it("counts offsets in UTF-16 units after an emoji", () => {
    const text = "Participant: 🍕 yes\nInterviewer: ok";
    const { turns } = plainTextTurns(text);
    // "Participant: " is 13 units, the emoji 2, " yes" 4: line 1 ends at 19.
    expect(turns[0]!.span).toEqual({ start: 0, end: 19 });
    expect(turns[1]!.span).toEqual({ start: 20, end: 35 });
  });

  it("uses a speaker list instead of the default pattern", () => {
    const text = "Anna: hello\nInterviewer: not a label here\nBen Ode: bye";
    const { turns } = plainTextTurns(text, { speakers: ["Anna", "Ben Ode"] });
    expect(turns.map((t) => [t.speaker, t.paragraphs.map((p) => p.text)])).toEqual([
      ["Anna", ["hello", "Interviewer: not a label here"]],
      ["Ben Ode", ["bye"]],
    ]);
  });

  it("does not read a colon that is not after a label as a turn start", () => {
    const { turns } = plainTextTurns("Interviewer: q\nNote: this continues\nParticipant 1000: too many digits");
    expect(turns).toHaveLength(1);
    expect(turns[0]!.paragraphs).toHaveLength(3);
  });

  it("removes a turn with no text and warns (empty-turn), renumbering the rest", () => {
    const { turns, diagnostics } = plainTextTurns("Interviewer:\nParticipant: answer\nInterviewer:");
    expect(turns.map((t) => [t.number, t.speaker])).toEqual([[1, "Participant"]]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([["empty-turn", 1], ["empty-turn", 3]]);
  });

  it("a label line without text starts a turn whose paragraphs follow", () => {
    const { turns } = plainTextTurns("Interviewer:\r\nWhat next?");
    expect(turns.map((t) => [t.speaker, t.line, t.span, t.paragraphs.map((p) => p.line)])).toEqual([
      ["Interviewer", 1, { start: 0, end: 24 }, [2]],
    ]);
  });

  it("warns on text with no non-empty line", () => {
    const { turns, diagnostics } = plainTextTurns(" \r\n\t\n", { file: "x.txt" });
    expect(turns).toEqual([]);
    expect(diagnostics).toEqual([{ severity: "warning", code: "empty-file", message: expect.any(String), file: "x.txt", line: 1 }]);
  });

  it("handles one enormous line of spaces without backtracking", () => {
    const text = `Interviewer: a${" ".repeat(200_000)}b${" ".repeat(200_000)}`;
    const { turns } = plainTextTurns(text);
    expect(turns[0]!.span).toEqual({ start: 0, end: 200_015 });
    expect(turns[0]!.paragraphs[0]!.text).toBe("a b");
  });
});
