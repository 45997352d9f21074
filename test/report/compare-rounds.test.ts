import { describe, expect, it } from "vitest";
import { InputError } from "../../src/model/errors.js";
import { compareRounds, parseRenameMap, renderRoundsMarkdown, roundsComparisonChart } from "../../src/report/compare-rounds.js";
import { renderJson } from "../../src/report/json.js";
import { fixtureReport } from "./_fixture-report.js";

function code(name: string, alpha: number | null, extra: Record<string, unknown> = {}) {
  return { code: name, units: 40, krippendorffAlpha: { coefficient: "alphaNominal", value: alpha, ...(alpha === null ? { reason: "no-variation" } : {}), ...extra } };
}

const ROUND1 = {
  schemaVersion: 1,
  codes: [
    code("Cost", 0.41, { bootstrap: { ci95: [0.2, 0.6] } }),
    code("Family", 0.7),
    code("Old", 0.5),
    code("Peers", null),
    code("Time", 0.55, { ci95: [0.3, 0.8] }),
  ],
};
const ROUND2 = {
  schemaVersion: 1,
  codes: [
    code("Barriers-cost", 0.83, { ci95: [0.5, 0.95], bootstrap: { ci95: [0.7, 0.92] } }),
    code("New", 0.9),
    code("Support", 0.76),
    code("Time", 0.81),
  ],
};
const RENAME = { Cost: "Barriers-cost", Family: "Support", Peers: "Support" };

