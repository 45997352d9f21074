/**
 * Rounds: coding is iterative (code, measure, revise the codebook, code again). `compareRounds`
 * takes the JSON reports of several rounds and shows, per code, how Krippendorff's alpha and its
 * 95% interval moved, and which codes were renamed, merged, added or dropped between rounds
 * (matched by name, or through a rename map `old name -> new name`).
 */
import { InputError } from "../model/errors.js";
import { fixed } from "./_format.js";
import { roundsChart, type RoundSeries } from "./charts/rounds-chart.js";
import { currentName } from "./rename-map.js";
import { compareCodePoints } from "../model/order.js";

export { parseRenameMap } from "./rename-map.js";

/** One round's JSON report, as parsed (`JSON.parse`), with the label shown for the round. */
export interface RoundInput {
  label: string;
  /** The parsed JSON; validated here. */
  report: unknown;
  /** The file the report came from, for error messages. Default: `label`. */
  file?: string;
}

export interface CompareRoundsOptions {
  /** Old code name -> new code name; chains are followed (a -> b, b -> c maps a to c). */
  rename?: Record<string, string>;
}

/** A code as it was measured in one round. */
export interface RoundEstimate {
  /** The code's name in that round's report. */
  name: string;
  alpha: number | null;
  /** Why alpha is undefined, when it is. */
  reason: string | null;
  /** The 95% interval: the bootstrap interval when present, else the analytic one. */
  interval: [number, number] | null;
  units: number | null;
}

/** One round of one code: absent (null), measured once, or merged from several codes. */
export interface RoundCell {
  /** The estimates that map to this code in this round (two or more when codes were merged). */
  sources: RoundEstimate[];
  /** The alpha to compare across rounds: the single source's; null for a merge (alphas of separate codes cannot be combined). */
  alpha: number | null;
  interval: [number, number] | null;
}

export interface CodeAcrossRounds {
  /** The code's current name (after renaming). */
  code: string;
  /** One entry per round, null where the code is absent. */
  rounds: (RoundCell | null)[];
  /** Alpha in the last round where it is defined minus alpha in the first such round; null with fewer than two such rounds. */
  change: number | null;
}

export interface RoundsComparison {
  rounds: string[];
  codes: CodeAcrossRounds[];
  /** Names mapped to another name by the rename map, with the rounds that used the old name. */
  renamed: { from: string; to: string; rounds: string[] }[];
  /** Rounds in which two or more codes map to one current code. */
  merged: { from: string[]; to: string; round: string }[];
  /** Codes absent from the first round, with the round they first appear in. */
  added: { code: string; round: string }[];
  /** Codes absent from the last round, with the first round after their last appearance. */
  dropped: { code: string; round: string }[];
}

const HINT = "pass JSON reports written by `intercoder report --json` (schemaVersion 1)";


function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function notReport(file: string, field: string, problem: string): InputError {
  return new InputError("COMPARE_NOT_REPORT", `not an intercoder report: ${field} ${problem}`, { file, where: field, hint: HINT });
}

function readInterval(file: string, field: string, v: unknown): [number, number] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" && Number.isFinite(x))) return [v[0] as number, v[1] as number];
  throw notReport(file, field, "must be null or two numbers [low, high]");
}

/** Validate one parsed report and read each code's alpha, interval and units. */
export function readRoundEstimates(report: unknown, file: string): RoundEstimate[] {
  if (!isRecord(report)) throw notReport(file, "the top level", "is not a JSON object");
  if (report["schemaVersion"] !== 1) {
    throw notReport(file, "schemaVersion", report["schemaVersion"] === undefined ? "is missing" : `is ${JSON.stringify(report["schemaVersion"])}, expected 1`);
  }
  const codes = report["codes"];
  if (!Array.isArray(codes)) throw notReport(file, "codes", codes === undefined ? "is missing" : "is not a list");
  return codes.map((entry: unknown, i): RoundEstimate => {
    const at = `codes[${i}]`;
    if (!isRecord(entry)) throw notReport(file, at, "is not an object");
    const name = entry["code"];
    if (typeof name !== "string" || name === "") throw notReport(file, `${at}.code`, name === undefined ? "is missing" : "is not a non-empty string");
    const alpha = entry["krippendorffAlpha"];
    if (!isRecord(alpha)) throw notReport(file, `${at}.krippendorffAlpha`, alpha === undefined ? "is missing" : "is not an object");
    const value = alpha["value"];
    if (!(value === null || (typeof value === "number" && Number.isFinite(value)))) {
      throw notReport(file, `${at}.krippendorffAlpha.value`, value === undefined ? "is missing" : "must be a number or null");
    }
    const boot = alpha["bootstrap"];
    if (boot !== undefined && !isRecord(boot)) throw notReport(file, `${at}.krippendorffAlpha.bootstrap`, "is not an object");
    const bootCi = readInterval(file, `${at}.krippendorffAlpha.bootstrap.ci95`, boot?.["ci95"]);
    const ci = readInterval(file, `${at}.krippendorffAlpha.ci95`, alpha["ci95"]);
    const units = entry["units"];
    const reason = alpha["reason"];
    return {
      name,
      alpha: value,
      reason: value === null ? (typeof reason === "string" ? reason : "no value") : null,
      interval: bootCi ?? ci ?? null,
      units: typeof units === "number" && Number.isFinite(units) ? units : null,
    };
  });
}

