/**
 * A synthetic second coder: rewrite one coder's Delve export so that its coding differs the way
 * real coders' codings differ, keeping the transcript (speaker and text blocks) as it is.
 *
 * Deterministic: the same seed text and options give the same bytes. Randomness comes from one
 * seeded mulberry32 generator, drawn in this fixed order:
 *
 * 1. **Sibling code** (`sibling`, default 0.3): codes are *siblings* when their names (split on
 *    `-`, `_`, `/`) share at least their first two segments, e.g. `QM-robustness` and
 *    `QM-robustness-fix`, `Data-missing-values` and `Data-missing-value-fix`. Of the (turn, code)
 *    applications of codes that have a sibling, round(sibling × count) are chosen and the code is
 *    replaced by its sibling (the first sibling in code-point order) on every code line of that turn.
 * 2. **Dropped code** (`drop`, default 0.1): of the remaining applications (all codes), round(drop ×
 *    count of all applications) are removed: every line of that code in that turn goes.
 * 3. **Extended excerpt** (`extend`, default 0.2): an *excerpt* is a maximal run of consecutive turns
 *    carrying the same code in the input. round(extend × count) excerpts get the code on the turn
 *    after the run too (or the turn before it, at the end of the transcript), as one code line after
 *    that turn's last paragraph or code line.
 * 4. **Extra code** (`extraCode`, `extraTurns`, default none / 3): a code nobody else uses is added
 *    to `extraTurns` turns chosen at random, the same way.
 *
 * Then, when asked, **harmless copy differences** that must not change the parse (Delve spec §1):
 * one fixed typo (the first occurrence of `typoFix.from` in a text paragraph replaced by
 * `typoFix.to`), trailing whitespace (" ", "  ", "\t" in turn) on every 5th line including blank
 * lines, CRLF line endings, and a UTF-8 byte-order mark, in that order.
 *
 * The output keeps the input's blocks byte for byte (title, speaker, text and untouched code lines,
 * one blank line between blocks, the input's final newline or its absence), so with every share 0
 * and no harmless differences it equals the input.
 */
import { compareCodePoints, parseDelve, type DelveBlock } from "../io/delve.js";
import { mulberry32, sample } from "./_prng.js";

export interface HarmlessDifferences {
  bom?: boolean;
  crlf?: boolean;
  trailingSpaces?: boolean;
  /** A typo fixed in one text paragraph (first occurrence only). */
  typoFix?: { from: string; to: string } | null;
}

export interface PerturbOptions {
  seed: number;
  /** Share of (turn, code) applications replaced by a sibling code, among codes that have one. */
  sibling?: number;
  /** Share of (turn, code) applications removed. */
  drop?: number;
  /** Share of excerpts (runs of consecutive turns with a code) extended by one turn. */
  extend?: number;
  /** A code nobody else uses, added to `extraTurns` turns; null/undefined for none. */
  extraCode?: string | null;
  extraTurns?: number;
  /** Harmless copy differences; `true` = all four, with the typo fix `matching learning` → `machine learning`. */
  harmless?: boolean | HarmlessDifferences;
  /** Passed to the parser (code and speaker recognition). */
  codebook?: readonly string[];
  speakers?: readonly string[];
}

export interface PerturbationChange {
  kind: "sibling" | "drop" | "extend" | "extra" | "typo-fix";
  turn: number;
  code?: string;
  /** The code used instead (sibling). */
  replacement?: string;
}

export interface PerturbResult {
  text: string;
  changes: PerturbationChange[];
}

/** The typo fixed in the example study's coder-c (an ASR error of the seed). */
export const DEFAULT_TYPO_FIX = { from: "matching learning", to: "machine learning" } as const;

/** Codes share a "family" when their first two name segments are equal. */
function family(code: string): string | null {
  const parts = code.split(/[-_/]/);
  return parts.length >= 2 ? `${parts[0]}\u0000${parts[1]}` : null;
}

/** For each code with a sibling, its sibling (first other family member in code-point order). */
export function siblingCodes(codes: readonly string[]): Map<string, string> {
  const sorted = [...new Set(codes)].sort(compareCodePoints);
  const out = new Map<string, string>();
  for (const c of sorted) {
    const f = family(c);
    const other = f === null ? undefined : sorted.find((d) => d !== c && family(d) === f);
    if (other !== undefined) out.set(c, other);
  }
  return out;
}