function catchError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("compareRounds", () => {
  const c = compareRounds([{ label: "round 1", report: ROUND1 }, { label: "round 2", report: ROUND2 }], { rename: RENAME });

  it("matches codes by name after renaming, sorted by current name", () => {
    expect(c.rounds).toEqual(["round 1", "round 2"]);
    expect(c.codes.map((x) => x.code)).toEqual(["Barriers-cost", "New", "Old", "Support", "Time"]);
  });

  it("gives alpha and interval per round (bootstrap interval first) and the change", () => {
    const cost = c.codes[0]!;
    expect(cost.rounds.map((r) => [r?.sources.map((s) => s.name), r?.alpha, r?.interval])).toEqual([
      [["Cost"], 0.41, [0.2, 0.6]],
      [["Barriers-cost"], 0.83, [0.7, 0.92]],
    ]);
    expect(cost.change).toBeCloseTo(0.83 - 0.41, 12);
    const time = c.codes.find((x) => x.code === "Time")!;
    expect(time.rounds.map((r) => r?.interval)).toEqual([[0.3, 0.8], null]);
    expect(time.change).toBeCloseTo(0.26, 12);
  });

  it("reports renamed, merged, added and dropped codes", () => {
    expect(c.renamed).toEqual([
      { from: "Cost", to: "Barriers-cost", rounds: ["round 1"] },
      { from: "Family", to: "Support", rounds: ["round 1"] },
      { from: "Peers", to: "Support", rounds: ["round 1"] },
    ]);
    expect(c.merged).toEqual([{ from: ["Family", "Peers"], to: "Support", round: "round 1" }]);
    expect(c.added).toEqual([{ code: "New", round: "round 2" }]);
    expect(c.dropped).toEqual([{ code: "Old", round: "round 2" }]);
  });

  it("does not invent an alpha for a merged round, so the change is undefined", () => {
    const support = c.codes.find((x) => x.code === "Support")!;
    expect(support.rounds[0]!.alpha).toBeNull();
    expect(support.rounds[0]!.sources.map((s) => [s.name, s.alpha, s.reason])).toEqual([["Family", 0.7, null], ["Peers", null, "no-variation"]]);
    expect(support.change).toBeNull();
  });

  it("follows rename chains", () => {
    const chained = compareRounds([{ label: "1", report: ROUND1 }, { label: "2", report: ROUND2 }], { rename: { Cost: "Costs", Costs: "Barriers-cost" } });
    expect(chained.codes.find((x) => x.code === "Barriers-cost")!.rounds.map((r) => r?.sources[0]!.name)).toEqual(["Cost", "Barriers-cost"]);
  });

  it("reads a report as intercoder writes it (JSON round trip)", () => {
    const json = JSON.parse(renderJson(fixtureReport())) as unknown;
    const one = compareRounds([{ label: "pilot", report: json }]);
    expect(one.codes.map((x) => [x.code, x.rounds[0]!.alpha, x.rounds[0]!.interval])).toEqual([
      ["Barriers-cost", 0.41234, [0.181, 0.623]],
      ["Barriers-time", 0.55, [0.31, 0.79]],
      ["Motivation", 0.853, [0.712, 0.951]],
      ["Support-family", 0.7123, [0.52, 0.88]],
      ["Support-peers", -0.0042, null],
      ["Trust", null, null],
    ]);
    expect(one.codes.every((x) => x.change === null)).toBe(true);
  });

  it.each([
    ["a list", [], "the top level", "is not a JSON object"],
    ["schema version 2", { schemaVersion: 2, codes: [] }, "schemaVersion", "is 2, expected 1"],
    ["no schema version", { codes: [] }, "schemaVersion", "is missing"],
    ["no codes", { schemaVersion: 1 }, "codes", "is missing"],
    ["a code without a name", { schemaVersion: 1, codes: [code("A", 0.5), { krippendorffAlpha: { value: 0.5 } }] }, "codes[1].code", "is missing"],
    ["a code without alpha", { schemaVersion: 1, codes: [{ code: "A" }] }, "codes[0].krippendorffAlpha", "is missing"],
    ["alpha without a value", { schemaVersion: 1, codes: [{ code: "A", krippendorffAlpha: {} }] }, "codes[0].krippendorffAlpha.value", "is missing"],
    ["alpha as text", { schemaVersion: 1, codes: [code("A", 0.5, { value: "0.5" })] }, "codes[0].krippendorffAlpha.value", "must be a number or null"],
    ["a bad bootstrap interval", { schemaVersion: 1, codes: [code("A", 0.5, { bootstrap: { ci95: [0.1] } })] }, "codes[0].krippendorffAlpha.bootstrap.ci95", "must be null or two numbers [low, high]"],
    ["a bad interval", { schemaVersion: 1, codes: [code("A", 0.5, { ci95: "0.1-0.9" })] }, "codes[0].krippendorffAlpha.ci95", "must be null or two numbers [low, high]"],
  ])("refuses %s with COMPARE_NOT_REPORT naming the file and the field", (_name, report, field, problem) => {
    const e = catchError(() => compareRounds([{ label: "round 1", report: ROUND1 }, { label: "round 2", report, file: "rounds/r2.json" }]));
    expect(e.code).toBe("COMPARE_NOT_REPORT");
    expect(e.file).toBe("rounds/r2.json");
    expect(e.where).toBe(field);
    expect(e.message).toBe(`not an intercoder report: ${field} ${problem}`);
    expect(e.hint).toMatch(/schemaVersion 1/);
  });

  it("refuses an empty list and a circular rename map", () => {
    expect(catchError(() => compareRounds([])).code).toBe("COMPARE_NO_ROUNDS");
    expect(catchError(() => compareRounds([{ label: "1", report: ROUND1 }], { rename: { Cost: "Time", Time: "Cost" } })).code).toBe("COMPARE_RENAME_CYCLE");
  });
});

