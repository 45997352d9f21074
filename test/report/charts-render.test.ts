/**
 * The charts as a browser draws them: each realistic example is opened as a standalone SVG
 * file in headless Chromium, which must parse it, keep every label inside the picture and
 * not draw labels on top of each other. Screenshots go to test-output/charts/ for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../_browser.js";
import { exampleCharts, renderSvgToPng, type TextBox as Box } from "./render-svg.js";

const OUT = join("test-output", "charts");
const charts = exampleCharts();
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.keys(charts))("chart %s in Chromium", (name) => {
  it("renders without errors, with every label inside the picture and none overlapping", async () => {
    const svg = charts[name]!;
    const { width, height, boxes } = await renderSvgToPng(browser, svg, join(OUT, `${name}.png`));
    const outside = boxes.filter((b) => b.left < -0.5 || b.top < -0.5 || b.right > width + 0.5 || b.bottom > height + 0.5);
    expect(outside.map((b) => b.text)).toEqual([]);
    // Rotated labels have slanted extents, so their screen rectangles overlap by design.
    const flat = boxes.filter((b) => !b.rotated && b.text.trim() !== "");
    const overlaps: string[] = [];
    for (let i = 0; i < flat.length; i++) {
      for (let j = i + 1; j < flat.length; j++) {
        const a = flat[i]!;
        const b = flat[j]!;
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 1 && dy > 1) overlaps.push(`"${a.text}" / "${b.text}"`);
      }
    }
    expect(overlaps).toEqual([]);
  });
});
