import { describe, expect, it } from "vitest";
import { ADJUDICATION_COLUMNS, renderAdjudicationCsv } from "../../src/report/adjudication.js";
import { csvCell, csvRow } from "../../src/report/_csv-cell.js";
import { SCRIPT_TEXT, fixtureReport } from "./_fixture-report.js";

/** An independent RFC 4180 reader (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { record.push(field); field = ""; }
    else if (ch === "\n") { record.push(field); records.push(record); record = []; field = ""; }
    else field += ch;
  }
  if (field !== "" || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

describe("csvCell", () => {
  it.each([
    ["=SUM(A1:A3)", "'=SUM(A1:A3)"],
    ["+1 to that", "'+1 to that"],
    ["-5 minutes", "'-5 minutes"],
    ["@mod", "'@mod"],
    ["\tindented", "'\tindented"],
    ["\rcarriage", `"'\rcarriage"`],
    ["=1+1, really", `"'=1+1, really"`],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["two\nlines", '"two\nlines"'],
    [" padded ", '" padded "'],
    ["plain text", "plain text"],
    ["a=b", "a=b"],
    ["", ""],
  ])("csvCell(%j) is %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes null and undefined as empty cells and numbers as they are", () => {
    expect(csvRow([null, undefined, 12, "x"])).toBe(",,12,x");
  });
});

describe("renderAdjudicationCsv", () => {
  const csv = renderAdjudicationCsv(fixtureReport());
  const records = parseCsv(csv);

  it("has the header, then one row per disagreement with empty decision and note", () => {
    expect(records[0]).toEqual([...ADJUDICATION_COLUMNS]);
    expect(records[0]).toEqual(["transcript", "turn", "speaker", "text", "code", "applied_by", "not_applied_by", "missing", "decision", "note"]);
    // The fixture has 3 + 3 + 1 + 2 + 1 disagreements (Barriers-cost, -time, Motivation, Support-family, -peers).
    expect(records).toHaveLength(1 + 10);
    for (const r of records.slice(1)) {
      expect(r).toHaveLength(10);
      expect(r.slice(8)).toEqual(["", ""]);
    }
  });

  it("sorts by transcript, turn (as a number) and code", () => {
    expect(records.slice(1).map((r) => `${r[0]} ${r[1]} ${r[4]}`)).toEqual([
      "interview-01 3 Barriers-cost", "interview-01 3 Barriers-time", "interview-01 7 Barriers-cost", "interview-01 7 Barriers-time",
      "interview-01 12 Motivation", "interview-02 4 Support-family", "interview-02 9 Support-family", "interview-02 9 Support-peers",
      "interview-02 15 Barriers-cost", "interview-02 15 Barriers-time",
    ]);
  });

  it("gives the full turn text and who applied the code, who did not and who has no value", () => {
    const first = records[1]!;
    expect(first).toEqual(["interview-01", "3", "Interviewee", `It costs too much ${SCRIPT_TEXT}, honestly, and "time" is short & getting shorter.`, "Barriers-cost", "Ana; Cleo", "Ben", "", "", ""]);
    const missing = records.find((r) => r[1] === "15" && r[4] === "Barriers-cost")!;
    expect(missing.slice(5, 8)).toEqual(["Ana", "Cleo", "Ben"]);
    const unlabeled = records.find((r) => r[1] === "9" && r[4] === "Support-peers")!;
    expect(unlabeled[2]).toBe("");
    expect(unlabeled[3]).toBe("'+1 to what she said:\nmy friends from class, and my sister, kept me at it.");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csv).toContain(`,"'=SUM(A1:A3) was what my budget spreadsheet said, so I stopped going.",`);
    expect(csv).toContain(",'@mod,");
    expect(csv).toContain(`,'-5 minutes on the clock and I was still on the bus; my mum drove me after that.,`);
    for (const r of records.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("quotes with doubled quotes and ends lines with \\n only", () => {
    expect(csv).toContain(`"It costs too much <script>alert(1)</script>, honestly, and ""time"" is short & getting shorter."`);
    expect(csv).not.toContain("\r\n");
    expect(csv.endsWith("\n")).toBe(true);
  });

  it("does not depend on the order of codes and disagreements in the report", () => {
    const shuffled = fixtureReport();
    shuffled.codes.reverse();
    for (const c of shuffled.codes) c.disagreements.reverse();
    shuffled.quotedTurns.reverse();
    expect(renderAdjudicationCsv(shuffled)).toBe(csv);
  });

  it("is just the header when nobody disagrees", () => {
    const calm = fixtureReport();
    for (const c of calm.codes) c.disagreements = [];
    expect(renderAdjudicationCsv(calm)).toBe(`${ADJUDICATION_COLUMNS.join(",")}\n`);
  });
});