/**
 * Compare the reports of several rounds, in the order given.
 *
 * Codes are matched by name after the rename map is applied. A round in which several codes map
 * to one current code is a merge: its cell lists each source, and its alpha is null, because the
 * alphas of separate codes cannot be combined into the merged code's alpha. `change` is the last
 * defined alpha minus the first. Codes are sorted by current name.
 *
 * @throws InputError `COMPARE_NOT_REPORT` naming the file and the field when a report does not
 *   have the shape of an intercoder JSON report (schemaVersion 1, `codes[].code`,
 *   `codes[].krippendorffAlpha.value`, and, where present, `bootstrap.ci95` / `ci95` as two numbers);
 *   `COMPARE_NO_ROUNDS` for an empty list; `COMPARE_RENAME_CYCLE` for a circular rename map.
 * @example
 * compareRounds([{ label: "round 1", report: r1 }, { label: "round 2", report: r2 }], { rename: { Cost: "Barriers-cost" } })
 */
export function compareRounds(rounds: readonly RoundInput[], options: CompareRoundsOptions = {}): RoundsComparison {
  if (rounds.length === 0) throw new InputError("COMPARE_NO_ROUNDS", "no reports to compare", { hint: "give two or more JSON reports, oldest first" });
  const rename = options.rename ?? {};
  const labels = rounds.map((r) => r.label);
  const estimates = rounds.map((r) => readRoundEstimates(r.report, r.file ?? r.label));
  const byCode = new Map<string, RoundEstimate[][]>();
  estimates.forEach((list, k) => {
    for (const e of list) {
      const code = currentName(e.name, rename);
      if (!byCode.has(code)) byCode.set(code, labels.map(() => []));
      byCode.get(code)![k]!.push(e);
    }
  });

  const codes: CodeAcrossRounds[] = [];
  const renamed = new Map<string, { from: string; to: string; rounds: string[] }>();
  const merged: RoundsComparison["merged"] = [];
  const added: RoundsComparison["added"] = [];
  const dropped: RoundsComparison["dropped"] = [];
  for (const code of [...byCode.keys()].sort(compareCodePoints)) {
    const perRound = byCode.get(code)!;
    const cells = perRound.map((sources): RoundCell | null => {
      if (sources.length === 0) return null;
      const sorted = [...sources].sort((a, b) => compareCodePoints(a.name, b.name));
      const single = sorted.length === 1 ? sorted[0]! : null;
      return { sources: sorted, alpha: single?.alpha ?? null, interval: single?.interval ?? null };
    });
    perRound.forEach((sources, k) => {
      if (sources.length > 1) merged.push({ from: sources.map((s) => s.name).sort(compareCodePoints), to: code, round: labels[k]! });
      for (const s of sources) {
        if (s.name === code) continue;
        const entry = renamed.get(s.name) ?? { from: s.name, to: code, rounds: [] };
        if (!entry.rounds.includes(labels[k]!)) entry.rounds.push(labels[k]!);
        renamed.set(s.name, entry);
      }
    });
    const present = cells.map((c) => c !== null);
    const first = present.indexOf(true);
    const last = present.lastIndexOf(true);
    if (first > 0) added.push({ code, round: labels[first]! });
    if (last < labels.length - 1) dropped.push({ code, round: labels[last + 1]! });
    const defined = cells.map((c, k) => ({ c, k })).filter((x) => x.c !== null && x.c.alpha !== null);
    const change = defined.length >= 2 ? defined[defined.length - 1]!.c!.alpha! - defined[0]!.c!.alpha! : null;
    codes.push({ code, rounds: cells, change });
  }
  return {
    rounds: labels,
    codes,
    renamed: [...renamed.values()].sort((a, b) => compareCodePoints(a.from, b.from)),
    merged,
    added,
    dropped,
  };
}

