/**
 * The HTML report's later sections: coders, disagreements side by side, alignment, codebook and
 * warnings, methods paragraph and reproducibility. Internal to `html.ts`; every string from the
 * inputs is escaped here.
 */
import type { Disagreement, QuotedTurn, ReliabilityReport, TranscriptSummary } from "./types.js";
import { METHODS_REFERENCES } from "./methods.js";
import { codeHtml, coef, esc, num, numberCell, pct, table, textCell, unitWords, type Cell } from "./_html.js";

export function coders(r: ReliabilityReport): string {
  const profiles = table("Per coder", [
    { label: "Coder" }, { label: "Overall α without this coder (MASI)", type: "number" }, { label: "Over-uses" }, { label: "Under-uses" },
  ], r.coderProfiles.map((p) => {
    const over = p.usage.filter((u) => u.direction === "over").map((u) => u.code);
    const under = p.usage.filter((u) => u.direction === "under").map((u) => u.code);
    const list = (codes: string[]): Cell => ({ html: codes.length === 0 ? "none" : codes.map(codeHtml).join(", "), sort: codes.join(", ") });
    const without = p.alphaWithout === null ? { html: "undefined (fewer than three coders)", sort: null, className: "num" } : numberCell(p.alphaWithout.value, coef(p.alphaWithout));
    return [textCell(p.coder), without, list(over), list(under)];
  }));
  const usage = r.coderProfiles.flatMap((p) => p.usage.map((u) => [
    textCell(p.coder), { html: codeHtml(u.code), sort: u.code }, numberCell(u.own, String(u.own)), numberCell(u.othersMean, num(u.othersMean)),
    u.ratio === null ? { html: "others never", sort: null, className: "num" } : numberCell(u.ratio, num(u.ratio)), textCell(u.direction),
  ]));
  const overall = new Map(r.codes.map((c) => [c.code, c.krippendorffAlpha]));
  const loo = table("Alpha per code without each coder (leave-one-coder-out)", [
    { label: "Code" }, { label: "α, all coders", type: "number" }, ...r.coderProfiles.map((p) => ({ label: `α without ${p.coder}`, type: "number" as const })),
  ], r.codes.map((c) => [
    { html: codeHtml(c.code), sort: c.code },
    numberCell(overall.get(c.code)?.value, coef(overall.get(c.code))),
    ...r.coderProfiles.map((p) => numberCell(p.alphaWithoutPerCode[c.code], num(p.alphaWithoutPerCode[c.code] ?? null))),
  ]));
  return [
    `<section id="coders"><h2>Coders</h2>`,
    `<p>Over- and under-use: codes a coder applies at least twice (or at most half) as often as the other coders on average. Alpha without a coder shows whether one coder drives the disagreement: if alpha rises clearly without someone, discuss the code with that coder.</p>`,
    profiles,
    usage.length === 0 ? `<p>No coder over- or under-uses a code.</p>` : table("Over- and under-use", [
      { label: "Coder" }, { label: "Code" }, { label: `Own ${unitWords(r.unit).many}`, type: "number" }, { label: "Others' mean", type: "number" }, { label: "Ratio", type: "number" }, { label: "Direction" },
    ], usage),
    r.coderProfiles.some((p) => p.alphaWithout !== null) ? loo : "",
    `</section>`,
  ].filter((s) => s !== "").join("\n");
}

function coderCell(code: string, d: Disagreement, coder: string, turn: QuotedTurn | undefined): Cell {
  const codes = turn ? turn.codes[coder] ?? null : d.appliedBy.includes(coder) ? [code] : d.instead[coder] ?? (d.missing.includes(coder) ? null : []);
  if (d.missing.includes(coder) || codes === null) return { html: `<span class="verdict">no value</span>`, className: "coder missing", sort: "" };
  const applied = d.appliedBy.includes(coder);
  const list = codes.length === 0 ? `<span class="muted">(no code)</span>` : codes.map((c) => (c === code ? `<mark>${esc(c)}</mark>` : codeHtml(c))).join(" ");
  return { html: `<span class="verdict">${applied ? "applied" : "not applied"}</span>${list}`, className: `coder ${applied ? "applied" : "not-applied"}`, sort: applied ? "applied" : "not applied" };
}

export function disagreements(r: ReliabilityReport, anchors: Map<string, string>): string {
  const turns = new Map(r.quotedTurns.map((t) => [`${t.transcript}\u0000${t.turn}`, t]));
  const withDis = r.codes.filter((c) => c.disagreements.length > 0);
  const total = withDis.reduce((s, c) => s + c.disagreements.length, 0);
  const out = [`<section id="disagreements"><h2>Disagreements</h2>`];
  const unit = unitWords(r.unit);
  if (withDis.length === 0) out.push(`<p>The coders agree on every code on every ${unit.short}.</p>`);
  else out.push(`<p>Each ${unit.short} on which the coders disagree about a code, with its full text and each coder's codes on that ${unit.short}; the code in question is highlighted.</p>`);
  for (const c of withDis) {
    const rows = c.disagreements.map((d): Cell[] => {
      const turn = turns.get(`${d.transcript}\u0000${d.turn}`);
      return [
        textCell(d.transcript), numberCell(d.turn, String(d.turn)), textCell(d.speaker ?? "(unlabeled)"),
        { html: esc(turn?.text ?? d.excerpt), className: "turn-text" },
        ...r.coders.map((k) => coderCell(c.code, d, k, turn)),
      ];
    });
    const columns = [{ label: "Transcript" }, { label: unit.heading, type: "number" as const }, { label: "Speaker" }, { label: "Text" }, ...r.coders.map((k) => ({ label: k }))];
    out.push(
      `<details id="${anchors.get(c.code)}"${total <= 100 ? " open" : ""}><summary>${codeHtml(c.code)} (${c.disagreements.length} disagreement${c.disagreements.length === 1 ? "" : "s"}; alpha ${esc(coef(c.krippendorffAlpha))})</summary>`,
      table(`Disagreements on ${c.code}`, columns, rows, "disagreements"),
      `</details>`,
    );
  }
  out.push(`</section>`);
  return out.join("\n");
}

