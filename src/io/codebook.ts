/**
 * Codebooks (`--codebook`), detected from their content:
 *
 * - **REFI-QDA codebook** (`.qdc`, XML whose root is `CodeBook`, or a project `.qde` whose
 *   `Project` holds one): nested `<Code name isCodable>`
 *   elements; nesting gives each code its parent; a `<Description>` child its description. An
 *   entry with `isCodable="false"` is a folder: it is kept as a parent (`codable: false`) but is
 *   not a code. Parsed with fast-xml-parser with entity processing off (no entity expansion, no
 *   external access).
 * - **CSV** with a header that has a `code` column and a `parent` and/or `description` column
 *   (or a header that is just `code`).
 * - **Text list**: one code per line; blank lines and lines starting with `#` are skipped; lines
 *   are trimmed and inner whitespace collapsed.
 *
 * Problems that do not stop the analysis are diagnostics on the result (warnings): a code listed
 * twice (`CODEBOOK_DUPLICATE`, the first entry is kept), a parent that is not a code
 * (`CODEBOOK_UNKNOWN_PARENT`, kept as a parent), and a cycle of parents (`CODEBOOK_CYCLE`, the
 * parent link that closes the cycle is removed so the hierarchy is a tree).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InputError } from "../model/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Codebook, CodebookEntry } from "../model/transcript.js";
import { decodeUtf8, splitLines, normalizeWhitespace } from "./_text.js";
import { checkRecordWidth, cleanCell, findColumns, forEachCsvRecord, ProblemList, requireColumns } from "./_csv.js";
import { looksLikeCodebookCsv } from "./coded-csv.js";

export interface CodebookOptions {
  /** The path as the user gave it. */
  file: string;
}

interface Located {
  entry: CodebookEntry;
  line?: number;
  where?: string;
}

/**
 * Read a codebook in any of the three formats. Throws `InputError`: `NOT_UTF8`,
 * `CODEBOOK_EMPTY` (no code), `QDC_INVALID_XML` (with the line), `QDC_NOT_CODEBOOK` (XML whose root
 * is not a REFI-QDA CodeBook), and the CSV errors of `forEachCsvRecord`.
 *
 * @example
 * readCodebook(Buffer.from("code,parent\nQM,\nQM-fix,QM\n"), { file: "cb.csv" }).entries
 * // => [{ code: "QM" }, { code: "QM-fix", parent: "QM" }]
 */
export function readCodebook(bytes: Uint8Array, options: CodebookOptions): Codebook {
  const file = options.file;
  const text = decodeUtf8(bytes, file);
  const start = text.trimStart();
  let located: Located[];
  let format: "qdc" | "csv" | "text";
  if (start.startsWith("<")) {
    format = "qdc";
    located = readQdc(text, file);
  } else if (looksLikeCodebookCsv(firstContentLine(text)) || firstContentLine(text).trim().toLowerCase() === "code") {
    format = "csv";
    located = readCsvCodebook(bytes, file);
  } else {
    format = "text";
    located = readTextList(text);
  }
  const diagnostics: Diagnostic[] = [];
  const entries = checkEntries(located, file, diagnostics);
  if (!entries.some((e) => e.codable !== false)) {
    throw new InputError("CODEBOOK_EMPTY", "the codebook lists no code", {
      file, line: 1, hint: "list one code per line, or use a CSV with a code column",
    });
  }
  return { file, format, entries, diagnostics };
}

/** The first line that is not blank and not a `#` comment (what format detection looks at). */
function firstContentLine(text: string): string {
  for (const line of splitLines(text)) {
    const t = line.trim();
    if (t !== "" && !t.startsWith("#")) return line;
  }
  return "";
}

function readTextList(text: string): Located[] {
  const out: Located[] = [];
  splitLines(text).forEach((raw, i) => {
    const code = normalizeWhitespace(raw);
    if (code === "" || code.startsWith("#")) return;
    out.push({ entry: { code }, line: i + 1 });
  });
  return out;
}

function readCsvCodebook(bytes: Uint8Array, file: string): Located[] {
  const out: Located[] = [];
  const problems = new ProblemList(file);
  let cols: number[] | null = null;
  let width = 0;
  forEachCsvRecord(bytes, file, (fields, line) => {
    if (cols === null) {
      if (fields.length === 1 && fields[0]!.trim().startsWith("#")) return true;
      const header = fields.map((f) => f.trim());
      const found = findColumns(header, ["code", "parent", "description"]);
      requireColumns(header, ["code"], [found[0]!], file, line, "a codebook CSV has the header code,parent,description");
      cols = found;
      width = header.length;
      return true;
    }
    if (!checkRecordWidth(fields, width, line, problems)) return !problems.full;
    const code = cleanCell(fields[cols[0]!]);
    if (code === "") return true;
    const parent = cols[1] === -1 ? "" : cleanCell(fields[cols[1]!]);
    const description = cols[2] === -1 ? "" : cleanCell(fields[cols[2]!]);
    const entry: CodebookEntry = { code };
    if (parent !== "") entry.parent = parent;
    if (description !== "") entry.description = description;
    out.push({ entry, line });
    return true;
  });
  problems.throwIfAny();
  return out;
}

interface XmlCode {
  "@_name"?: string;
  "@_isCodable"?: string;
  Description?: unknown;
  Code?: XmlCode[];
}