describe("renderRoundsMarkdown and roundsComparisonChart", () => {
  const c = compareRounds([{ label: "round 1", report: ROUND1 }, { label: "round 2", report: ROUND2 }], { rename: RENAME });
  const md = renderRoundsMarkdown(c, { chart: "rounds/alpha-per-round.svg" });

  it("has a row per code with alpha [interval] per round, the change and notes", () => {
    const lines = md.split("\n");
    expect(lines).toContain("| Code | round 1 | round 2 | Change | Note |");
    expect(lines).toContain("| `Barriers-cost` | 0.410 [0.200, 0.600] | 0.830 [0.700, 0.920] | +0.420 | formerly `Cost` |");
    expect(lines).toContain("| `New` | – | 0.900 | – | added in round 2 |");
    expect(lines).toContain("| `Old` | 0.500 | – | – | dropped in round 2 |");
    expect(lines).toContain("| `Support` | merged: Family 0.700, Peers undefined | 0.760 | – | formerly `Family`, `Peers`; merged in round 1 |");
    expect(lines).toContain("| `Time` | 0.550 [0.300, 0.800] | 0.810 | +0.260 |  |");
    expect(lines).toContain("- `Family` + `Peers` → `Support` (in round 1; alpha not comparable for that round)");
    expect(lines).toContain("![Alpha per round](rounds/alpha-per-round.svg)");
  });

  it("shows a falling alpha with a minus sign and escapes table cells", () => {
    const worse = compareRounds([
      { label: "a|b", report: { schemaVersion: 1, codes: [code("X<y>", 0.9)] } },
      { label: "c", report: { schemaVersion: 1, codes: [code("X<y>", 0.7)] } },
    ]);
    expect(renderRoundsMarkdown(worse)).toContain("| `X&lt;y&gt;` | 0.900 | 0.700 | -0.200 |  |");
    expect(renderRoundsMarkdown(worse)).toContain("| Code | a\\|b | c | Change | Note |");
  });

  it("charts each code's alpha per round, leaving out merged rounds", () => {
    const svg = roundsComparisonChart(c);
    expect(svg).toContain("<title>Barriers-cost, round 1: 0.410 [0.200, 0.600]</title>");
    expect(svg).toContain("<title>Support, round 2: 0.760</title>");
    expect(svg).not.toContain("Support, round 1");
    expect(roundsComparisonChart(c)).toBe(svg);
  });
});

describe("parseRenameMap", () => {
  it("reads CSV lines with an optional header, comments, blank lines and quoted names", () => {
    const text = '\uFEFFold,new\r\n# first round names\r\nCost, Barriers-cost\r\n\r\n"Family, close",Support\r\n"Say ""hi""",Greeting\r\n';
    expect(parseRenameMap(text, "rename.csv")).toEqual({ Cost: "Barriers-cost", "Family, close": "Support", 'Say "hi"': "Greeting" });
  });

  it("reads a JSON object", () => {
    expect(parseRenameMap('{ "Cost": "Barriers-cost", "Peers": "Support" }', "rename.json")).toEqual({ Cost: "Barriers-cost", Peers: "Support" });
  });

  it.each([
    ["a line with one name", "old,new\nCost,Barriers-cost\nFamily\n", "RENAME_BAD_LINE", 3],
    ["a line with three names", "Cost,Barriers-cost,extra\n", "RENAME_BAD_LINE", 1],
    ["an unclosed quote", 'Cost,"Barriers-cost\n', "RENAME_BAD_LINE", 1],
    ["an empty new name", "Cost,\n", "RENAME_BAD_LINE", 1],
    ["a name renamed twice", "Cost,A\nTime,B\nCost,C\n", "RENAME_DUPLICATE", 3],
  ])("refuses %s with the line", (_name, text, codeName, line) => {
    const e = catchError(() => parseRenameMap(text, "rename.csv"));
    expect([e.code, e.file, e.line]).toEqual([codeName, "rename.csv", line]);
  });

  it("refuses bad JSON, non-string targets and cycles", () => {
    expect(catchError(() => parseRenameMap("{ nope", "r.json")).code).toBe("RENAME_BAD_JSON");
    expect(catchError(() => parseRenameMap('{"Cost": 3}', "r.json")).code).toBe("RENAME_BAD_ENTRY");
    const cycle = catchError(() => parseRenameMap("a,b\nb,c\nc,a\n", "r.csv"));
    expect([cycle.code, cycle.file]).toEqual(["RENAME_CYCLE", "r.csv"]);
    expect(cycle.message).toContain("a -> b -> c -> a");
  });
});
