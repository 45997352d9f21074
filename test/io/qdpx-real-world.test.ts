/**
 * The real NVivo exports in ../shared/real-world (see each PROVENANCE.md there for the facts
 * checked here). Each file is parsed once per reading mode.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { readQdpx, type QdpxProject } from "../../src/io/qdpx.js";
import { inspectSummary, renderInspect } from "../../src/io/inspect.js";

import { REAL_WORLD_DIR } from "../_paths.js";
const realWorld = REAL_WORLD_DIR;
const WIN_0517 = path.join(realWorld, "nvivo-win-oltas0517/oltas0517.qdpx");
const WIN = path.join(realWorld, "nvivo-win-oltas/oltas.qdpx");
const MAC = path.join(realWorld, "nvivo-mac-oltas-17june/OltasSzkepticizmus_17June.qdpx");

/** The stored .txt of a source, decoded independently of the importer (TextDecoder drops the BOM). */
function storedText(bytes: Uint8Array, entry: string): { raw: Uint8Array; text: string } {
  const raw = unzipSync(bytes, { filter: (f) => f.name === entry })[entry]!;
  return { raw, text: new TextDecoder("utf-8").decode(raw) };
}

/** Multiset of (source, code, selected text with CRLF → LF), as sorted strings. */
function sliceMultiset(p: QdpxProject, coder: string): string[] {
  return p.transcripts.filter((t) => t.coder === coder).flatMap((t) =>
    t.spans!.map((s) => `${t.name}\u0000${s.code}\u0000${t.text!.slice(s.start, s.end).replace(/\r\n/g, "\n")}`)).sort();
}

const isHigh = (c: number | undefined): boolean => c !== undefined && c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number | undefined): boolean => c !== undefined && c >= 0xdc00 && c <= 0xdfff;

describe("NVivo for Windows, two coders by selection (oltas0517)", () => {
  let bytes: Uint8Array;
  let bySelection: QdpxProject;
  let byCoding: QdpxProject;
  beforeAll(() => {
    bytes = readFileSync(WIN_0517);
    bySelection = readQdpx(bytes, { file: "oltas0517.qdpx" });
    byCoding = readQdpx(bytes, { file: "oltas0517.qdpx", coderFrom: "coding" });
  });

  it("reads users, 152 codes with one non-codable folder, and two text sources", () => {
    expect(bySelection.origin).toBe("NVivo for Windows 12.6");
    expect(bySelection.users).toEqual(["Gergo", "floriansipos"]);
    expect(bySelection.codes).toHaveLength(152);
    expect(bySelection.codes.filter((c) => !c.codable).map((c) => [c.path, c.parent ?? null])).toEqual([["Attituderoots", null]]);
    expect(Math.max(...bySelection.codes.map((c) => c.path.split(" > ").length))).toBe(4);
    expect(bySelection.sources.map((s) => [s.name, s.kind, s.textLength, s.selections])).toEqual([
      ["videos_selection", "text", 636385, 0],
      ["videos_10_selected", "text", 601382, 303],
    ]);
    expect(bySelection.diagnostics).toEqual([]);
  });

  it("takes coders from PlainTextSelection: floriansipos 297 selections, Gergo 6", () => {
    expect(bySelection.transcripts.map((t) => [t.name, t.coder, t.spans!.length])).toEqual([
      ["videos_10_selected", "Gergo", 6],
      ["videos_10_selected", "floriansipos", 297],
    ]);
    const gergo = bySelection.transcripts[0]!;
    expect([...new Set(gergo.spans!.map((s) => `${s.start}-${s.end}`))]).toEqual(["50648-50702", "50886-51128"]);
    expect(gergo.spans!.filter((s) => s.start === 50648)).toHaveLength(4);
    expect(bySelection.skipped.map((d) => d.code)).toEqual(["source-not-coded"]);
  });

  it("sees one coder when coders are read from Coding/@creatingUser", () => {
    expect(byCoding.transcripts.map((t) => [t.coder, t.spans!.length, t.codesUsed.length])).toEqual([["Gergo", 303, 76]]);
    expect(byCoding.skipped.map((d) => d.code)).toContain("one-coder");
  });

  it("keeps the stored text (BOM skipped, CRLF kept) from the capital-S Sources/ folder, so spans are text.slice", () => {
    const guid = bySelection.sources[1]!.guid;
    const { raw, text } = storedText(bytes, `Sources/${guid}.txt`);
    expect([raw[0], raw[1], raw[2]]).toEqual([0xef, 0xbb, 0xbf]);
    const t = bySelection.transcripts[0]!.text!;
    expect(t).toBe(text);
    expect(t.charCodeAt(0)).not.toBe(0xfeff);
    expect(t.includes("\r\n")).toBe(true);
    expect([...t].length).toBe(600490); // code points, per PROVENANCE
    for (const tr of bySelection.transcripts) {
      for (const s of tr.spans!) {
        expect(isLow(t.charCodeAt(s.start)) || isHigh(t.charCodeAt(s.end - 1))).toBe(false);
      }
    }
  });

  it("gives floriansipos the same selected texts as the NVivo-for-Mac export of the same project", () => {
    const mac = readQdpx(readFileSync(MAC), { file: "mac.qdpx" });
    const here = sliceMultiset(bySelection, "floriansipos");
    expect(here).toHaveLength(297);
    expect(sliceMultiset(mac, "floriansipos")).toEqual(here);
    // Mac export: lower-case sources/, LF, no BOM.
    const { raw, text } = storedText(readFileSync(MAC), `sources/${mac.sources[1]!.guid}.txt`);
    expect(raw[0]).not.toBe(0xef);
    expect(mac.transcripts[0]!.text).toBe(text);
    expect(text.includes("\r")).toBe(false);
    expect(mac.sources[1]!.textLength).toBe(586110);
    expect(mac.codes.filter((c) => !c.codable).map((c) => c.name)).toEqual(["Attituderoots"]);
    expect(mac.transcripts.map((t) => [t.coder, t.spans!.length, t.codesUsed.length])).toEqual([["floriansipos", 297, 72]]);
    expect(mac.skipped.map((d) => d.code)).toEqual(["user-without-codings", "source-not-coded", "one-coder"]);
  });

  it("inspect: two coders with their counts, agreement computable", () => {
    const summary = inspectSummary({ ...bySelection, format: "qdpx" });
    expect(summary.coders.map((c) => [c.name, c.spans, c.codesUsed])).toEqual([["Gergo", 6, 5], ["floriansipos", 297, 72]]);
    expect(summary.codes).toMatchObject({ declared: 152, codable: 151 });
    expect(summary.agreement).toEqual({ possible: true });
    expect(renderInspect(summary)).toContain("  Gergo: 1 transcript, 6 coded spans,");
  });
});

