import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/model/errors.js";
import { readQde, readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx, type QdpxWriteCoding } from "../../src/io/qdpx-write.js";

const enc = new TextEncoder();

/** Run `f` and return the InputError it throws (fails the test otherwise). */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

/** Set the uncompressed size that the central directory declares for `name`. */
function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let o = 0; o + 46 < out.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50) continue;
    const n = view.getUint16(o + 28, true);
    if (new TextDecoder().decode(out.subarray(o + 46, o + 46 + n)) === name) {
      view.setUint32(o + 24, size, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

// Three turns; offsets hand-counted (line 1: [0, 26), line 2: [27, 53), line 3: [54, 84)).
const TEXT = "Interviewer: How was work?\nParticipant: Hard but fun.\nInterviewer: Why fun, exactly?";
const CODINGS: QdpxWriteCoding[] = [
  { coder: "Ann", code: "work", start: 13, end: 26 },
  { coder: "Ann", code: "emotion", start: 40, end: 53 }, // "Hard but fun."
  { coder: "Ben", code: "work", start: 0, end: 26 },
  { coder: "Ben", code: "emotion", start: 40, end: 56 }, // reaches into turn 3 by 2 units ("In")
  { coder: "Cy", code: "work", start: 20, end: 24 },
  { coder: "Cy", code: "work", start: 20, end: 24 }, // repeated: counts once
];
const USERS = ["Ann", "Ben", "Cy"];
const CODES = ["work", "emotion"];

function turnCodes(p: ReturnType<typeof readQdpx>): Record<string, string[][]> {
  return Object.fromEntries(p.transcripts.map((t) => [t.coder, t.turns.map((turn) => turn.codes)]));
}

describe("readQdpx on projects written by writeQdpx", () => {
  const shared = readQdpx(writeQdpx({ users: USERS, codes: CODES, sources: [{ name: "T1", text: TEXT, codings: CODINGS }] }), { file: "shared.qdpx" });

  it("round-trips users, codes, text and spans", () => {
    expect(TEXT.slice(13, 26)).toBe("How was work?");
    expect(TEXT.slice(40, 53)).toBe("Hard but fun.");
    expect(TEXT.slice(54, 56)).toBe("In");
    expect(shared.users).toEqual(USERS);
    expect(shared.codes.map((c) => [c.name, c.path, c.codable])).toEqual([["work", "work", true], ["emotion", "emotion", true]]);
    expect(shared.sources).toEqual([{ name: "T1", guid: expect.any(String), kind: "text", textLength: 84, selections: 5 }]); // Cy's repeated coding shares one selection
    expect(shared.transcripts.map((t) => [t.name, t.coder, t.format, t.file, t.text === TEXT])).toEqual([
      ["T1", "Ann", "qdpx", "shared.qdpx", true],
      ["T1", "Ben", "qdpx", "shared.qdpx", true],
      ["T1", "Cy", "qdpx", "shared.qdpx", true],
    ]);
    expect(shared.transcripts[0]!.spans).toEqual([{ start: 13, end: 26, code: "work" }, { start: 40, end: 53, code: "emotion" }]);
    expect(shared.transcripts[2]!.spans).toEqual([{ start: 20, end: 24, code: "work" }]);
    expect(shared.diagnostics).toEqual([]);
    expect(shared.skipped).toEqual([]);
  });

  it("marks a code present on every turn a selection overlaps by at least one unit", () => {
    expect(turnCodes(shared)).toEqual({
      Ann: [["work"], ["emotion"], []],
      Ben: [["work"], ["emotion"], ["emotion"]],
      Cy: [["work"], [], []],
    });
    expect(shared.transcripts.map((t) => t.codesUsed)).toEqual([["emotion", "work"], ["emotion", "work"], ["work"]]);
  });

  it("gives the same result for MAXQDA's one-copy-per-coder convention", () => {
    const copies = USERS.map((u) => ({ name: "T1", text: TEXT, codings: CODINGS.filter((c) => c.coder === u) }));
    const maxqda = readQdpx(writeQdpx({ users: USERS, codes: CODES, sources: copies }), { file: "maxqda.qdpx" });
    expect(maxqda.sources).toHaveLength(3);
    const strip = (p: typeof shared) => p.transcripts.map(({ file: _file, ...t }) => t);
    expect(strip(maxqda)).toEqual(strip(shared));
  });

  it("reports an uncoded copy and a span that lies only between turns", () => {
    const text = "Interviewer: a\n\n\nParticipant: b";
    // Line 1 is [0, 14); the blank lines are units 14–16; "Participant" starts at 17.
    const p = readQdpx(writeQdpx({
      users: ["Ann", "Ben"], codes: ["x"],
      sources: [
        { name: "T", text, codings: [{ coder: "Ann", code: "x", start: 14, end: 17 }, { coder: "Ann", code: "x", start: 16, end: 18 }] },
        { name: "T", text, codings: [{ coder: "Ben", code: "x", start: 0, end: 1 }] },
        { name: "T", text, codings: [] },
      ],
    }), { file: "c.qdpx" });
    expect(p.skipped.map((d) => d.code)).toEqual(["copy-not-coded"]);
    expect(p.skipped[0]!.message).toContain('1 of the 3 sources named "T" has no codings');
    const ann = p.transcripts[0]!;
    expect(ann.turns.map((t) => t.codes)).toEqual([[], ["x"]]);
    expect(ann.diagnostics.map((d) => [d.code, d.message])).toEqual([["span-between-turns", '1 coded span of Ann in "T" covers only blank text between turns and marks no turn']]);
  });

  it("is byte-identical on a second run", () => {
    const a = writeQdpx({ users: USERS, codes: CODES, sources: [{ name: "T1", text: TEXT, codings: CODINGS }] });
    const b = writeQdpx({ users: USERS, codes: CODES, sources: [{ name: "T1", text: TEXT, codings: CODINGS }] });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("reads offsets as UTF-16 units after an emoji", () => {
    const text = "Participant: I love 🍕 pizza\nInterviewer: Why pizza?";
    // Hand-counted: "Participant: I love " = 20 units, the emoji 2, a space: "pizza" = [23, 28); line 2 starts at 29, "Why" = [42, 45).
    const p = readQdpx(writeQdpx({
      users: ["Ann"], codes: ["food", "question"],
      sources: [{ name: "E", text, codings: [{ coder: "Ann", code: "food", start: 23, end: 28 }, { coder: "Ann", code: "question", start: 42, end: 45 }] }],
    }), { file: "e.qdpx" });
    const t = p.transcripts[0]!;
    expect(t.spans!.map((s) => t.text!.slice(s.start, s.end))).toEqual(["pizza", "Why"]);
    expect(t.turns.map((turn) => turn.codes)).toEqual([["food"], ["question"]]);
  });

  it("keeps a BOM-less text with CRLF from a Sources/ folder with a BOM, and inline text with CR", () => {
    const text = "Interviewer: a\r\nParticipant: b";
    const codings = [{ coder: "Ann", code: "x", start: 29, end: 30 }];
    const fromFile = readQdpx(writeQdpx({ users: ["Ann"], codes: ["x"], sourcesFolder: "Sources", sources: [{ name: "S", text, codings, bom: true }] }), { file: "w.qdpx" });
    const inline = readQdpx(writeQdpx({ users: ["Ann"], codes: ["x"], sources: [{ name: "S", text, codings, inline: true }] }), { file: "i.qdpx" });
    for (const p of [fromFile, inline]) {
      const t = p.transcripts[0]!;
      expect(t.text).toBe(text);
      expect(t.text!.slice(29, 30)).toBe("b");
      expect(t.turns.map((turn) => [turn.speaker, turn.codes])).toEqual([["Interviewer", []], ["Participant", ["x"]]]);
    }
  });

  it("reads the code hierarchy and skips codings on folders that are not codable", () => {
    const p = readQdpx(writeQdpx({
      users: ["Ann", "Ben"],
      codes: [{ name: "Roots", codable: false }, { name: "A", parent: "Roots" }, { name: "Other", parent: "Roots" }, { name: "B" }],
      sources: [{ name: "S", text: "Interviewer: x", codings: [{ coder: "Ann", code: "Roots", start: 0, end: 5 }, { coder: "Ann", code: "Roots", start: 6, end: 9 }, { coder: "Ben", code: "A", start: 0, end: 5 }] }],
    }), { file: "h.qdpx" });
    expect(p.codes.map((c) => [c.id, c.path, c.parent ?? null, c.codable])).toEqual([
      ["Roots", "Roots", null, false],
      ["A", "Roots > A", "Roots", true],
      ["Other", "Roots > Other", "Roots", true],
      ["B", "B", null, true],
    ]);
    expect(p.transcripts.map((t) => [t.coder, t.codesUsed])).toEqual([["Ben", ["A"]]]);
    expect(p.skipped.map((d) => d.code)).toEqual(["codes-on-non-codable", "user-without-codings", "one-coder"]);
    expect(p.skipped[0]!.message).toContain('2 codings on "Roots"');
  });

  it("reports selections outside their text, with the element's guid", () => {
    const p = readQdpx(writeQdpx({
      users: ["Ann", "Ben"], codes: ["x"],
      sources: [{ name: "S", text: "Interviewer: hello", codings: [
        { coder: "Ann", code: "x", start: -1, end: 3 },
        { coder: "Ann", code: "x", start: 9, end: 4 },
        { coder: "Ben", code: "x", start: 10, end: 19 },
        { coder: "Ben", code: "x", start: 13, end: 18 },
      ] }],
    }), { file: "o.qdpx" });
    expect(p.diagnostics.map((d) => [d.code, d.where])).toEqual([
      ["selection-outside-text", "PlainTextSelection guid=00000004-0000-4000-8000-000000000001"],
      ["selection-outside-text", "PlainTextSelection guid=00000004-0000-4000-8000-000000000002"],
      ["selection-outside-text", "PlainTextSelection guid=00000004-0000-4000-8000-000000000003"],
    ]);
    expect(p.diagnostics[2]!.message).toContain("[10, 19)");
    expect(p.diagnostics[2]!.file).toBe("o.qdpx");
    expect(p.transcripts.map((t) => [t.coder, t.spans])).toEqual([["Ben", [{ start: 13, end: 18, code: "x" }]]]);
  });
});

/** A hand-written project.qde with inline text: Ann and Ben's GUIDs in different spellings. */
function qde(selections: string, extra = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="hand">
  <Users>
    <User guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Ann"/>
    <User guid="aaaaaaaa-0000-0000-0000-000000000002" name="Ben"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="C0000000-0000-0000-0000-000000000001" name="Q&amp;A" isCodable="true"/>
    <Code guid="c0000000-0000-0000-0000-000000000002" name="y" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="s1" name="S"><PlainTextContent>Interviewer: one &amp; two</PlainTextContent>${selections}</TextSource>${extra}
  </Sources>
</Project>`;
}
const ANN = "aaaaaaaa-0000-0000-0000-000000000001";
const BEN = "{AAAAAAAA-0000-0000-0000-000000000002}";
const sel = (user: string | null, codings: [string | null, string][], start = 13, end = 16): string =>
  `<PlainTextSelection guid="g" startPosition="${start}" endPosition="${end}"${user ? ` creatingUser="${user}"` : ""}>` +
  codings.map(([u, code]) => `<Coding guid="c"${u ? ` creatingUser="${u}"` : ""}><CodeRef targetGUID="${code}"/></Coding>`).join("") +
  `</PlainTextSelection>`;
const QA = "c0000000-0000-0000-0000-000000000001";
const Y = "{C0000000-0000-0000-0000-000000000002}";

describe("readQde: coders and GUIDs", () => {
  const coders = (xml: string, coderFrom?: "selection" | "coding") =>
    readQde(xml, { file: "p.qde", ...(coderFrom ? { coderFrom } : {}) }).transcripts.map((t) => [t.coder, t.codesUsed]);

  it("takes the coder from the selection, not from the coding (NVivo writes the code's creator there)", () => {
    const xml = qde(sel(ANN, [[BEN, QA]]) + sel(BEN, [[BEN, Y]], 17, 20));
    expect(coders(xml)).toEqual([["Ann", ["Q&A"]], ["Ben", ["y"]]]);
    expect(coders(xml, "coding")).toEqual([["Ben", ["Q&A", "y"]]]);
    expect(coders(xml, "selection")).toEqual([["Ann", ["Q&A"]], ["Ben", ["y"]]]);
  });

  it("uses the coding's creator when the selection has none or its codings have different creators", () => {
    expect(coders(qde(sel(null, [[BEN, QA]])))).toEqual([["Ben", ["Q&A"]]]);
    expect(coders(qde(sel(ANN, [[ANN, QA], [BEN, Y]])))).toEqual([["Ann", ["Q&A"]], ["Ben", ["y"]]]);
    expect(coders(qde(sel(ANN, [[ANN, QA], [BEN, Y]])), "selection")).toEqual([["Ann", ["Q&A", "y"]]]);
  });

  it("tells codes with the same name apart by their path", () => {
    const xml = qde(sel(ANN, [[null, "d2"]]) + sel(BEN, [[null, "d1"]])).replace("<Codes>",
      `<Codes><Code guid="p1" name="P1"><Code guid="d1" name="Other"/></Code><Code guid="p2" name="P2"><Code guid="{D2}" name="Other"/></Code>`);
    const p = readQde(xml, { file: "p.qde" });
    expect(p.codes.slice(0, 4).map((c) => [c.id, c.parent ?? null])).toEqual([["P1", null], ["P1 > Other", "P1"], ["P2", null], ["P2 > Other", "P2"]]);
    expect(p.diagnostics.map((d) => d.code)).toEqual(["duplicate-code-name"]);
    expect(p.transcripts.map((t) => [t.coder, t.codesUsed])).toEqual([["Ann", ["P2 > Other"]], ["Ben", ["P1 > Other"]]]);
  });

  it("decodes entities in attributes and text", () => {
    const p = readQde(qde(sel(ANN, [[null, QA]])), { file: "p.qde" });
    expect(p.transcripts[0]!.text).toBe("Interviewer: one & two");
    expect(p.transcripts[0]!.text!.slice(13, 16)).toBe("one");
  });

  it("reports unknown users and codes, and non-text sources as skipped", () => {
    const extra = `<PDFSource guid="p1" name="Scan"><PDFSelection guid="ps" page="1"/></PDFSource>` +
      `<TextSource guid="s2" name="Ext" plainTextPath="internal://s2.txt"/>`;
    const p = readQde(qde(sel("dddddddd-0000-0000-0000-000000000009", [[null, QA]]) + sel(ANN, [[null, "nope"]]), extra), { file: "p.qde" });
    expect(p.diagnostics.map((d) => d.code)).toEqual(["unknown-user", "unknown-code"]);
    expect(p.transcripts.map((t) => t.coder)).toEqual(["user dddddddd-0000-0000-0000-000000000009"]);
    expect(p.sources.map((s) => [s.name, s.kind, s.selections])).toEqual([["S", "text", 2], ["Scan", "pdf", 1], ["Ext", "text", 0]]);
    expect(p.skipped.map((d) => d.code)).toEqual(["non-text-source", "source-without-text", "user-without-codings", "user-without-codings", "one-coder"]);
    expect(p.skipped[1]!.message).toContain("internal://s2.txt is not in the archive");
  });

  it("reports a project with no codings", () => {
    const p = readQde(qde(""), { file: "p.qde" });
    expect(p.transcripts).toEqual([]);
    expect(p.skipped.map((d) => d.code)).toEqual(["user-without-codings", "user-without-codings", "source-not-coded", "no-codings"]);
    expect(p.skipped[3]!.message).toContain("2 users, 1 source (1 with text)");
  });
});

describe("bad input", () => {
  const good = writeQdpx({ users: ["Ann"], codes: ["x"], sources: [{ name: "S", text: "Interviewer: x", codings: [] }] });

  it("refuses a zip entry with a path outside the archive (ZIP_UNSAFE_PATH)", () => {
    for (const name of ["../evil.txt", "sources/../../evil.txt", "/etc/passwd", "C:/x.txt"]) {
      const zip = zipSync({ "project.qde": enc.encode(qde("")), [name]: enc.encode("x") });
      const e = inputError(() => readQdpx(zip, { file: "slip.qdpx" }));
      expect([e.code, e.where, e.file]).toEqual(["ZIP_UNSAFE_PATH", name, "slip.qdpx"]);
    }
  });

  it("refuses a zip bomb by its declared size and by its actual size (ZIP_BOMB)", () => {
    const declared = patchDeclaredSize(good, "project.qde", 0xf0000000);
    expect(inputError(() => readQdpx(declared, { file: "b.qdpx" })).code).toBe("ZIP_BOMB");
    // 8 MB of zeros deflate to a few KB; the directory claims 1,000 bytes.
    const bomb = zipSync({ "project.qde": new Uint8Array(8_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    const e = inputError(() => readQdpx(patchDeclaredSize(bomb, "project.qde", 1000), { file: "b.qdpx" }));
    expect([e.code, e.message]).toEqual(["ZIP_BOMB", 'entry "project.qde" inflates to more than the 1000 bytes it declares']);
    expect(inputError(() => readQdpx(good, { file: "b.qdpx", limits: { maxTotalBytes: 100 } })).code).toBe("ZIP_BOMB");
    expect(inputError(() => readQdpx(good, { file: "b.qdpx", limits: { maxEntries: 1 } })).code).toBe("ZIP_TOO_MANY_ENTRIES");
  });

  it("refuses XML with a DOCTYPE that declares entities (XML_ENTITY)", () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0">&x;</Project>`;
    const e = inputError(() => readQde(xml, { file: "e.qde" }));
    expect([e.code, e.line]).toEqual(["XML_ENTITY", 2]);
    const zip = zipSync({ "project.qde": enc.encode(xml) });
    expect(inputError(() => readQdpx(zip, { file: "e.qdpx" })).code).toBe("XML_ENTITY");
    const lol = `<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><Project>&b;</Project>`;
    expect(inputError(() => readQde(lol, { file: "l.qde" })).code).toBe("XML_ENTITY");
  });

  it("refuses a broken zip (ZIP_BROKEN)", () => {
    expect(inputError(() => readQdpx(good.subarray(0, good.length >> 1), { file: "t.qdpx" })).code).toBe("ZIP_BROKEN");
    expect(inputError(() => readQdpx(new Uint8Array([1, 2, 3, 4, 5]), { file: "t.qdpx" })).code).toBe("ZIP_BROKEN");
    const corrupt = good.slice();
    // The first entry (sources/<guid>.txt, a 48-character name) has its data at 30 + 48 = 78.
    expect(new TextDecoder().decode(good.subarray(30, 78))).toBe("sources/00000003-0000-4000-8000-000000000001.txt");
    corrupt[80] = corrupt[80]! ^ 0xff;
    expect(inputError(() => readQdpx(corrupt, { file: "t.qdpx" })).code).toBe("ZIP_BROKEN");
  });

  it("refuses XML that is not a REFI-QDA project (QDPX_NOT_REFI) or not well-formed (XML_MALFORMED)", () => {
    const e = inputError(() => readQde(`<?xml version="1.0"?><html><body/></html>`, { file: "h.qde" }));
    expect([e.code, e.file]).toEqual(["QDPX_NOT_REFI", "h.qde"]);
    expect(inputError(() => readQdpx(zipSync({ "project.qde": enc.encode("<Other/>") }), { file: "o.qdpx" })).code).toBe("QDPX_NOT_REFI");
    const m = inputError(() => readQde(`<Project>\n<Users>\n</Project>`, { file: "m.qde" }));
    expect([m.code, m.line]).toEqual(["XML_MALFORMED", 3]);
  });

  it("refuses an archive without project.qde (QDPX_NO_PROJECT)", () => {
    const e = inputError(() => readQdpx(zipSync({ "sources/a.txt": enc.encode("x") }), { file: "n.qdpx" }));
    expect(e.code).toBe("QDPX_NO_PROJECT");
  });

  it("reads bare .qde bytes given as a .qdpx, and refuses source text that is not UTF-8", () => {
    expect(readQdpx(enc.encode(qde(sel(ANN, [[null, QA]]))), { file: "p.qdpx" }).transcripts).toHaveLength(1);
    const latin1 = zipSync({ "project.qde": enc.encode(qde("", `<TextSource guid="s3" name="L" plainTextPath="internal://l.txt"/>`)), "sources/l.txt": new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    const e = inputError(() => readQdpx(latin1, { file: "l.qdpx" }));
    expect([e.code, e.where, e.file]).toEqual(["NOT_UTF8", "sources/l.txt", "l.qdpx"]);
  });
});
