import { describe, expect, it } from "vitest";
import { escapeHtml, escapeXml } from "../../src/report/_escape.js";
import { forestPlot, type ForestRow } from "../../src/report/charts/forest-plot.js";
import { heatmap } from "../../src/report/charts/heatmap.js";
import { roundsChart, type RoundSeries } from "../../src/report/charts/rounds-chart.js";
import { all, deepText, parseSvg, type SvgElement } from "./_svg-inspect.js";

const NASTY = `<script>alert('x')</script> & "R&D"`;

const FOREST_ROWS: readonly ForestRow[] = Object.freeze([
  { label: "QM-robustness-fix", value: 0.912, low: 0.872, high: 0.936, note: "40 units" },
  { label: "Data-collection-public-datasets", value: 0.8, low: 0.664, high: 0.888 },
  { label: "Team-communication", value: null, low: null, high: null, note: "no variation" },
  { label: NASTY, value: -0.2, low: -0.29, high: -0.146 },
  { label: "Tooling-R", value: 1, low: null, high: null },
].map((r) => Object.freeze(r)));

const SERIES: readonly RoundSeries[] = [
  { code: "Trust", points: [{ round: "round 1", value: 0.41, low: 0.3, high: 0.52 }, { round: "round 2", value: 0.8, low: 0.7, high: 0.9 }] },
  { code: NASTY, points: [{ round: "round 1", value: null }, { round: "round 2", value: 0.7 }, { round: "round 3", value: 0.9 }] },
];

const COUNTS = [[0, 3, null], [1, 0, 12], [0, 0, 0]];

/** Every chart the tests exercise, by name, so the generic checks run on all of them. */
const CHARTS: Record<string, () => string> = {
  forest: () => forestPlot(FOREST_ROWS, { title: "Alpha per code" }),
  "forest, empty": () => forestPlot([]),
  "heatmap, agreement": () => heatmap([[null, 0.72, 0.41], [0.72, null, -0.08], [0.41, -0.08, null]], ["A", "B", NASTY], ["A", "B", NASTY], { title: "Coders" }),
  "heatmap, counts": () => heatmap(COUNTS, ["x", "y", "z"], ["x", "y", "z"], { title: "Substitutions", colorScale: "counts", rowAxisLabel: "A", colAxisLabel: "B" }),
  "heatmap, empty": () => heatmap([], [], [], { title: "Empty" }),
  rounds: () => roundsChart(SERIES),
  "rounds, empty": () => roundsChart([]),
  "rounds, series without points": () => roundsChart([{ code: "Trust", points: [] }]),
};

function num(e: SvgElement, attr: string): number {
  const v = e.attrs[attr];
  if (v === undefined) throw new Error(`<${e.tag}> has no ${attr}`);
  return Number(v);
}

function texts(root: SvgElement): string[] {
  return all(root, "text").map(deepText);
}

describe("escapeXml and escapeHtml", () => {
  it("escape the five markup characters", () => {
    const expected = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;R&amp;D&quot;";
    expect(escapeXml(NASTY)).toBe(expected);
    expect(escapeHtml(NASTY)).toBe(expected);
  });

  it("replace characters XML forbids with U+FFFD and keep valid astral characters", () => {
    expect(escapeXml("a\u0001b\u000Bc\tok\n")).toBe("a\uFFFDb\uFFFDc\tok\n");
    expect(escapeXml("x\uD800y")).toBe("x\uFFFDy");
    expect(escapeXml("\uDC00")).toBe("\uFFFD");
    expect(escapeXml("smile 😀")).toBe("smile 😀");
  });
});

