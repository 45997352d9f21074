/**
 * The HTML report as a browser shows it: headless Chromium opens the file, must report no console
 * error and no Content-Security-Policy violation, load nothing but the file itself, render the
 * tables and charts, show the "Read with care" flags above the summary, and sort a table (per
 * code, per transcript, parent codes) when a header is clicked or activated from the keyboard.
 * A full-page screenshot goes to test-output/report.png for a person to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../_browser.js";
import { renderHtml } from "../../src/report/html.js";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import { fixtureReport } from "./_fixture-report.js";

const OUT = "test-output";
const FILE = resolve(join(OUT, "report.html"));
const report = fixtureReport();
const html = renderHtml(report, reportCharts(report));

let browser: Browser;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];

/** Text of column `col` (0-based) of every body row of the table matching `selector` (page scripts are strings: no DOM types here). */
async function column(selector: string, col: number): Promise<string[]> {
  return (await page.evaluate(`Array.from(document.querySelectorAll(${JSON.stringify(`${selector} tbody tr`)})).map((r) => r.cells[${col}].textContent.trim())`)) as string[];
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(FILE, html, "utf8");
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(FILE).href);
}, 15_000);

afterAll(async () => {
  await browser?.close();
});

describe("the HTML report in Chromium", () => {
  it("opens without console errors or CSP violations and loads nothing else", async () => {
    await page.screenshot({ path: join(OUT, "report.png"), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(FILE).href]);
    expect(await page.title()).toBe("Intercoder reliability: Commuting study <pilot>");
  });

  it("shows the hostile transcript text as text: no image element, no alert", async () => {
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    const texts = await page.$$eval("td.turn-text", (cells) => cells.map((c) => c.textContent));
    expect(texts).toContain("It costs too much <script>alert(1)</script>, honestly, and \"time\" is short & getting shorter.");
    expect(texts).toContain("<img src=x onerror=alert(1)> What keeps you going, week after week?");
  });

  it("renders every table and chart with a non-zero size", async () => {
    await page.evaluate(`document.querySelectorAll("details").forEach((d) => { d.open = true; })`);
    const boxes = await page.$$eval("table, figure.chart svg", (els) => els.map((e) => {
      const b = e.getBoundingClientRect();
      return { tag: e.tagName.toLowerCase(), width: b.width, height: b.height };
    }));
    expect(boxes.filter((b) => b.tag === "svg")).toHaveLength(3);
    expect(boxes.filter((b) => b.tag === "table").length).toBeGreaterThanOrEqual(14);
    for (const b of boxes) {
      expect(b.width).toBeGreaterThan(50);
      expect(b.height).toBeGreaterThan(20);
    }
  });

  it("sorts the per-code table by alpha when its header is clicked, undefined last both ways", async () => {
    const alpha = page.locator("table.per-code thead th", { hasText: /^α$/ });
    await alpha.locator("button").click();
    expect(await alpha.getAttribute("aria-sort")).toBe("ascending");
    expect(await column("table.per-code", 0)).toEqual(["Support-peers", "Barriers-cost", "Barriers-time", "Support-family", "Motivation", "Trust"]);
    await alpha.locator("button").click();
    expect(await alpha.getAttribute("aria-sort")).toBe("descending");
    expect(await column("table.per-code", 0)).toEqual(["Motivation", "Support-family", "Barriers-time", "Barriers-cost", "Support-peers", "Trust"]);
  });

  it("sorts from the keyboard, and numbers as numbers", async () => {
    const code = page.locator("table.per-code thead th").first();
    await code.locator("button").focus();
    await page.keyboard.press("Enter");
    expect(await column("table.per-code", 0)).toEqual(["Barriers-cost", "Barriers-time", "Motivation", "Support-family", "Support-peers", "Trust"]);
    await page.keyboard.press("Space");
    expect(await code.getAttribute("aria-sort")).toBe("descending");
    expect(await column("table.per-code", 0)).toEqual(["Trust", "Support-peers", "Support-family", "Motivation", "Barriers-time", "Barriers-cost"]);

    // Turn numbers 3, 7, 15: as text, "15" would sort before "3".
    const turn = page.locator("#disagreements-1 thead th", { hasText: "Turn" });
    await turn.locator("button").click();
    expect(await column("#disagreements-1 table", 1)).toEqual(["3", "7", "15"]);
    await turn.locator("button").click();
    expect(await column("#disagreements-1 table", 1)).toEqual(["15", "7", "3"]);
  });

  it("shows the trust flags above the summary, in a box that stands out", async () => {
    const flags = page.locator("#flags");
    expect(await flags.isVisible()).toBe(true);
    const box = (await flags.boundingBox())!;
    const summary = (await page.locator("#summary").boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(summary.y);
    expect(box.width).toBeGreaterThan(1000);
    const look = (await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector("#flags")); return [s.backgroundColor, s.borderLeftWidth, s.borderLeftColor]; })()`)) as string[];
    expect(look).toEqual(["rgb(255, 244, 236)", "6px", "rgb(194, 65, 12)"]);
    expect(await page.locator("#flags li").allTextContents()).toEqual([
      `Ben did not code "interview-03 <draft>": their values are missing there (not "code absent") (see Transcripts)`,
      "alignment could not match 1 of 21 turns <b> (see Alignment)",
    ]);
    await page.locator("#flags a", { hasText: "see Transcripts" }).click();
    expect(await page.evaluate("location.hash")).toBe("#transcripts");
  });

  it("sorts the per-transcript table by alpha and by its lowest code", async () => {
    const alpha = page.locator("table.transcripts thead th", { hasText: "α (MASI)" });
    await alpha.locator("button").click();
    expect(await column("table.transcripts", 0)).toEqual(["interview-01", "interview-02", "interview-03 <draft>"]);
    await alpha.locator("button").click();
    expect(await column("table.transcripts", 0)).toEqual(["interview-03 <draft>", "interview-02", "interview-01"]);
    // Lowest per-code alpha: interview-02 -0.050, interview-01 0.120, interview-03 0.600.
    const lowest = page.locator("table.transcripts thead th", { hasText: "Lowest per-code α" });
    await lowest.locator("button").click();
    expect(await column("table.transcripts", 0)).toEqual(["interview-02", "interview-01", "interview-03 <draft>"]);
    const skipped = page.locator("table.transcripts thead th", { hasText: "Skipped by" });
    await skipped.locator("button").click();
    await skipped.locator("button").click();
    expect(await column("table.transcripts", 3)).toEqual(["Ben", "nobody", "nobody"]);
    // The code × transcript table: Barriers-cost is lowest on interview-02, Trust (undefined) last.
    const second = page.locator("table.transcript-codes thead th", { hasText: "interview-02" });
    await second.locator("button").click();
    expect(await column("table.transcript-codes", 0)).toEqual(["Barriers-cost", "Barriers-time", "Motivation", "Support-family", "Support-peers", "Trust"]);
    expect(await column("table.transcript-codes", 2)).toEqual(["-0.050", "–", "–", "–", "–", "undefined (no-variation)"]);
  });

  it("sorts the parent codes and the per-code span alphas", async () => {
    const alpha = page.locator("table.parent-codes thead th", { hasText: /^α$/ });
    await alpha.locator("button").click();
    expect(await column("table.parent-codes", 0)).toEqual(["Support", "Motivation", "Barriers", "Trust"]);
    await alpha.locator("button").click();
    expect(await column("table.parent-codes", 0)).toEqual(["Barriers", "Motivation", "Support", "Trust"]);
    const span = page.locator("table.per-code thead th", { hasText: "Span α" });
    await span.locator("button").click();
    expect(await column("table.per-code", 0)).toEqual(["Support-peers", "Barriers-cost", "Barriers-time", "Support-family", "Motivation", "Trust"]);
  });

  it("blocks a script whose hash is not in the policy (the check above can fail)", async () => {
    const tampered = await browser.newPage();
    const seen: string[] = [];
    tampered.on("console", (m) => { if (m.type() === "error") seen.push(m.text()); });
    await tampered.setContent(html.replace("<script>(function () {", "<script>(function () { window.tampered = true;"));
    expect(seen.some((t) => /Content Security Policy/i.test(t))).toBe(true);
    expect(await tampered.evaluate("window.tampered === true")).toBe(false);
    await tampered.close();
  });
});
