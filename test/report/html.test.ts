import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import { METHODS_REFERENCES } from "../../src/report/methods.js";
import { IMG_TEXT, QUOTED_TURNS, SCRIPT_TEXT, fixtureReport } from "./_fixture-report.js";

function render(report = fixtureReport()): string {
  return renderHtml(report, reportCharts(report));
}

/** Every start tag of the document (text never contains a raw "<": it is escaped). */
function startTags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

describe("renderHtml escaping", () => {
  const html = render();

  it("never lets transcript text become markup", () => {
    expect(html).not.toContain(SCRIPT_TEXT);
    expect(html).not.toContain(IMG_TEXT);
    expect(html).toContain("It costs too much &lt;script&gt;alert(1)&lt;/script&gt;, honestly, and &quot;time&quot; is short &amp; getting shorter.");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; What keeps you going, week after week?");
  });

  it("has exactly one script element, no img element and no event-handler attribute", () => {
    const tags = startTags(html);
    expect(tags.filter((t) => /^<script\b/i.test(t))).toEqual(["<script>"]);
    expect(tags.filter((t) => /^<img\b/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
  });

  it("escapes the study name, file paths and speakers", () => {
    expect(html).toContain("<title>Intercoder reliability: Commuting study &lt;pilot&gt;</title>");
    expect(html).toContain("<code>data/ben/interview-02 &lt;copy&gt;.docx</code>");
    expect(html).not.toContain("<pilot>");
    expect(html).not.toContain("<copy>");
  });
});

describe("renderHtml is self-contained", () => {
  const report = fixtureReport();
  const charts = reportCharts(report);
  const html = renderHtml(report, charts);

  it("inlines every chart, without the namespace URL", () => {
    expect(Object.keys(charts)).toEqual(["alpha-forest.svg", "coder-pairs.svg", "substitutions.svg"]);
    for (const svg of Object.values(charts)) {
      const inline = svg.replace('<svg xmlns="http://www.w3.org/2000/svg" ', "<svg ").trimEnd();
      expect(inline.startsWith("<svg width=")).toBe(true);
      expect(html).toContain(inline);
    }
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  it("names no URL: links are in-page anchors, nothing is loaded, http appears only in citations", () => {
    const outsideRefs = html.replace(/<ol class="refs">[\s\S]*?<\/ol>/, "");
    expect(outsideRefs).not.toMatch(/https?:/i);
    expect(outsideRefs).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const attrs = startTags(html).flatMap((t) => [...t.matchAll(/\s(src|href|xlink:href|action|srcset|data)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`));
    for (const a of attrs) expect(a).toMatch(/^href=#[a-z0-9-]+$/);
    expect(attrs.length).toBeGreaterThan(5);
    expect(html).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(/i);
  });

  it("allows exactly its own inline script through a SHA-256 Content-Security-Policy", () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash("sha256").update(script, "utf8").digest("base64");
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    // The policy comes before anything it governs.
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });

  it("is deterministic: same report, same bytes, no dates", () => {
    expect(render()).toBe(html);
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe("renderHtml content", () => {
  const html = render();

  it("has every section of the markdown report plus coders", () => {
    for (const id of ["summary", "next", "codes", "pairs", "ambiguous", "coders", "disagreements", "alignment", "codebook", "warnings", "methods", "reproducibility"]) {
      expect(html).toContain(`<section id="${id}">`);
    }
  });

  it("formats numbers with 3 decimals and undefined coefficients with their reason, never NaN", () => {
    expect(html).toContain(">0.412<");
    expect(html).toContain("[0.181, 0.623]");
    expect(html).toContain("[0.310, 0.790]"); // analytic interval when there is no bootstrap
    expect(html).toContain(`undefined <span class="reason">(no-variation)</span>`);
    expect(html).not.toContain("NaN");
    const broken = fixtureReport();
    broken.pairs[0]!.meanKappa = Number.NaN;
    broken.codes[0]!.percentAgreement = Number.POSITIVE_INFINITY;
    const out = renderHtml(broken, {});
    expect(out).not.toMatch(/NaN|Infinity/);
  });

  it("shows each disagreement's full turn text, not the excerpt", () => {
    for (const t of QUOTED_TURNS) {
      const escaped = t.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
      expect(html).toContain(escaped);
    }
    expect(html).not.toContain("…</td>");
  });

  it("puts the coders' codes side by side, with the code in question highlighted", () => {
    const section = html.slice(html.indexOf(`<details id="disagreements-1"`), html.indexOf("</details>", html.indexOf(`<details id="disagreements-1"`)));
    expect(section).toContain("<code>Barriers-cost</code> (3 disagreements");
    const row = section.split("<tr>").find((r) => r.includes(">interview-01<") && r.includes(`data-sort="3"`))!;
    const cells = [...row.matchAll(/<td class="coder ([a-z-]+)"[^>]*>(.*?)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(cells).toEqual([
      ["applied", `<span class="verdict">applied</span><mark>Barriers-cost</mark>`],
      ["not-applied", `<span class="verdict">not applied</span><code>Barriers-time</code>`],
      ["applied", `<span class="verdict">applied</span><mark>Barriers-cost</mark>`],
    ]);
    const missing = section.split("<tr>").find((r) => r.includes(`data-sort="15"`))!;
    expect(missing).toContain(`<td class="coder missing" data-sort=""><span class="verdict">no value</span></td>`);
  });

  it("lists diagnoses with evidence, coder profiles and leave-one-coder-out alphas", () => {
    expect(html).toContain(`<span class="kind">sibling-confusion</span>confused with its sibling <code>Barriers-time</code>`);
    expect(html).toContain("1430 needed for a reliable estimate");
    expect(html).toContain("α without Ben");
    expect(html).toContain("others never");
    // Ben under-uses Barriers-cost (ratio 0.286) and over-uses Barriers-time (2.250).
    expect(html).toContain(">0.286<");
    expect(html).toContain(">2.250<");
  });

  it("has the methods paragraph with its references and the reproducibility block", () => {
    expect(html).toContain("Three coders independently applied a codebook of six codes");
    for (const ref of METHODS_REFERENCES) expect(html).toContain(`<li>${ref.replace(/&/g, "&amp;")}</li>`);
    expect(html).toContain("random seed 42");
    for (const c of "abc") expect(html).toContain(`<code>${c.repeat(64)}</code>`);
  });

  it("marks numbers that cannot be trusted: one coder only, too few units, too many unmatched turns", () => {
    expect(html).toContain(`<span class="caveat">used by Cleo only</span><span class="caveat">too few units (40 of about 1430 needed)</span>`);
    expect(html).toContain(`<span class="caveat">prevalence paradox (AC1 0.983)</span>`);
    // interview-02: Ben's copy lacks 1 of 21 reference turns (4.8%), under the 10% limit.
    expect(html).toContain("<td>Ben: 15 (4.8%)</td>");
    const strict = fixtureReport();
    strict.options["max-unmatched"] = 0.02;
    expect(renderHtml(strict, {})).toContain(`<td><span class="caveat">Ben: 15 (4.8%), above --max-unmatched 2.0%</span></td>`);
  });

  it("says so when the coders never disagree", () => {
    const calm = fixtureReport();
    for (const c of calm.codes) c.disagreements = [];
    calm.ambiguous = [];
    calm.quotedTurns = [];
    const out = renderHtml(calm, reportCharts(calm));
    expect(out).toContain("The coders agree on every code on every turn.");
    expect(out).toContain("No code falls below alpha 0.800 with disagreements to show.");
  });
});