describe.each(Object.entries(CHARTS))("chart %s", (_name, render) => {
  it("is a well-formed standalone SVG with title, desc and size", () => {
    const svg = render();
    const root = parseSvg(svg);
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    const width = num(root, "width");
    const height = num(root, "height");
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
    expect(root.children[0]?.tag).toBe("title");
    expect(root.children[0]?.text).not.toBe("");
    expect(root.children[1]?.tag).toBe("desc");
    expect(root.children[1]?.text).not.toBe("");
    expect(root.attrs["font-family"]).toMatch(/^system-ui, .*sans-serif$/);
  });

  it("has no scripts, external references or ids", () => {
    const svg = render();
    expect(svg).not.toMatch(/<script|href=|url\(|@import|\bid="|<image|<foreignObject/i);
  });

  it("is deterministic: the same input gives the identical string", () => {
    expect(render()).toBe(render());
  });
});

describe("empty input", () => {
  it.each(["forest, empty", "heatmap, empty", "rounds, empty", "rounds, series without points"])("%s says no data", (name) => {
    const root = parseSvg(CHARTS[name]!());
    expect(texts(root)).toContain("no data");
    expect(all(root, "circle")).toHaveLength(0);
  });
});

describe("forestPlot", () => {
  const root = parseSvg(forestPlot(FOREST_ROWS));
  const dashed = all(root, "line").filter((l) => l.attrs["stroke-dasharray"] !== undefined);
  const thresholdLabel = (label: string) => all(root, "text").find((t) => t.text === label)!;

  it("draws dashed lines at 0.667 and 0.800, each under its label", () => {
    expect(dashed).toHaveLength(2);
    expect(dashed.map((l) => l.attrs.x1)).toEqual([thresholdLabel("0.667").attrs.x, thresholdLabel("0.800").attrs.x]);
    for (const l of dashed) expect(l.attrs.x1).toBe(l.attrs.x2);
  });

  it("puts a value of 0.8 exactly on the 0.800 line", () => {
    const row = all(root, "g").find((g) => g.children[0]?.text.startsWith("Data-collection-public-datasets:"))!;
    expect(all(row, "circle")[0]!.attrs.cx).toBe(dashed[1]!.attrs.x1);
  });

  it("places points linearly between the axis ends -1 and 1", () => {
    const tickAt = (label: string): number => num(all(root, "text").find((t) => t.text === label)!, "x");
    const left = tickAt("-1.0");
    const right = tickAt("1.0");
    const circles = all(root, "circle");
    expect(num(circles[0]!, "cx")).toBeCloseTo(left + ((0.912 + 1) / 2) * (right - left), 1);
    expect(num(circles[2]!, "cx")).toBeCloseTo(left + ((-0.2 + 1) / 2) * (right - left), 1);
    expect(num(circles[3]!, "cx")).toBeCloseTo(right, 2);
    expect(num(dashed[0]!, "x1")).toBeCloseTo(left + ((0.667 + 1) / 2) * (right - left), 1);
  });

  it("shows undefined rows as the word 'undefined' instead of a point", () => {
    expect(all(root, "circle")).toHaveLength(4);
    const row = all(root, "g").find((g) => g.children[0]?.text.startsWith("Team-communication"))!;
    expect(all(row, "circle")).toHaveLength(0);
    expect(texts(row)).toContain("undefined");
    expect(texts(row)).toContain("no variation");
  });

  it("keeps the rows in the given order and prints three decimals", () => {
    const labels = all(root, "g").map((g) => g.children[0]?.text.split(":")[0]);
    expect(labels).toEqual(["QM-robustness-fix", "Data-collection-public-datasets", "Team-communication", `<script>alert('x')</script> & "R&D"`, "Tooling-R"]);
    const all3 = texts(root);
    expect(all3).toContain("0.912 [0.872, 0.936]");
    expect(all3).toContain("-0.200 [-0.290, -0.146]");
    expect(all3).toContain("1.000 (no interval)");
  });

  it("escapes labels: markup in a code name stays text", () => {
    const svg = forestPlot(FOREST_ROWS);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;R&amp;D&quot;");
    expect(texts(parseSvg(svg))).toContain(NASTY);
  });

  it("truncates a very long label with an ellipsis and keeps it whole in the tooltip", () => {
    const long = "Reproducibility-concerns-about-shared-code-and-environment-versions-and-everything-else";
    const r = parseSvg(forestPlot([{ label: long, value: 0.5, low: 0.4, high: 0.6 }]));
    const shown = texts(r).find((t) => t.startsWith("Reproducibility"))!;
    expect(shown.endsWith("…")).toBe(true);
    expect(shown.length).toBeLessThan(long.length);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    expect(all(r, "title").map((t) => t.text)).toContain(`${long}: 0.500 [0.400, 0.600]`);
  });

  it("extends the axis below -1 when the data go there and clamps values outside a given range", () => {
    const wide = parseSvg(forestPlot([{ label: "a", value: -1.2, low: -1.43, high: -0.9 }]));
    expect(texts(wide)).toContain("-1.5");
    const clamped = parseSvg(forestPlot([{ label: "a", value: -0.5, low: -0.7, high: 0.2 }], { min: 0, max: 1 }));
    expect(all(clamped, "circle")).toHaveLength(0);
    expect(all(clamped, "path")).toHaveLength(1); // the outward triangle
  });

  it("draws only the word when every row is undefined, and treats NaN as undefined", () => {
    const r = parseSvg(forestPlot([
      { label: "a", value: null, low: null, high: null },
      { label: "b", value: Number.NaN, low: 0.1, high: 0.2 },
    ]));
    expect(all(r, "circle")).toHaveLength(0);
    expect(texts(r).filter((t) => t === "undefined")).toHaveLength(4); // plot column and numbers column, per row
    expect(texts(r)).toContain("-1.0");
    expect(texts(r)).toContain("1.0");
  });

  it("rejects an empty axis range", () => {
    expect(() => forestPlot(FOREST_ROWS, { min: 1, max: 1 })).toThrow(RangeError);
  });
});

describe("heatmap", () => {
  it("shows each value as text, '–' for null cells, and rotates column labels", () => {
    const root = parseSvg(CHARTS["heatmap, counts"]!());
    const cells = all(root, "g").filter((g) => g.children[0]?.text.includes(" × "));
    expect(cells).toHaveLength(9);
    expect(cells.map((g) => texts(g)[0])).toEqual(["0", "3", "–", "1", "0", "12", "0", "0", "0"]);
    expect(cells[2]!.children[0]!.text).toBe("x × z: no value");
    expect(all(root, "text").filter((t) => t.attrs.transform?.endsWith("rotate(-45)"))).toHaveLength(3);
  });

  it("colours agreement on a red–white–blue scale centred on 0 and counts from white to blue", () => {
    const fills = (svg: string) => all(parseSvg(svg), "g")
      .filter((g) => g.children[0]?.text.includes(" × "))
      .map((g) => g.children.find((c) => c.tag === "rect")!.attrs.fill);
    expect(fills(heatmap([[-1, 0, 1]], ["r"], ["a", "b", "c"], { title: "t" }))).toEqual(["#b2182b", "#f7f7f7", "#2166ac"]);
    expect(fills(heatmap([[0, 12]], ["r"], ["a", "b"], { title: "t", colorScale: "counts" }))).toEqual(["#f7fbff", "#08306b"]);
    // 0..1 agreement data without negatives: white at 0, blue at 1; the midpoint is the channel
    // means of f7f7f7 and 2166ac: (247+33)/2 = 140 = 8c, (247+102)/2 = 174.5 -> af, (247+172)/2 = 209.5 -> d2.
    expect(fills(heatmap([[0, 0.5, 1]], ["r"], ["a", "b", "c"], { title: "t" }))).toEqual(["#f7f7f7", "#8cafd2", "#2166ac"]);
  });

  it("uses the given format for cells and legend", () => {
    const root = parseSvg(heatmap([[0.25]], ["r"], ["c"], { title: "t", format: (v) => `${Math.round(v * 100)}%` }));
    // The cell, then the legend ticks at min 0, midpoint 0.5 and max 1.
    expect(texts(root).filter((t) => t.endsWith("%"))).toEqual(["25%", "0%", "50%", "100%"]);
  });

  it("escapes row and column labels", () => {
    const svg = CHARTS["heatmap, agreement"]!();
    expect(svg).not.toContain("<script");
    const root = parseSvg(svg);
    // The label is long, so it is shown truncated; the tooltips of its row and column keep it whole.
    expect(all(root, "title").filter((t) => t.text === NASTY)).toHaveLength(2);
    expect(texts(root).filter((t) => t.startsWith("<script>alert('x')"))).toHaveLength(2);
  });

  it("rejects a matrix whose shape does not match the labels", () => {
    expect(() => heatmap([[1, 2]], ["a"], ["b"], { title: "t" })).toThrow(RangeError);
    expect(() => heatmap([[1]], ["a", "b"], ["c"], { title: "t" })).toThrow(RangeError);
  });
});

describe("roundsChart", () => {
  const root = parseSvg(roundsChart(SERIES));
  const panels = root.children.filter((c) => c.tag === "g");

  it("draws one panel per code with rounds in order of first appearance", () => {
    expect(panels).toHaveLength(2);
    for (const p of panels) expect(texts(p).filter((t) => t.startsWith("round "))).toEqual(["round 1", "round 2", "round 3"]);
  });

  it("shows an undefined estimate as the word and joins only defined points", () => {
    const second = panels[1]!;
    expect(texts(second)).toContain("undefined");
    expect(all(second, "circle")).toHaveLength(2);
    const line = all(second, "path").find((p) => p.attrs.stroke !== undefined && p.attrs.fill === "none")!;
    expect(line.attrs.d!.match(/[ML]/g)).toEqual(["M", "L"]);
  });

  it("puts 0.8 exactly on the 0.800 line", () => {
    const first = panels[0]!;
    const dashed = all(first, "line").filter((l) => l.attrs["stroke-dasharray"] !== undefined);
    expect(dashed).toHaveLength(2);
    const circle = all(first, "circle")[1]!;
    expect(circle.attrs.cy).toBe(dashed[1]!.attrs.y1);
  });

  it("escapes code names", () => {
    const svg = roundsChart(SERIES);
    expect(svg).not.toContain("<script");
    expect(all(root, "title").map((t) => t.text)).toContain(NASTY);
  });
});
