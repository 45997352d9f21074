/**
 * The adjudication sheet: one CSV row per disagreement (a code on a turn that some coders applied
 * and others did not), with the turn's full text and empty `decision` and `note` columns for the
 * team's meeting. Safe to open in a spreadsheet: formulas in transcript text are neutralised.
 */
import type { ReliabilityReport } from "./types.js";
import { csvRow } from "./_csv-cell.js";
import { compareCodePoints } from "../model/order.js";

/** The sheet's columns, in order. */
export const ADJUDICATION_COLUMNS = [
  "transcript", "turn", "speaker", "text", "code", "applied_by", "not_applied_by", "missing", "decision", "note",
] as const;


/**
 * Render the adjudication CSV: a header, then one row per disagreement sorted by transcript,
 * turn (numerically) and code. `text` is the turn's full text (from `report.quotedTurns`; the
 * excerpt if the turn is not there); coder lists are joined with "; ". RFC 4180 quoting, `\n`
 * line ends, a final line end; cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`.
 *
 * @example
 * renderAdjudicationCsv(report).split("\n")[0]
 * // => "transcript,turn,speaker,text,code,applied_by,not_applied_by,missing,decision,note"
 */
export function renderAdjudicationCsv(report: ReliabilityReport): string {
  const texts = new Map(report.quotedTurns.map((t) => [`${t.transcript}\u0000${t.turn}`, t.text]));
  const rows = report.codes.flatMap((c) => c.disagreements.map((d) => ({ code: c.code, d })));
  rows.sort((a, b) => compareCodePoints(a.d.transcript, b.d.transcript) || a.d.turn - b.d.turn || compareCodePoints(a.code, b.code));
  const lines = [csvRow(ADJUDICATION_COLUMNS)];
  for (const { code, d } of rows) {
    lines.push(csvRow([
      d.transcript, d.turn, d.speaker ?? "", texts.get(`${d.transcript}\u0000${d.turn}`) ?? d.excerpt, code,
      d.appliedBy.join("; "), d.notAppliedBy.join("; "), d.missing.join("; "), "", "",
    ]));
  }
  return `${lines.join("\n")}\n`;
}
