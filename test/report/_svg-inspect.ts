/**
 * Test helper: parse an SVG string with fast-xml-parser and list its elements in document order,
 * with attributes and decoded text, so chart tests can check structure and geometry.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  /** Decoded text of the element's direct text children. */
  text: string;
  children: SvgElement[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
});

type OrderedNode = Record<string, unknown>;

function convert(nodes: readonly OrderedNode[]): SvgElement[] {
  const out: SvgElement[] = [];
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ":@");
    if (tag === undefined || tag === "#text") continue;
    const kids = (node[tag] as OrderedNode[]) ?? [];
    out.push({
      tag,
      attrs: (node[":@"] as Record<string, string> | undefined) ?? {},
      text: kids.filter((k) => "#text" in k).map((k) => String(k["#text"])).join(""),
      children: convert(kids),
    });
  }
  return out;
}

/** Validate and parse; throws when the SVG is not well-formed XML. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  const roots = convert(parser.parse(svg) as OrderedNode[]);
  if (roots.length !== 1 || roots[0]!.tag !== "svg") throw new Error("expected one <svg> root element");
  return roots[0]!;
}

/** Every descendant (depth first, document order) with the given tag. */
export function all(root: SvgElement, tag: string): SvgElement[] {
  const found: SvgElement[] = [];
  const walk = (e: SvgElement): void => {
    for (const c of e.children) {
      if (c.tag === tag) found.push(c);
      walk(c);
    }
  };
  walk(root);
  return found;
}

/** All text content of an element and its descendants. */
export function deepText(e: SvgElement): string {
  return e.text + e.children.map(deepText).join("");
}
