/**
 * `intercoder report --html` end to end on hostile input: two Delve exports whose title and turn
 * text carry `<script>` and `<img onerror>` markup. The written file must hold that markup only
 * escaped, and Chromium must open it without a console error and without any dialog (an
 * `alert(1)` that ran would open one). A screenshot goes to test-output/report-xss.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../_browser.js";
import { run, tempDir } from "./_run.js";

const SCRIPT = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(1)>";
const TITLE = `Interview ${SCRIPT} ${IMG}`;
const TURNS: [string, string][] = [
  ["Interviewer 1", "What went wrong with the data?"],
  ["Interviewee", `Duplicates everywhere ${SCRIPT}, and missing values.`],
  ["Interviewer 1", "How did you fix it?"],
  ["Interviewee", `${IMG} We wrote a cleaning script and dropped the duplicates.`],
];

/** A Delve export of TURNS with the given codes per turn number (1-based). */
function delve(codes: Record<number, string[]>): string {
  const blocks = [TITLE];
  TURNS.forEach(([speaker, text], i) => {
    blocks.push(speaker, text);
    for (const c of codes[i + 1] ?? []) blocks.push(c);
  });
  blocks.push("Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)");
  return blocks.join("\n\n");
}

let html = "";
let file = "";
let browser: Browser;
const { dir, done } = tempDir();

beforeAll(async () => {
  // The coders disagree on both hostile turns, so both texts are quoted in full in the report.
  writeFileSync(join(dir, "ann.txt"), delve({ 2: ["Data-duplicates", "Data-missing-values"], 4: ["Data-duplicates-fix"] }));
  writeFileSync(join(dir, "ben.txt"), delve({ 2: ["Data-duplicates"], 4: ["Data-cleaning"] }));
  const r = await run(["report", "ann.txt", "ben.txt", "--html", "out.html", "--out", "out.md", "--bootstrap", "0", "--quiet"], dir);
  expect(r.stderr).toContain("out.html");
  expect(r.code).toBe(0);
  file = join(dir, "out.html");
  html = readFileSync(file, "utf8");
  browser = await launchBrowser();
}, 20_000);

afterAll(async () => {
  await browser?.close();
  done();
});

describe("intercoder report --html on hostile transcripts", () => {
  it("writes the title and turn texts escaped, never as markup", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toMatch(/<img\b/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain("<title>Intercoder reliability: Interview &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</title>");
    expect(html).toContain("Duplicates everywhere &lt;script&gt;alert(1)&lt;/script&gt;, and missing values.");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; We wrote a cleaning script and dropped the duplicates.");
    // The markdown written alongside says the same title; the HTML is the one a browser runs.
    expect(readFileSync(join(dir, "out.md"), "utf8")).toContain("# Intercoder reliability: Interview");
  });

  it("opens in Chromium without console errors and without any dialog, showing the markup as text", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(`document.querySelectorAll("details").forEach((d) => { d.open = true; })`);
    mkdirSync("test-output", { recursive: true });
    await page.screenshot({ path: join("test-output", "report-xss.png"), fullPage: true });

    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.title()).toBe(`Intercoder reliability: ${TITLE}`);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    const texts = await page.$$eval("td.turn-text", (cells) => cells.map((c) => c.textContent));
    expect(texts).toContain(TURNS[1]![1]);
    expect(texts).toContain(TURNS[3]![1]);
    expect(await page.locator("h1").textContent()).toBe(`Intercoder reliability: ${TITLE}`);
    await page.close();
  });

  it("would notice a script that ran: the same listener sees an unescaped alert (the check above can fail)", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.setContent(`<p>${SCRIPT}</p>`);
    expect(dialogs).toEqual(["1"]);
    await page.close();
  });
});