function readQdc(text: string, file: string): Located[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InputError("QDC_INVALID_XML", `the codebook is not well-formed XML: ${valid.err.msg}`, {
      file, line: valid.err.line, hint: "export the codebook again from the QDA program (REFI-QDA codebook, .qdc)",
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    processEntities: false,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === "Code",
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    // fast-xml-parser refuses external entities (and some DOCTYPE forms) by throwing.
    const message = e instanceof Error ? e.message : String(e);
    const entity = text.search(/<!ENTITY/);
    const line = entity === -1 ? 1 : text.slice(0, entity).split("\n").length;
    throw new InputError(entity === -1 ? "QDC_INVALID_XML" : "XML_ENTITY_REFUSED", `the codebook XML cannot be read safely: ${message.toLowerCase()}`, {
      file, line, hint: "remove the DOCTYPE and its entity declarations; REFI-QDA codebooks need none",
    });
  }
  // A .qdc has <CodeBook> at the root; a project's .qde holds it under <Project>.
  const project = doc["Project"] as { CodeBook?: unknown } | undefined;
  const found: unknown = doc["CodeBook"] ?? (typeof project === "object" && project !== null ? project.CodeBook : undefined);
  if (found === undefined || found === null) {
    const root = Object.keys(doc).filter((k) => !k.startsWith("?"))[0] ?? "(none)";
    throw new InputError("QDC_NOT_CODEBOOK", `the XML is not a REFI-QDA codebook (its root element is <${root}>, not <CodeBook>)`, {
      file, line: 1, hint: "give a .qdc codebook; for a whole project (.qdpx) its codebook is read from the project",
    });
  }
  const book = (typeof found === "object" ? found : {}) as { Codes?: { Code?: XmlCode[] } }; // <CodeBook/> parses as ""
  const codesNode = typeof book.Codes === "object" && book.Codes !== null ? book.Codes : {};
  const out: Located[] = [];
  const visit = (codes: readonly XmlCode[], parent: string | undefined, path: string): void => {
    codes.forEach((c, i) => {
      const where = `${path}/Code[${i + 1}]`;
      const name = normalizeWhitespace(decodeXmlEntities(String(c["@_name"] ?? "")));
      if (name === "") {
        visit(Array.isArray(c.Code) ? c.Code : [], parent, where);
        return;
      }
      const entry: CodebookEntry = { code: name };
      if (parent !== undefined) entry.parent = parent;
      const description = descriptionText(c.Description);
      if (description !== "") entry.description = description;
      if (String(c["@_isCodable"] ?? "true").toLowerCase() === "false") entry.codable = false;
      out.push({ entry, where });
      visit(Array.isArray(c.Code) ? c.Code : [], name, where);
    });
  };
  visit(codesNode.Code ?? [], undefined, "CodeBook/Codes");
  return out;
}

function descriptionText(node: unknown): string {
  if (typeof node === "string") return normalizeWhitespace(decodeXmlEntities(node));
  if (node !== null && typeof node === "object" && "#text" in node) return normalizeWhitespace(decodeXmlEntities(String((node as { "#text": unknown })["#text"])));
  return "";
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decode XML's five predefined entities and character references (entity processing is off in
 * the parser, so nothing declared in a DOCTYPE is ever expanded); anything else stays as written.
 */
export function decodeXmlEntities(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return PREDEFINED[name]!;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** Drop duplicates, flag unknown parents, break cycles. */
function checkEntries(located: readonly Located[], file: string, diagnostics: Diagnostic[]): CodebookEntry[] {
  const byCode = new Map<string, Located>();
  const at = (l: Located): { line?: number; where?: string } => ({
    ...(l.line !== undefined ? { line: l.line } : {}), ...(l.where !== undefined ? { where: l.where } : {}),
  });
  for (const l of located) {
    const before = byCode.get(l.entry.code);
    if (before !== undefined) {
      const first = before.line !== undefined ? `line ${before.line}` : before.where ?? "before";
      diagnostics.push({ severity: "warning", code: "CODEBOOK_DUPLICATE", file, ...at(l),
        message: `code "${l.entry.code}" is listed twice (first at ${first}); the first entry is kept` });
      continue;
    }
    byCode.set(l.entry.code, l);
  }
  for (const l of byCode.values()) {
    const parent = l.entry.parent;
    if (parent !== undefined && !byCode.has(parent)) {
      diagnostics.push({ severity: "warning", code: "CODEBOOK_UNKNOWN_PARENT", file, ...at(l),
        message: `the parent "${parent}" of code "${l.entry.code}" is not a code in the codebook; it is kept as a parent` });
    }
  }
  const entries = [...byCode.values()].map((l) => ({ ...l.entry }));
  const parentOf = new Map(entries.map((e) => [e.code, e]));
  for (const e of entries) {
    // Walk up from e; meeting e again means its parent link closes a cycle.
    const seen = new Set<string>([e.code]);
    let p = e.parent;
    while (p !== undefined) {
      if (p === e.code) {
        const l = byCode.get(e.code)!;
        diagnostics.push({ severity: "warning", code: "CODEBOOK_CYCLE", file, ...at(l),
          message: `code "${e.code}" is its own ancestor (parents form a cycle); its parent "${e.parent}" is dropped` });
        delete e.parent;
        break;
      }
      if (seen.has(p)) break;
      seen.add(p);
      p = parentOf.get(p)?.parent;
    }
  }
  return entries;
}
