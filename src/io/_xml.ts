/**
 * Safe XML reading for REFI-QDA: fast-xml-parser with entity processing off, a DOCTYPE that
 * declares entities refused (no entity expansion, no external entities, no network), and the
 * document turned into a small element tree. The five predefined entities and character
 * references are decoded here, after parsing, which is all a REFI-QDA file needs.
 *
 * Line ends are normalised as XML 1.0 §2.11 requires (CRLF and lone CR become LF) before parsing,
 * so text read from `PlainTextContent` is what any conforming XML parser would give; a CR that a
 * writer wants kept must be written as `&#13;`.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { InputError } from "../model/errors.js";

export interface XmlElement {
  /** Local name (namespace prefix removed). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text content (text and CDATA pieces, decoded), not its descendants'. */
  text: string;
}

/** Parse `xml` (already decoded) into its root element. `file` and `where` locate errors. */
export function parseXmlSafe(xml: string, file: string, where?: string): XmlElement {
  const loc = where !== undefined ? { file, where } : { file };
  const doctype = xml.search(/<!DOCTYPE/);
  if (doctype >= 0 && /<!ENTITY/.test(xml.slice(doctype))) {
    throw new InputError("XML_ENTITY", "the XML declares entities in a DOCTYPE; intercoder does not expand XML entities", {
      ...loc,
      line: lineAt(xml, doctype),
      hint: "REFI-QDA files never need a DOCTYPE; export the project again from your QDA program",
    });
  }
  const text = xml.replace(/\r\n?/g, "\n");
  const valid = validate(text);
  if (valid !== true) {
    throw new InputError("XML_MALFORMED", `the XML is not well-formed: ${valid.err.msg}`, {
      ...loc,
      line: valid.err.line,
      hint: "the file is damaged or not XML; export it again",
    });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    cdataPropName: "#cdata",
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (e) {
    throw new InputError("XML_MALFORMED", `the XML could not be read: ${e instanceof Error ? e.message : String(e)}`, {
      ...loc,
      hint: "the file is damaged or not XML; export it again",
    });
  }
  const root = toTree(nodes);
  if (!root) {
    throw new InputError("XML_MALFORMED", "the XML has no root element", { ...loc, hint: "the file is empty or not XML" });
  }
  return root;
}

type Validation = true | { err: { msg: string; line: number } };

/** fast-xml-parser's validator, with anything it throws turned into a validation error. */
function validate(text: string): Validation {
  try {
    const v = XMLValidator.validate(text, { allowBooleanAttributes: false });
    return v === true ? true : { err: { msg: v.err.msg, line: v.err.line } };
  } catch (e) {
    return { err: { msg: e instanceof Error ? e.message : String(e), line: 1 } };
  }
}

/** Convert fast-xml-parser's ordered output into `XmlElement`s, iteratively (deep nesting cannot overflow the stack). */
function toTree(nodes: unknown): XmlElement | undefined {
  const top: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: { parent: XmlElement; nodes: unknown }[] = [{ parent: top, nodes }];
  while (stack.length > 0) {
    const { parent, nodes: list } = stack.pop()!;
    if (!Array.isArray(list)) continue;
    const pending: { parent: XmlElement; nodes: unknown }[] = [];
    for (const node of list as unknown[]) {
      if (!isRecord(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === ":@") continue;
        if (key === "#text") {
          parent.text += decodeXmlEntities(String(value));
        } else if (key === "#cdata") {
          if (Array.isArray(value)) for (const piece of value) if (isRecord(piece)) parent.text += String(piece["#text"] ?? "");
        } else {
          const attrs: Record<string, string> = {};
          const raw = node[":@"];
          if (isRecord(raw)) {
            // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space.
            for (const [k, v] of Object.entries(raw)) attrs[k] = decodeXmlEntities(String(v).replace(/[\t\n]/g, " "));
          }
          const element: XmlElement = { name: key, attrs, children: [], text: "" };
          parent.children.push(element);
          pending.push({ parent: element, nodes: value });
        }
      }
    }
    // Children are processed in document order: push in reverse so the first is popped first.
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  return top.children[0];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decode the five predefined entities and numeric character references; leave anything else as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return PREDEFINED[ref] ?? whole;
    const cp = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && (cp >= 0x20 || cp === 9 || cp === 10 || cp === 13);
    return valid ? String.fromCodePoint(cp) : whole;
  });
}

/** Escape text for XML element content; CR is written as `&#13;` so it survives line-end normalisation. */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** Escape text for a double-quoted XML attribute (white space kept through normalisation). */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Element children with a given local name. */
export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}
