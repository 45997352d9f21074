/**
 * Code hierarchy: which code is the parent of which, so agreement can also be computed at the
 * parent level (`--level parent` or a depth), where a parent is present on a turn when it or any
 * of its descendants is.
 *
 * Where the parents come from:
 * - **Codebook** (CSV `parent` column, REFI-QDA nesting): the codebook's parent links, any depth.
 * - **Separator** (`--hierarchy-separator -`), for codes the codebook does not place (or with no
 *   codebook): the text before the first separator is the code's parent, and that parent is a
 *   top-level code. Exactly one ancestor is created: `QM-robustness-fix` becomes
 *   `QM` > `QM-robustness-fix` (not `QM` > `QM-robustness` > `QM-robustness-fix`). A code without
 *   the separator, or that starts with it, is top-level; so is a code equal to another code's
 *   first segment (`QM` itself).
 * - Neither: every code is top-level.
 *
 * Depth 1 is the top level. `rollUp(codes, h, d)` replaces each code deeper than `d` by its
 * ancestor at depth `d` (codes at depth ≤ d stay as they are); `"parent"` means depth 1.
 */
import type { Codebook } from "../model/transcript.js";
import { compareCodePoints } from "../model/order.js";

export interface CodeHierarchy {
  /** Parent of every known code or parent (null at the top level). */
  parentOf: ReadonlyMap<string, string | null>;
  /** Depth of every key of `parentOf` (1 = top level). */
  depthOf: ReadonlyMap<string, number>;
  /** Greatest depth (1 when flat). */
  maxDepth: number;
  /** Where the parent links came from. */
  source: "codebook" | "separator" | "codebook+separator" | "flat";
}

export interface HierarchyInput {
  codebook?: Codebook;
  /** Separator for inferring a parent from a code name (e.g. "-", "::", "/"). */
  separator?: string;
  /** Codes in the data (they are placed even when the codebook does not list them). */
  codes: Iterable<string>;
}

/**
 * Build the parent map from a codebook and/or a separator (see the module comment for the exact
 * rule). A parent link that would close a cycle is ignored (readCodebook already reports it).
 *
 * @example
 * buildHierarchy({ separator: "-", codes: ["QM-robustness-fix", "Trust"] }).parentOf
 * // => Map { "QM-robustness-fix" => "QM", "QM" => null, "Trust" => null }
 */
export function buildHierarchy(input: HierarchyInput): CodeHierarchy {
  const parentOf = new Map<string, string | null>();
  let fromCodebook = false;
  let fromSeparator = false;
  for (const entry of input.codebook?.entries ?? []) {
    if (!parentOf.has(entry.code) || parentOf.get(entry.code) === null) parentOf.set(entry.code, entry.parent ?? null);
    if (entry.parent !== undefined) {
      fromCodebook = true;
      if (!parentOf.has(entry.parent)) parentOf.set(entry.parent, null);
    }
  }
  const listed = new Set((input.codebook?.entries ?? []).map((e) => e.code));
  const sep = input.separator;
  for (const code of input.codes) {
    if (listed.has(code)) continue;
    const cut = sep !== undefined && sep !== "" ? code.indexOf(sep) : -1;
    if (cut > 0) {
      const parent = code.slice(0, cut);
      parentOf.set(code, parent);
      if (!parentOf.has(parent)) parentOf.set(parent, null);
      fromSeparator = true;
    } else if (!parentOf.has(code)) {
      parentOf.set(code, null);
    }
  }
  // Depths, with cycles cut where they close.
  const depthOf = new Map<string, number>();
  const depth = (code: string, path: Set<string>): number => {
    const known = depthOf.get(code);
    if (known !== undefined) return known;
    const parent = parentOf.get(code) ?? null;
    let d = 1;
    if (parent !== null) {
      if (path.has(parent)) parentOf.set(code, null);
      else {
        path.add(code);
        d = depth(parent, path) + 1;
        path.delete(code);
      }
    }
    depthOf.set(code, d);
    return d;
  };
  let maxDepth = 1;
  for (const code of parentOf.keys()) maxDepth = Math.max(maxDepth, depth(code, new Set()));
  const source = fromCodebook && fromSeparator ? "codebook+separator" : fromCodebook ? "codebook" : fromSeparator ? "separator" : "flat";
  return { parentOf, depthOf, maxDepth, source };
}

/** Ancestors of a code, nearest first (empty at the top level or for an unknown code). */
export function ancestors(code: string, hierarchy: CodeHierarchy): string[] {
  const out: string[] = [];
  let p = hierarchy.parentOf.get(code) ?? null;
  while (p !== null && !out.includes(p)) {
    out.push(p);
    p = hierarchy.parentOf.get(p) ?? null;
  }
  return out;
}

/**
 * The codes of one turn at a level of the hierarchy: each code deeper than `depth` is replaced by
 * its ancestor at `depth` (so a parent is present when any of its descendants is), others stay;
 * deduplicated and sorted by code point. A code the hierarchy does not know is top-level.
 *
 * @example
 * rollUp(["QM-fix", "QM-robustness-fix", "Trust"], buildHierarchy({ separator: "-", codes: [...] }), "parent")
 * // => ["QM", "Trust"]
 */
export function rollUp(codesOnTurn: readonly string[], hierarchy: CodeHierarchy, depth: number | "parent"): string[] {
  const level = depth === "parent" ? 1 : depth;
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`depth must be a whole number ≥ 1 or "parent", got ${String(depth)}`);
  const out = new Set<string>();
  for (const code of codesOnTurn) {
    const chain = [code, ...ancestors(code, hierarchy)].reverse(); // top level first
    out.add(chain.length > level ? chain[level - 1]! : code);
  }
  return [...out].sort(compareCodePoints);
}

export interface CodebookCoverage {
  /** Codes found in the data that the codebook does not list (code-point order). */
  notInCodebook: string[];
  /** Codebook codes (folders excluded) that no coder used (code-point order). */
  unused: string[];
}

/** Compare the codes coders used with the codebook, both ways. */
export function codebookCoverage(codebook: Codebook, codesUsed: Iterable<string>): CodebookCoverage {
  const listed = new Set(codebook.entries.map((e) => e.code));
  const used = new Set(codesUsed);
  return {
    notInCodebook: [...used].filter((c) => !listed.has(c)).sort(compareCodePoints),
    unused: codebook.entries.filter((e) => e.codable !== false && !used.has(e.code)).map((e) => e.code).sort(compareCodePoints),
  };
}

