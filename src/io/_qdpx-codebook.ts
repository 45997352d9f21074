/**
 * The REFI-QDA CodeBook: codes with their hierarchy. Folders (`isCodable="false"`) are kept with
 * `codable: false` so their children keep their parent; codings on them are not codes.
 */
import { childrenNamed, type XmlElement } from "./_xml.js";

export interface QdpxCode {
  /** The code's name as written in the CodeBook. */
  name: string;
  /** Ancestors and the code itself, joined with " > ". */
  path: string;
  /** The identity used in transcripts: the name, or the path when another code has the same name. */
  id: string;
  /** The parent's `id`, for a nested code. */
  parent?: string;
  /** False for folders (`isCodable="false"`): not codes; codings on them are skipped. */
  codable: boolean;
  guid: string;
}

export const CODE_PATH_SEPARATOR = " > ";

/** Read `Project/CodeBook/Codes` depth-first in document order; `report` receives duplicate names. */
export function readCodeBook(root: XmlElement, report: (code: string, message: string, where: string) => void): QdpxCode[] {
  const raw: { name: string; path: string; parentIndex: number | null; codable: boolean; guid: string }[] = [];
  const codesEl = childrenNamed(root, "CodeBook").flatMap((cb) => childrenNamed(cb, "Codes"));
  const stack: { el: XmlElement; parentIndex: number | null; parentPath: string }[] = [];
  const pushChildren = (el: XmlElement, parentIndex: number | null, parentPath: string): void => {
    const kids = childrenNamed(el, "Code");
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, parentIndex, parentPath });
  };
  for (let i = codesEl.length - 1; i >= 0; i--) pushChildren(codesEl[i]!, null, "");
  while (stack.length > 0) {
    const { el, parentIndex, parentPath } = stack.pop()!;
    const name = el.attrs["name"] ?? "";
    const path = parentPath === "" ? name : `${parentPath}${CODE_PATH_SEPARATOR}${name}`;
    raw.push({ name, path, parentIndex, codable: el.attrs["isCodable"]?.trim().toLowerCase() !== "false", guid: el.attrs["guid"] ?? "" });
    pushChildren(el, raw.length - 1, path);
  }
  const nameCount = new Map<string, number>();
  for (const c of raw) nameCount.set(c.name, (nameCount.get(c.name) ?? 0) + 1);
  const reported = new Set<string>();
  const ids = raw.map((c) => {
    if ((nameCount.get(c.name) ?? 0) > 1) {
      if (!reported.has(c.name)) {
        reported.add(c.name);
        report("duplicate-code-name", `${nameCount.get(c.name)} codes are named "${c.name}"; they are told apart by their full path ("${c.path}")`, `Code guid=${c.guid}`);
      }
      return c.path;
    }
    return c.name;
  });
  return raw.map((c, i) => ({
    name: c.name,
    path: c.path,
    id: ids[i]!,
    ...(c.parentIndex !== null ? { parent: ids[c.parentIndex]! } : {}),
    codable: c.codable,
    guid: c.guid,
  }));
}
