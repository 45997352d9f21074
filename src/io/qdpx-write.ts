/**
 * A minimal REFI-QDA project writer: users, a CodeBook (with optional nesting), text sources
 * stored in the archive's `sources/` folder (or inline as `PlainTextContent`) and their coded
 * selections. It builds the same codings as a shared-document project (one source, several
 * users) or in MAXQDA's intercoder convention (one copy of the source per coder, same name).
 * Output is deterministic: GUIDs are numbered, zip timestamps fixed.
 */
import { zipSync } from "fflate";
import { escapeXmlAttr, escapeXmlText } from "./_xml.js";

export interface QdpxWriteCode {
  name: string;
  /** Name of the parent code (which must come earlier in the list). */
  parent?: string;
  /** False for a folder that is not a code. Default true. */
  codable?: boolean;
}

export interface QdpxWriteCoding {
  /** User name (must be in `users`). */
  coder: string;
  /** Code name (must be in `codes`). */
  code: string;
  /** 0-based, end-exclusive UTF-16 offsets into the source text. */
  start: number;
  end: number;
}

export interface QdpxWriteSource {
  name: string;
  text: string;
  codings: readonly QdpxWriteCoding[];
  /** Write the text inside the XML (`PlainTextContent`) instead of as a file. */
  inline?: boolean;
  /** Start the text file with a UTF-8 byte-order mark (as NVivo for Windows does). */
  bom?: boolean;
}

export interface QdpxWriteProject {
  users: readonly string[];
  codes: readonly (string | QdpxWriteCode)[];
  sources: readonly QdpxWriteSource[];
  /** Name of the sources folder in the zip. Default `sources`. */
  sourcesFolder?: string;
  /** `Project/@origin`. Default "intercoder". */
  origin?: string;
}

/** Deterministic GUID number `n` of kind `kind` (1 users, 2 codes, 3 sources, 4 selections, 5 codings). */
function guid(kind: number, n: number): string {
  return `0000000${kind}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/**
 * Write `project` as a `.qdpx` archive (zip bytes). Codings of one coder on the same span become
 * one `PlainTextSelection` with one `Coding` per code, each with that coder as `creatingUser`.
 *
 * @throws RangeError when a coding names a user or code that is not declared, or a parent code is
 *   not declared before its child (programmer errors).
 */
export function writeQdpx(project: QdpxWriteProject): Uint8Array {
  const userGuid = new Map(project.users.map((u, i) => [u, guid(1, i + 1)]));
  const codes = project.codes.map((c) => (typeof c === "string" ? { name: c } : c));
  const codeGuid = new Map(codes.map((c, i) => [c.name, guid(2, i + 1)]));
  const children = new Map<string | undefined, QdpxWriteCode[]>();
  for (const c of codes) {
    if (c.parent !== undefined && !codeGuid.has(c.parent)) throw new RangeError(`code "${c.name}" has an undeclared parent "${c.parent}"`);
    const list = children.get(c.parent) ?? [];
    list.push(c);
    children.set(c.parent, list);
  }
  const codeXml = (parent: string | undefined, indent: string): string =>
    (children.get(parent) ?? []).map((c) => {
      const attrs = `guid="${codeGuid.get(c.name)!}" name="${escapeXmlAttr(c.name)}" isCodable="${c.codable === false ? "false" : "true"}"`;
      const inner = codeXml(c.name, `${indent}  `);
      return inner === "" ? `${indent}<Code ${attrs}/>\n` : `${indent}<Code ${attrs}>\n${inner}${indent}</Code>\n`;
    }).join("");

  const folder = project.sourcesFolder ?? "sources";
  const files: Record<string, Uint8Array> = {};
  const encoder = new TextEncoder();
  let selectionNumber = 0;
  let codingNumber = 0;
  const sourceXml = project.sources.map((s, i) => {
    const id = guid(3, i + 1);
    const bySpan = new Map<string, QdpxWriteCoding[]>();
    for (const c of s.codings) {
      if (!userGuid.has(c.coder)) throw new RangeError(`coding by undeclared user "${c.coder}"`);
      if (!codeGuid.has(c.code)) throw new RangeError(`coding with undeclared code "${c.code}"`);
      const key = `${c.coder}\u0000${c.start}\u0000${c.end}`;
      const list = bySpan.get(key) ?? [];
      list.push(c);
      bySpan.set(key, list);
    }
    const selections = [...bySpan.values()].map((list) => {
      const first = list[0]!;
      const user = userGuid.get(first.coder)!;
      const codings = list.map((c) =>
        `      <Coding guid="${guid(5, ++codingNumber)}" creatingUser="${user}">\n        <CodeRef targetGUID="${codeGuid.get(c.code)!}"/>\n      </Coding>\n`).join("");
      return `    <PlainTextSelection guid="${guid(4, ++selectionNumber)}" name="" startPosition="${first.start}" endPosition="${first.end}" creatingUser="${user}">\n${codings}    </PlainTextSelection>\n`;
    }).join("");
    let head: string;
    if (s.inline) {
      head = `  <TextSource guid="${id}" name="${escapeXmlAttr(s.name)}">\n    <PlainTextContent>${escapeXmlText(s.text)}</PlainTextContent>\n`;
    } else {
      const body = encoder.encode(s.text);
      files[`${folder}/${id}.txt`] = s.bom ? concat(new Uint8Array([0xef, 0xbb, 0xbf]), body) : body;
      head = `  <TextSource guid="${id}" name="${escapeXmlAttr(s.name)}" plainTextPath="internal://${id}.txt">\n`;
    }
    return `${head}${selections}  </TextSource>\n`;
  }).join("");

  const users = project.users.map((u) => `  <User guid="${userGuid.get(u)!}" name="${escapeXmlAttr(u)}"/>\n`).join("");
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<Project xmlns="urn:QDA-XML:project:1.0" name="intercoder" origin="${escapeXmlAttr(project.origin ?? "intercoder")}">\n` +
    `<Users>\n${users}</Users>\n<CodeBook>\n<Codes>\n${codeXml(undefined, "  ")}</Codes>\n</CodeBook>\n` +
    `<Sources>\n${sourceXml}</Sources>\n</Project>\n`;
  files["project.qde"] = encoder.encode(xml);
  // A fixed local date makes the bytes identical whatever the time zone.
  return zipSync(files, { mtime: new Date(1980, 0, 1, 0, 0, 0), level: 6 });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