/** See the module doc. Returns the new export and the list of changes made. */
export function perturbDelveDetailed(seedText: string, options: PerturbOptions): PerturbResult {
  const source = seedText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const parsed = parseDelve(new TextEncoder().encode(source), { file: "seed", coder: "seed", ...pick(options) });
  const turns = parsed.transcript.turns;
  const random = mulberry32(options.seed);
  const changes: PerturbationChange[] = [];

  // Per turn: code → replacement (null = removed); and codes added at the end of the turn.
  const rename = turns.map(() => new Map<string, string | null>());
  const added = turns.map(() => [] as string[]);
  const applications = turns.flatMap((t) => t.codes.map((code) => ({ turn: t.number, code })));
  const touched = new Set<string>();
  const key = (turn: number, code: string): string => `${turn}\u0000${code}`;

  const siblings = siblingCodes(parsed.transcript.codesUsed);
  const withSibling = applications.filter((a) => siblings.has(a.code));
  for (const a of sample(withSibling, Math.round((options.sibling ?? 0.3) * withSibling.length), random)) {
    const replacement = siblings.get(a.code)!;
    rename[a.turn - 1]!.set(a.code, replacement);
    touched.add(key(a.turn, a.code));
    changes.push({ kind: "sibling", turn: a.turn, code: a.code, replacement });
  }
  const untouched = applications.filter((a) => !touched.has(key(a.turn, a.code)));
  for (const a of sample(untouched, Math.round((options.drop ?? 0.1) * applications.length), random)) {
    rename[a.turn - 1]!.set(a.code, null);
    changes.push({ kind: "drop", turn: a.turn, code: a.code });
  }
  const has = (turn: number, code: string): boolean => {
    const t = turns[turn - 1]!;
    const r = rename[turn - 1]!;
    return added[turn - 1]!.includes(code) ||
      t.codes.some((c) => (r.has(c) ? r.get(c) : c) === code);
  };
  const runs = excerpts(turns.map((t) => t.codes));
  for (const ex of sample(runs, Math.round((options.extend ?? 0.2) * runs.length), random)) {
    const target = ex.last + 1 <= turns.length ? ex.last + 1 : ex.first - 1;
    if (target < 1 || has(target, ex.code)) continue;
    added[target - 1]!.push(ex.code);
    changes.push({ kind: "extend", turn: target, code: ex.code });
  }
  if (options.extraCode) {
    const all = turns.map((t) => t.number);
    for (const turn of sample(all, options.extraTurns ?? 3, random)) {
      if (has(turn, options.extraCode)) continue;
      added[turn - 1]!.push(options.extraCode);
      changes.push({ kind: "extra", turn, code: options.extraCode });
    }
  }

  const harmless: HarmlessDifferences = options.harmless === true
    ? { bom: true, crlf: true, trailingSpaces: true, typoFix: DEFAULT_TYPO_FIX }
    : options.harmless || {};
  if (harmless.typoFix) fixTypo(parsed.blocks, harmless.typoFix, changes);
  const blocks = rewriteBlocks(parsed.blocks, rename, added);
  const text = applyHarmless(blocks.map((b) => b.join("\n")).join("\n\n") + (source.endsWith("\n") ? "\n" : ""), harmless);
  changes.sort((a, b) => a.turn - b.turn || compareCodePoints(a.kind, b.kind));
  return { text, changes };
}

/** `perturbDelveDetailed(...).text`: the perturbed Delve export. */
export function perturbDelve(seedText: string, options: PerturbOptions): string {
  return perturbDelveDetailed(seedText, options).text;
}

function pick(options: PerturbOptions): { codebook?: readonly string[]; speakers?: readonly string[] } {
  const out: { codebook?: readonly string[]; speakers?: readonly string[] } = {};
  if (options.codebook) out.codebook = options.codebook;
  if (options.speakers) out.speakers = options.speakers;
  return out;
}

/** Maximal runs of consecutive turns (1-based numbers) carrying the same code, ordered by code then start. */
function excerpts(codesByTurn: readonly (readonly string[])[]): { code: string; first: number; last: number }[] {
  const out: { code: string; first: number; last: number }[] = [];
  const codes = [...new Set(codesByTurn.flat())].sort(compareCodePoints);
  for (const code of codes) {
    let first = 0;
    codesByTurn.forEach((c, i) => {
      const on = c.includes(code);
      if (on && first === 0) first = i + 1;
      if (!on && first > 0) {
        out.push({ code, first, last: i });
        first = 0;
      }
    });
    if (first > 0) out.push({ code, first, last: codesByTurn.length });
  }
  return out;
}

/** The blocks' raw lines with code lines renamed/removed and added code lines after each turn. */
function rewriteBlocks(blocks: readonly DelveBlock[], rename: Map<string, string | null>[], added: string[][]): string[][] {
  const out: string[][] = [];
  blocks.forEach((b, k) => {
    if (b.kind === "code" && b.turn !== null) {
      const r = rename[b.turn - 1]!;
      const lines = b.rawLines.flatMap((raw, i) => {
        const code = b.lines[i]!;
        if (!r.has(code)) return [raw];
        const to = r.get(code);
        return to === null || to === undefined ? [] : [raw.replace(code, to)];
      });
      if (lines.length > 0) out.push(lines);
    } else {
      out.push(b.rawLines);
    }
    // After the turn's last block, its added code lines.
    const next = blocks[k + 1];
    if (b.turn !== null && (next === undefined || next.turn !== b.turn)) {
      for (const code of added[b.turn - 1]!) out.push([code]);
    }
  });
  return out;
}

/** Fix the first occurrence of `from` in the first text paragraph that has it (in place). */
function fixTypo(blocks: DelveBlock[], fix: { from: string; to: string }, changes: PerturbationChange[]): void {
  const target = blocks.find((b) => b.kind === "text" && b.rawLines.some((l) => l.includes(fix.from)));
  if (!target) return;
  const i = target.rawLines.findIndex((l) => l.includes(fix.from));
  target.rawLines[i] = target.rawLines[i]!.replace(fix.from, fix.to);
  changes.push({ kind: "typo-fix", turn: target.turn ?? 0 });
}

function applyHarmless(text: string, h: HarmlessDifferences): string {
  let out = text;
  if (h.trailingSpaces) {
    const pads = [" ", "  ", "\t"];
    out = out.split("\n").map((l, i) => (i % 5 === 4 ? l + pads[Math.floor(i / 5) % 3]! : l)).join("\n");
  }
  if (h.crlf) out = out.replace(/\n/g, "\r\n");
  if (h.bom) out = "\uFEFF" + out;
  return out;
}