/** Unmatched turns per coder with their share of the reference turns; flagged above `--max-unmatched`. */
function unmatchedCell(t: TranscriptSummary, limit: number | null): Cell {
  const parts = Object.entries(t.unmatched).filter(([, l]) => l.length > 0).map(([k, l]) => {
    const share = t.referenceTurns === 0 ? 0 : l.length / t.referenceTurns;
    const text = `${k}: ${l.join(", ")} (${pct(share)})`;
    return limit !== null && share > limit ? `<span class="caveat">${esc(`${text}, above --max-unmatched ${pct(limit)}`)}</span>` : esc(text);
  });
  return { html: parts.length === 0 ? "none" : parts.join("; ") };
}

export function alignment(r: ReliabilityReport): string {
  const option = r.options["max-unmatched"];
  const limit = typeof option === "number" && Number.isFinite(option) ? option : null;
  const rows = r.transcripts.map((t) => [
    textCell(t.name), numberCell(t.units, String(t.units)), numberCell(t.referenceTurns, String(t.referenceTurns)),
    textCell(t.method === "by-number" ? "by turn number" : "by text similarity"), textCell(t.codersPresent.join(", ")),
    unmatchedCell(t, limit),
    textCell(t.textDifferences.length === 0 ? "none" : t.textDifferences.map((d) => `${d.coder} turn ${d.turn} (similarity ${num(d.similarity, undefined, 2)})`).join(", ")),
    numberCell(t.overall.alphaMasi.value, coef(t.overall.alphaMasi)),
  ]);
  return [`<section id="alignment"><h2>Alignment</h2>`, table("Alignment per transcript", [
    { label: "Transcript" }, { label: "Units", type: "number" }, { label: "Reference turns", type: "number" }, { label: "Method" }, { label: "Coders" },
    { label: "Unmatched turns" }, { label: "Changed texts" }, { label: "α (MASI)", type: "number" },
  ], rows), `</section>`].join("\n");
}

export function codebookAndWarnings(r: ReliabilityReport): string {
  const out: string[] = [];
  if (r.codebook.file !== null) {
    const list = (codes: string[]) => (codes.length === 0 ? "none" : codes.map(codeHtml).join(", "));
    out.push(`<section id="codebook"><h2>Codebook</h2><p>Codebook: <code>${esc(r.codebook.file)}</code>.</p><ul>`,
      `<li>Codebook codes nobody used: ${list(r.codebook.unused)}</li>`, `<li>Codes used but not in the codebook: ${list(r.codebook.notInCodebook)}</li></ul></section>`);
  }
  if (r.warnings.length > 0) {
    out.push(`<section id="warnings"><h2>Warnings</h2><ul>`);
    for (const w of r.warnings) {
      const where = [w.file, w.line].filter((x) => x !== undefined).join(":");
      out.push(`<li>${where === "" ? "" : `<code>${esc(where)}</code>: `}${esc(w.message)} <span class="muted">(${esc(w.code)})</span></li>`);
    }
    out.push(`</ul></section>`);
  }
  return out.join("\n");
}

export function methods(r: ReliabilityReport): string {
  return [
    `<section id="methods"><h2>Methods paragraph</h2>`,
    `<p class="methods">${esc(r.methods)}</p>`,
    `<h3>References</h3><ol class="refs">${METHODS_REFERENCES.map((ref) => `<li>${esc(ref)}</li>`).join("")}</ol>`,
    `</section>`,
  ].join("\n");
}

export function reproducibility(r: ReliabilityReport): string {
  const seedOption = r.options["seed"];
  const bootSeed = r.codes.find((c) => c.krippendorffAlpha.bootstrap)?.krippendorffAlpha.bootstrap?.seed;
  const seed = seedOption !== undefined && seedOption !== null ? String(seedOption) : bootSeed !== undefined ? String(bootSeed) : "none";
  const options = Object.entries(r.options).map(([k, v]) => [textCell(k), textCell(v === null ? "none" : String(v))]);
  const inputs = r.inputs.map((i) => [textCell(i.coder), { html: `<code>${esc(i.path)}</code>`, sort: i.path }, textCell(i.format), { html: `<code>${esc(i.sha256)}</code>`, sort: i.sha256 }]);
  return [
    `<section id="reproducibility"><h2>Reproducibility</h2>`,
    `<p>intercoder ${esc(r.tool.version)}; unit: ${esc(r.unit)}; random seed ${esc(seed)}. Running the same command on the same files gives a byte-identical report.</p>`,
    table("Options", [{ label: "Option" }, { label: "Value" }], options),
    table("Inputs", [{ label: "Coder" }, { label: "Input" }, { label: "Format" }, { label: "SHA-256" }], inputs),
    `</section>`,
  ].join("\n");
}