function cellText(cell: RoundCell | null): string {
  if (cell === null) return "–";
  if (cell.sources.length > 1) return `merged: ${cell.sources.map((s) => `${s.name} ${s.alpha === null ? "undefined" : fixed(s.alpha)}`).join(", ")}`;
  const s = cell.sources[0]!;
  if (s.alpha === null) return `undefined (${s.reason ?? "no value"})`;
  return s.interval === null ? fixed(s.alpha) : `${fixed(s.alpha)} [${fixed(s.interval[0])}, ${fixed(s.interval[1])}]`;
}

/** Markdown table cell text: pipes and line breaks escaped, markup characters as entities. */
function md(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n|\r/g, " ");
}

/**
 * The comparison as markdown: a table of alpha [95% interval] per code and round with the change,
 * then the renamed, merged, added and dropped codes. `chart` (a relative path) adds an image link.
 */
export function renderRoundsMarkdown(comparison: RoundsComparison, options: { chart?: string } = {}): string {
  const c = comparison;
  const L: string[] = ["# Reliability across rounds", ""];
  L.push(`Krippendorff's alpha (nominal) per code in each round, with its 95% interval (bootstrap where computed). Rounds, oldest first: ${c.rounds.map((r, i) => `${i + 1}. ${md(r)}`).join("; ")}.`, "");
  if (options.chart !== undefined) L.push(`![Alpha per round](${options.chart})`, "");
  const notes = (code: string): string => {
    const n: string[] = [];
    const from = c.renamed.filter((r) => r.to === code).map((r) => r.from);
    if (from.length > 0) n.push(`formerly ${from.map((f) => `\`${md(f)}\``).join(", ")}`);
    for (const m of c.merged.filter((m) => m.to === code)) n.push(`merged in ${md(m.round)}`);
    for (const a of c.added.filter((a) => a.code === code)) n.push(`added in ${md(a.round)}`);
    for (const d of c.dropped.filter((d) => d.code === code)) n.push(`dropped in ${md(d.round)}`);
    return n.join("; ");
  };
  L.push(`| Code | ${c.rounds.map(md).join(" | ")} | Change | Note |`);
  L.push(`|${["Code", ...c.rounds, "Change", "Note"].map(() => "---").join("|")}|`);
  for (const code of c.codes) {
    const change = code.change === null ? "–" : `${code.change > 0 ? "+" : ""}${fixed(code.change)}`;
    L.push(`| \`${md(code.code)}\` | ${code.rounds.map((cell) => md(cellText(cell))).join(" | ")} | ${change} | ${notes(code.code)} |`);
  }
  L.push("");
  const section = (title: string, items: string[]) => {
    L.push(`## ${title}`, "", ...(items.length === 0 ? ["None."] : items.map((i) => `- ${i}`)), "");
  };
  section("Renamed", c.renamed.map((r) => `\`${md(r.from)}\` → \`${md(r.to)}\` (old name used in ${r.rounds.map(md).join(", ")})`));
  section("Merged", c.merged.map((m) => `${m.from.map((f) => `\`${md(f)}\``).join(" + ")} → \`${md(m.to)}\` (in ${md(m.round)}; alpha not comparable for that round)`));
  section("Added", c.added.map((a) => `\`${md(a.code)}\` (first in ${md(a.round)})`));
  section("Dropped", c.dropped.map((d) => `\`${md(d.code)}\` (gone from ${md(d.round)} on)`));
  return `${L.join("\n").trimEnd()}\n`;
}

/** Alpha per round as small multiples (one panel per code); merged rounds have no mark. */
export function roundsComparisonChart(comparison: RoundsComparison): string {
  const series: RoundSeries[] = comparison.codes.map((code) => ({
    code: code.code,
    points: code.rounds.flatMap((cell, k) => (cell === null || cell.sources.length > 1 ? [] : [{
      round: comparison.rounds[k]!, value: cell.alpha, low: cell.interval?.[0] ?? null, high: cell.interval?.[1] ?? null,
    }])),
  }));
  return roundsChart(series, { title: "Krippendorff's alpha per round" });
}
