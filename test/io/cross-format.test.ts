/**
 * Issue 4, "Done when": the same codings given in every format give the same units and, per
 * unit, the same set of codes per coder (the presence data every per-code coefficient is
 * computed from). The formats are built from the Delve example study by `buildAllFormats`.
 */
import { describe, expect, it } from "vitest";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { readLongCodedCsv, writeLongCodedCsv } from "../../src/io/coded-csv.js";
import type { AlignedTranscript } from "../../src/model/aligned.js";
import { buildAllFormats, CODERS, delveStudy, FORMATS, TAGUETTE_AMBIGUOUS } from "./_all-formats.js";

/** `turn → coder → codes` (null: the coder has no matching turn), from an alignment. */
function presence(aligned: AlignedTranscript): Record<number, Record<string, readonly string[] | null>> {
  const out: Record<number, Record<string, readonly string[] | null>> = {};
  for (const unit of aligned.units) {
    out[unit.turn] = Object.fromEntries(aligned.coders.map((c, k) => [c, unit.codes[k] ?? null]));
  }
  return out;
}

/** Every (turn, coder, code) present in `a` but not in `b`, and the reverse. */
function differences(a: ReturnType<typeof presence>, b: ReturnType<typeof presence>): { missing: [number, string, string][]; added: [number, string, string][] } {
  const missing: [number, string, string][] = [];
  const added: [number, string, string][] = [];
  for (const turn of new Set([...Object.keys(a), ...Object.keys(b)].map(Number))) {
    for (const coder of CODERS) {
      const x = a[turn]?.[coder] ?? [];
      const y = b[turn]?.[coder] ?? [];
      for (const code of x) if (!y.includes(code)) missing.push([turn, coder, code]);
      for (const code of y) if (!x.includes(code)) added.push([turn, coder, code]);
    }
  }
  return { missing, added };
}

describe("the example study in every format", () => {
  const all = buildAllFormats();
  const aligned = Object.fromEntries(FORMATS.map((f) => [f, alignTranscripts(all[f][0]!)])) as Record<(typeof FORMATS)[number], AlignedTranscript>;
  const reference = presence(aligned.delve);

  it("aligns every format into the same 131 units of the same three coders, by turn number", () => {
    for (const format of FORMATS) {
      const a = aligned[format];
      expect([format, a.name, a.coders, a.units.length, a.method]).toEqual([format, "Interview 35 - Ilan", ["a", "b", "c"], 131, "by-number"]);
      expect(a.units.map((u) => u.turn)).toEqual(Array.from({ length: 131 }, (_, i) => i + 1));
      expect(Object.values(a.unmatched).flat()).toEqual([]);
      expect(Object.values(a.extra).flat()).toEqual([]);
    }
  });

  it("the Delve codings are what the example's README says they are", () => {
    expect(all.delve[0]!.map((t) => t.spans!.length)).toEqual([47, 46, 48]);
    // data/README.md: on T11 coder b swaps Data-missing-values for its sibling Data-missing-value-fix
    // and coder c drops Data-noisy-features; on T82 coder b adds MLP-vendor-lock-in.
    expect(reference[11]).toEqual({
      a: ["Data-missing-values", "Data-noisy-features"],
      b: ["Data-missing-value-fix", "Data-noisy-features"],
      c: ["Data-missing-values"],
    });
    expect(reference[82]!.b).toEqual(["MLP-vendor-lock-in"]);
  });

  for (const format of ["qdpx-shared", "qdpx-per-coder", "csv-long"] as const) {
    it(`${format} gives every coder the same codes on every unit as the Delve exports`, () => {
      expect(presence(aligned[format])).toEqual(reference);
    });
  }

  it("the MAXQDA-style project really has three different copies (coder c's with CRLF, a BOM and a fixed typo)", () => {
    const copies = all["qdpx-per-coder"][0]!;
    expect(copies.map((t) => t.coder)).toEqual(["a", "b", "c"]);
    expect(copies[0]!.text).toBe(copies[1]!.text);
    expect(copies[2]!.text).not.toBe(copies[0]!.text);
    expect(copies[2]!.text!.includes("\r\n")).toBe(true);
    expect(copies[0]!.text!.includes("matching learning")).toBe(true);
    expect(aligned["qdpx-per-coder"].textDifferences.map((d) => [d.coder, d.turn])).toEqual([["c", 3]]);
    // The shared project has one source for all three.
    expect(new Set(all["qdpx-shared"][0]!.map((t) => t.text)).size).toBe(1);
  });

  it("taguette gives the same codes everywhere except the highlights it reports as ambiguous", () => {
    const { missing, added } = differences(reference, presence(aligned.taguette));
    expect(added).toEqual([]);
    expect(missing).toEqual(TAGUETTE_AMBIGUOUS);
    const reported = all.taguette[0]!.flatMap((t) => t.diagnostics.map((d) => [t.coder, d.code, d.message.match(/\(turn (\d+);/)?.[1]]));
    expect(reported).toEqual([
      ["a", "taguette-ambiguous", "72"],
      ["b", "taguette-ambiguous", "82"],
      ["c", "taguette-ambiguous", "72"],
    ]);
  });

  it("taguette puts each highlight on the paragraph the coder coded (paragraph codes equal Delve's, ambiguous ones aside)", () => {
    const delve = all.delve[0]!;
    const lost = new Set(TAGUETTE_AMBIGUOUS.map(([turn, coder, code]) => `${turn}/${coder}/${code}`));
    all.taguette[0]!.forEach((t, k) => {
      const fromDelve = delve[k]!.turns.flatMap((turn) => turn.paragraphs.map((p) => p.codes.filter((c) => !lost.has(`${turn.number}/${t.coder}/${c}`)).sort()));
      expect(t.turns.flatMap((turn) => turn.paragraphs.map((p) => p.codes))).toEqual(fromDelve);
    });
  });
});

describe("the long CSV as Delve spec §10 writes it", () => {
  it("loses exactly the turns nobody coded, which `uncodedRows` keeps", () => {
    const delve = delveStudy();
    const aligned = alignTranscripts(delve);
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    const plain = alignTranscripts(readLongCodedCsv(enc(writeLongCodedCsv([aligned])), { file: "spec10.csv" }));
    const coded = aligned.units.filter((u) => u.codes.some((c) => c !== null && c.length > 0)).map((u) => u.turn);
    expect(plain.units.map((u) => u.turn)).toEqual(coded);
    expect(coded.length).toBeLessThan(131);
    // On the units it keeps, the codes are the same.
    const full = presence(aligned);
    expect(presence(plain)).toEqual(Object.fromEntries(coded.map((turn) => [turn, full[turn]])));
  });
});
