import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { readCodebook } from "../../src/io/codebook.js";
import { join } from "node:path";
import { REAL_WORLD_DIR } from "../_paths.js";
import { caught, enc } from "../_helpers/errors.js";


const TEXT = "# codes of the QM study\n\nQM\nQM-robustness-fix\n  QM-robustness \nTrust\n";
const CSV = "code,parent,description\nQM,,quality measures\nQM-robustness-fix,QM-robustness,\nQM-robustness,QM,\nTrust,,\"trust in, or doubt of, the system\"\n";
const QDC = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="hand-written">
  <Codes>
    <Code guid="1" name="Themes" isCodable="false">
      <Code guid="2" name="QM" isCodable="true">
        <Description>quality measures</Description>
        <Code guid="3" name="QM-robustness-fix" isCodable="true"/>
        <Code guid="4" name="QM-robustness" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="5" name="Trust" isCodable="true"><Description>trust in, or doubt of, the system</Description></Code>
  </Codes>
</CodeBook>`;

describe("readCodebook", () => {
  it("gives the same codes from a text list, a CSV and a REFI-QDA .qdc", () => {
    const codes = (text: string): string[] => readCodebook(enc(text), { file: "cb" }).entries.filter((e) => e.codable !== false).map((e) => e.code);
    const expected = ["QM", "QM-robustness-fix", "QM-robustness", "Trust"];
    expect(codes(TEXT)).toEqual(expected);
    expect(codes(CSV)).toEqual(expected);
    expect(codes(QDC)).toEqual(expected);
    expect(codes("Code\nQM\nQM-robustness-fix\nQM-robustness\nTrust\n")).toEqual(expected);
    expect([TEXT, CSV, QDC].map((t) => readCodebook(enc(t), { file: "cb" }).format)).toEqual(["text", "csv", "qdc"]);
  });

  it("reads parents and descriptions from the CSV and from XML nesting; folders are parents, not codes", () => {
    expect(readCodebook(enc(CSV), { file: "cb.csv" }).entries).toEqual([
      { code: "QM", description: "quality measures" },
      { code: "QM-robustness-fix", parent: "QM-robustness" },
      { code: "QM-robustness", parent: "QM" },
      { code: "Trust", description: "trust in, or doubt of, the system" },
    ]);
    const qdc = readCodebook(enc(QDC), { file: "cb.qdc" });
    expect(qdc.entries).toEqual([
      { code: "Themes", codable: false },
      { code: "QM", parent: "Themes", description: "quality measures" },
      { code: "QM-robustness-fix", parent: "QM" },
      { code: "QM-robustness", parent: "QM" },
      { code: "Trust", description: "trust in, or doubt of, the system" },
    ]);
    expect(qdc.diagnostics).toEqual([]);
  });

  it("reports duplicates, unknown parents and cycles with their lines", () => {
    const csv = "code,parent\nA,B\nB,C\nC,A\nD,Nowhere\nA,\nE,E\n";
    const cb = readCodebook(enc(csv), { file: "cb.csv" });
    expect(cb.diagnostics!.map((d) => [d.code, d.line])).toEqual([
      ["CODEBOOK_DUPLICATE", 6], ["CODEBOOK_UNKNOWN_PARENT", 5], ["CODEBOOK_CYCLE", 2], ["CODEBOOK_CYCLE", 7],
    ]);
    expect(cb.entries).toEqual([{ code: "A" }, { code: "B", parent: "C" }, { code: "C", parent: "A" }, { code: "D", parent: "Nowhere" }, { code: "E" }]);
    const text = readCodebook(enc("X\nY\n\nX\n"), { file: "cb.txt" });
    expect(text.diagnostics!.map((d) => [d.code, d.line, d.message])).toEqual([["CODEBOOK_DUPLICATE", 4, 'code "X" is listed twice (first at line 1); the first entry is kept']]);
  });

  it("reads the codebook of a real NVivo project (60 codes, three levels)", () => {
    const zip = unzipSync(readFileSync(join(REAL_WORLD_DIR, "nvivo-win-oltas/oltas.qdpx")));
    const qde = strFromU8(zip["project.qde"]!);
    const names = [...qde.slice(qde.indexOf("<CodeBook"), qde.indexOf("</CodeBook>")).matchAll(/<Code [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
    const cb = readCodebook(zip["project.qde"]!, { file: "project.qde" });
    expect(cb.entries.map((e) => e.code)).toEqual(names.map((n) => n.replace(/&amp;/g, "&")));
    expect(cb.entries.length).toBe(60);
    expect(cb.entries.find((e) => e.code === "méreg")!.parent).toBe("Oltás kockázatai");
    expect(cb.entries.find((e) => e.code === "Oltás kockázatai")!.parent).toBe("2. Perceived Severity – Észlelt súlyosság");
  });

  it("fails clearly on XML that is broken or not a codebook, and on an empty codebook", () => {
    const broken = caught(() => readCodebook(enc('<?xml version="1.0"?>\n<CodeBook>\n<Codes>\n</CodeBook>'), { file: "b.qdc" }));
    expect([broken.code, broken.line]).toEqual(["QDC_INVALID_XML", 4]);
    const other = caught(() => readCodebook(enc("<html><body/></html>"), { file: "o.qdc" }));
    expect([other.code, other.message]).toEqual(["QDC_NOT_CODEBOOK", "the XML is not a REFI-QDA codebook (its root element is <html>, not <CodeBook>)"]);
    const unquoted = caught(() => readCodebook(enc("code,parent,description\nA,,one, two\n"), { file: "cb.csv" }));
    expect([unquoted.code, unquoted.line]).toEqual(["CSV_TOO_MANY_CELLS", 2]);
    for (const empty of ["", "# only a comment\n\n", "code,parent\n", "<CodeBook/>"]) {
      expect(caught(() => readCodebook(enc(empty), { file: "e" })).code).toBe("CODEBOOK_EMPTY");
    }
  });

  it("refuses an external entity and expands no entity", () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<CodeBook><Codes><Code name="&xxe;" isCodable="true"/></Codes></CodeBook>';
    const e = caught(() => readCodebook(enc(xxe), { file: "x.qdc" }));
    expect([e.code, e.line]).toEqual(["XML_ENTITY_REFUSED", 3]);
    const internal = '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY big "BIG">]>\n<CodeBook><Codes><Code name="&big;" isCodable="true"/><Code name="A &amp; B" isCodable="true"/><Code name="&#233;&#x1F600;" isCodable="true"/></Codes></CodeBook>';
    expect(readCodebook(enc(internal), { file: "i.qdc" }).entries.map((c) => c.code)).toEqual(["&big;", "A & B", "é😀"]);
  });
});
