/**
 * Look at the charts as a person would: renders realistic example charts with headless
 * Chromium (see test/_browser.ts) into PNG files.
 *
 *   npx tsx test/report/render-svg.ts [outDir]      # default /tmp/charts
 *
 * Each SVG is written next to its PNG and opened as a standalone file (file://), so an XML
 * error would show up as Chromium's parse-error page rather than being hidden by HTML parsing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../_browser.js";
import { forestPlot } from "../../src/report/charts/forest-plot.js";
import { heatmap } from "../../src/report/charts/heatmap.js";
import { roundsChart } from "../../src/report/charts/rounds-chart.js";

/** Screen rectangle of one `<text>`, relative to the SVG's top-left corner. */
export interface TextBox { text: string; left: number; top: number; right: number; bottom: number; rotated: boolean }

/** What Chromium drew: the SVG's size and where each text landed. */
export interface Rendered { width: number; height: number; boxes: TextBox[] }

/** Page script (a string: the project's type check has no DOM library). */
const MEASURE = `(() => {
  const rect = document.documentElement.getBoundingClientRect();
  const boxes = Array.from(document.querySelectorAll("text")).map((t) => {
    const b = t.getBoundingClientRect();
    return { text: t.textContent || "", left: b.left - rect.left, top: b.top - rect.top, right: b.right - rect.left,
      bottom: b.bottom - rect.top, rotated: t.hasAttribute("transform") };
  });
  return { width: rect.width, height: rect.height, boxes };
})()`;

/**
 * Write `svg` to `<outPath>.svg`, open that file in Chromium, screenshot it to `outPath` (a .png)
 * and return where the texts landed. Throws when Chromium reports an XML or console error.
 */
export async function renderSvgToPng(browser: Browser, svg: string, outPath: string): Promise<Rendered> {
  const svgPath = outPath.replace(/\.png$/, "") + ".svg";
  writeFileSync(svgPath, svg, "utf8");
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const page = await browser.newPage({ viewport: { width: Math.ceil(width), height: Math.ceil(height) }, deviceScaleFactor: 1.5 });
  try {
    const problems: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(resolve(svgPath)).href);
    if ((await page.locator("parsererror").count()) > 0) problems.push("XML parse error");
    if (problems.length > 0) throw new Error(`${svgPath}: ${problems.join("; ")}`);
    await page.screenshot({ path: outPath });
    return (await page.evaluate(MEASURE)) as Rendered;
  } finally {
    await page.close();
  }
}

const CODES = [
  "QM-robustness-fix", "Data-collection-public-datasets", "Data-collection-interviews", "Model-validation",
  "Reproducibility-concerns-about-shared-code-and-environment-versions", "Team-communication", "Funding",
  "Tooling-R", "Tooling-Python", "Ethics-consent", "Peer-review <experience> & \"quotes\"", "Teaching", "Other",
];

/** Realistic forest-plot rows: alphas from −0.2 to 1, some undefined, a few notes. */
export function exampleForestRows() {
  const values: (number | null)[] = [0.912, 0.804, 0.8, 0.667, 0.512, null, -0.2, 1, 0.731, 0.05, null, 0.95, 0.388];
  return CODES.map((label, i) => {
    const value = values[i] ?? null;
    const halfWidth = 0.04 + ((i * 37) % 11) / 40;
    return value === null
      ? { label, value, low: null, high: null, note: i === 5 ? "no variation" : "applied once" }
      : { label, value, low: Math.max(-1, value - halfWidth), high: Math.min(1, value + halfWidth * 0.6), note: `${40 + i * 7} units` };
  });
}

/** The realistic example charts, by file name: a 13-code forest plot, a 3-coder matrix, a
 * 14×14 substitution matrix, per-round panels, and the empty variants. */
export function exampleCharts(): Record<string, string> {
  const coders = ["Ana", "Bongani", "Chen-Long <the third>"];
  const subs = CODES.concat(["(none)"]);
  const counts = subs.map((_, r) => subs.map((_, c) => (r === c ? 0 : ((r * 7 + c * 3) % 13 === 0 ? 9 + r : (r + c) % 5 === 0 ? (r * c) % 4 : 0))));
  const rounds = ["Round 1", "Round 2", "Round 3 (revised codebook)"];
  const series = CODES.slice(0, 8).map((code, i) => ({
    code,
    points: rounds.map((round, k) => {
      if (i === 3 && k === 0) return { round, value: null };
      if (i === 6 && k === 2) return { round, value: null };
      const value = Math.min(1, -0.2 + ((i * 13 + k * 29) % 100) / 80);
      return { round, value, low: value - 0.15, high: Math.min(1, value + 0.1) };
    }),
  }));
  return {
    forest: forestPlot(exampleForestRows(), { title: "Krippendorff's α per code (interview study, round 2)" }),
    "forest-empty": forestPlot([]),
    coders: heatmap([[null, 0.72, 0.41], [0.72, null, -0.08], [0.41, -0.08, null]], coders, coders,
      { title: "Pairwise agreement between coders (Cohen's κ)", colorScale: "agreement", min: -1, max: 1 }),
    substitutions: heatmap(counts, subs, subs, {
      title: "Code substitutions: coder A applied the row code where coder B applied the column code",
      colorScale: "counts", rowAxisLabel: "Coder A applied", colAxisLabel: "Coder B applied",
    }),
    "heatmap-empty": heatmap([], [], [], { title: "Empty matrix" }),
    rounds: roundsChart(series, { title: "Krippendorff's α per round" }),
    "rounds-empty": roundsChart([]),
  };
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? "/tmp/charts";
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const [name, svg] of Object.entries(exampleCharts())) await renderSvgToPng(browser, svg, join(outDir, `${name}.png`));
  } finally {
    await browser.close();
  }
  console.log(`charts written to ${outDir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