describe("NVivo for Windows, one coder (oltas)", () => {
  let project: QdpxProject;
  beforeAll(() => {
    project = readQdpx(readFileSync(WIN), { file: "oltas.qdpx" });
  });

  it("reads Gergo's 97 selections (NVivo put floriansipos on every Coding)", () => {
    expect(project.users).toEqual(["Gergo", "floriansipos"]);
    expect(project.codes).toHaveLength(60);
    expect(project.codes.every((c) => c.codable)).toBe(true);
    expect(project.transcripts.map((t) => [t.coder, t.spans!.length, t.codesUsed.length])).toEqual([["Gergo", 97, 30]]);
  });

  it("slices every selection at a line start without splitting a surrogate pair (UTF-16, CRLF = 2)", () => {
    const t = project.transcripts[0]!;
    const text = t.text!;
    expect(text.length).toBe(636385);
    for (const s of t.spans!) {
      expect(s.start === 0 || text[s.start - 1] === "\n").toBe(true);
      expect(isLow(text.charCodeAt(s.start)) || isHigh(text.charCodeAt(s.end - 1))).toBe(false);
    }
    expect(t.spans!.filter((s) => text.slice(s.start, s.end).includes("\r\n"))).toHaveLength(25);
  });

  it("says why agreement cannot be computed: one coder", () => {
    const one = project.skipped.find((d) => d.code === "one-coder")!;
    expect(one.message).toBe("only one coder coded: Gergo (97 codings in 1 of 1 text source); agreement needs at least two coders");
    const summary = inspectSummary({ ...project, format: "qdpx" });
    expect(summary.agreement).toEqual({ possible: false, reason: "only one coder (Gergo); agreement needs at least two" });
    const text = renderInspect(summary);
    expect(text).toContain("agreement: cannot be computed: only one coder (Gergo)");
    expect(text).toContain("users: 2 (Gergo, floriansipos)");
    expect(text).toContain("sources: 1 (1 text)");
  });
});
