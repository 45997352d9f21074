/**
 * One CSV cell, safe to open in a spreadsheet: RFC 4180 quoting, and text that a spreadsheet would
 * run as a formula neutralised with a leading apostrophe (OWASP's "CSV injection" advice).
 */

/** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Format `value` as a CSV cell. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so it shows as text instead of running; then a cell containing a
 * comma, a double quote, a line break or leading/trailing spaces is quoted, with `"` doubled.
 * `null` and `undefined` give an empty cell; numbers are written as they are (a negative number
 * is neutralised too: this helper is for text columns).
 *
 * @example
 * csvCell("=SUM(A1:A3)") // => "'=SUM(A1:A3)"
 * csvCell('say "hi", then') // => "\"say \"\"hi\"\", then\""
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line (no line end) from cells. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
