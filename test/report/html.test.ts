import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { reportCharts } from "../../src/report/charts/report-charts.js";
import { METHODS_REFERENCES } from "../../src/report/methods.js";
import { IMG_TEXT, QUOTED_TURNS, SCRIPT_TEXT, TRANSCRIPT_3, fixtureReport } from "./_fixture-report.js";

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
    expect(html).toContain(`<section id="flags" class="flags"`);
    for (const id of ["transcripts", "parents"]) expect(html).toContain(`<section id="${id}">`);
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

/** The `<section id="…">` of the page, up to its closing tag (sections do not nest). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  return start < 0 ? "" : html.slice(start, html.indexOf("</section>", start));
}

/** Each body row of the first table in `html`, as its cells' inner HTML. */
function rows(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return body.split("<tr>").slice(1).map((r) => [...r.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!));
}

describe("renderHtml says what the markdown says", () => {
  const html = render();

  it("puts the trust flags first, escaped, each linked to the section that explains it", () => {
    const flags = section(html, "flags");
    expect(html.indexOf(`<section id="flags"`)).toBeLessThan(html.indexOf(`<section id="summary">`));
    expect(html.indexOf(`<section id="flags"`)).toBeGreaterThan(html.indexOf("<main>"));
    expect(flags).toContain("Read with care</h2>");
    expect(flags).toContain("2 things limit what the numbers below can say");
    expect(flags).toContain(`<li data-kind="missing-coder">Ben did not code &quot;interview-03 &lt;draft&gt;&quot;: their values are missing there (not &quot;code absent&quot;) <a href="#transcripts">(see Transcripts)</a></li>`);
    expect(flags).toContain(`<li data-kind="alignment-dropped-turns">alignment could not match 1 of 21 turns &lt;b&gt; <a href="#alignment">(see Alignment)</a></li>`);
    expect(html).not.toContain("turns <b>");
    expect(html).toContain(`<li><a href="#flags">Read with care</a></li>`);

    const calm = fixtureReport();
    calm.flags = [];
    const out = render(calm);
    expect(out).not.toContain(`id="flags"`);
    expect(out).not.toContain("Read with care");
  });

  it("names the unit of analysis in the header, summary, tables and reproducibility block", () => {
    expect(html).toContain("Unit of analysis: the speaker turn (40 aligned turns that at least two coders have); every number below is computed on this unit.");
    expect(html).toContain("<li>Transcripts: 3; units: 40 turns</li>");
    expect(html).toContain("Overall alpha on each turn's set of codes: 0.655 with MASI distance");
    expect(html).toContain("unit: turn; random seed 42");

    const para = fixtureReport();
    para.unit = "paragraph";
    const out = render(para);
    expect(out).toContain("Unit of analysis: the paragraph (40 aligned paragraphs that at least two coders have)");
    expect(out).toContain("<li>Transcripts: 3; units: 40 paragraphs</li>");
    expect(out).toContain("Overall alpha on each paragraph's set of codes");
    expect(out).toContain("Presence = paragraphs on which each coder applied the code, in the order Ana / Ben / Cleo");
    expect(out).toContain("Used instead on the same paragraph:");
    expect(out).toContain("Each paragraph on which the coders disagree about a code");
    expect(out).toContain(`<button type="button">Own paragraphs</button>`);
    expect(out).toContain(`<button type="button">Paragraph</button>`);
    expect(out).toContain("a parent is present on a paragraph when any of its children is");
    expect(out).toContain("unit: paragraph; random seed 42");
    expect(out).not.toContain("speaker turn");
    expect(out).not.toContain(`<button type="button">Turn</button>`);
  });

  it("shows the unitizing alphas in the summary and a span α column per code", () => {
    expect(section(html, "summary")).toContain("<li>Unitizing alpha on the coders' character spans (mapped): coded versus not coded |uα = 0.701; spans with their codes uα = undefined (overlapping-codes); which code where both coded cuα = undefined (overlapping-codes) (Krippendorff et al. 2016)</li>");
    const codes = section(html, "codes");
    expect(codes).toContain(`<button type="button">Span α (|uα)</button>`);
    const table = rows(codes.slice(codes.indexOf(`class="sortable per-code"`)));
    // Span α sits before the verdict: Barriers-cost 0.4567, ..., Support-peers -0.0021, Trust none.
    expect(table.map((r) => r[r.length - 2])).toEqual([`0.457`, `0.612`, `0.901`, `0.735`, `-0.002`, `–`]);

    const plain = fixtureReport();
    plain.unitizing = null;
    const out = render(plain);
    expect(out).not.toContain("Span α");
    expect(out).not.toContain("Unitizing alpha");
    expect(rows(section(out, "codes").slice(section(out, "codes").indexOf(`class="sortable per-code"`)))[0]).toHaveLength(12);
  });

  it("explains why a rare code's bootstrap interval reaches down to 0", () => {
    expect(section(html, "codes")).toContain(`<p class="note"><strong>Rare codes:</strong> in Krippendorff and Hayes's bootstrap, a resample that draws none of a rare code's few instances counts as alpha 0`);
  });

  it("breaks the study down per transcript: units, who coded and skipped it, alpha, its lowest codes", () => {
    const t = section(html, "transcripts");
    expect(html).toContain(`<li><a href="#transcripts">Transcripts</a></li>`);
    const table = rows(t);
    expect(table.map((r) => r.slice(0, 5))).toEqual([
      ["interview-01", "14", "Ana, Ben, Cleo", `<span class="muted">nobody</span>`, "0.610"],
      ["interview-02", "20", "Ana, Ben, Cleo", `<span class="muted">nobody</span>`, "0.700"],
      ["interview-03 &lt;draft&gt;", "6", "Ana, Cleo", `<span class="skipped">Ben</span>`, "0.830"],
    ]);
    // Lowest defined per-code alphas, at most three, lowest first (Trust is undefined, Motivation 0.9 is fourth).
    const codesIn = (cell: string) => [...cell.matchAll(/<code>([^<]+)<\/code> <span class="band-([a-z]+)">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[3]} ${m[2]}`);
    expect(codesIn(table[0]![5]!)).toEqual(["Barriers-cost 0.120 unreliable"]);
    expect(codesIn(table[2]![5]!)).toEqual(["Barriers-cost 0.600 unreliable", "Support-family 0.700 tentative", "Barriers-time 0.750 tentative"]);
    // Disagreements summed over codes: 3 + 0, 4 + 0, 0 + 1 + 1 + 1.
    expect(table.map((r) => r[6])).toEqual(["3", "4", "3"]);
    // The sort keys: alpha (MASI) and the lowest code's alpha.
    expect(t).toContain(`<td class="num low" data-sort="0.61">0.610</td>`);
    expect(t).toContain(`<td class="lowest" data-sort="-0.05">`);
    // Every code's alpha per transcript, "–" where the transcript has none.
    const perCode = rows(t.slice(t.indexOf("<details>")));
    expect(perCode[0]).toEqual(["<code>Barriers-cost</code>", "0.120", "-0.050", "0.600"]);
    expect(perCode[5]).toEqual(["<code>Trust</code>", `undefined <span class="reason">(no-variation)</span>`, `undefined <span class="reason">(no-variation)</span>`, "–"]);
    expect(t).toContain(`<button type="button">interview-03 &lt;draft&gt;</button>`);

    const one = fixtureReport();
    one.transcripts = one.transcripts.slice(0, 1);
    const out = render(one);
    expect(out).not.toContain(`<section id="transcripts">`);
    expect(out).not.toContain(`href="#transcripts">Transcripts`);
  });

  it("escapes transcript names everywhere they appear", () => {
    const hostile = fixtureReport();
    hostile.transcripts[2]!.name = `${SCRIPT_TEXT}${IMG_TEXT}`;
    hostile.flags[0]!.message = `Ben did not code "${SCRIPT_TEXT}"`;
    const out = render(hostile);
    expect(out).not.toContain(SCRIPT_TEXT);
    expect(out).not.toContain(IMG_TEXT);
    expect(out).not.toContain("<img");
    expect(section(out, "transcripts")).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</td>");
    expect(section(out, "flags")).toContain("Ben did not code &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
    expect(TRANSCRIPT_3).toContain("<");
  });

  it("shows the parent-code analysis when the report has one", () => {
    const p = section(html, "parents");
    expect(html).toContain(`<li><a href="#parents">Parent codes</a></li>`);
    expect(p).toContain("Codes rolled up to their top-level parent (hierarchy from the separator &quot;-&quot;)");
    const table = rows(p);
    expect(table.map((r) => [r[0], r[1], r[5], r[6]])).toEqual([
      ["<code>Barriers</code>", "9 / 9 / 9", "0.863", "[0.702, 0.974]"],
      ["<code>Motivation</code>", "11 / 10 / 11", "0.853", "[0.712, 0.951]"],
      ["<code>Support</code>", "5 / 4 / 5", "0.781", "[0.550, 0.930]"],
      ["<code>Trust</code>", "0 / 0 / 0", `undefined <span class="reason">(no-variation)</span>`, "–"],
    ]);
    expect(table[2]![7]).toContain(`<span class="band-tentative">tentative <span class="nowrap">(0.667–0.800)</span></span>`);

    const depth = fixtureReport();
    depth.parentLevel!.depth = 2;
    depth.parentLevel!.source = `the codebook <cb>.csv`;
    expect(section(render(depth), "parents")).toContain("Codes rolled up to depth 2 (hierarchy from the codebook &lt;cb&gt;.csv)");
    const none = fixtureReport();
    none.parentLevel = null;
    expect(render(none)).not.toContain("Parent codes");
  });
});
