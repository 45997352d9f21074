/** Number and text formatting shared by the human-readable renderers (fixed decimals, no locale). */
import type { MetricResult } from "../model/reliability-matrix.js";

export function fixed(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return "–";
  const s = value.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? "–" : `${fixed(value * 100, digits)}%`;
}

/** A coefficient for reading: its value, or "undefined (reason)". */
export function metric(m: MetricResult | undefined, digits = 3): string {
  if (!m) return "–";
  return m.value === null ? `undefined (${m.reason ?? "no value"})` : fixed(m.value, digits);
}

/** Escape text for a markdown table cell: pipes, backslashes, line breaks, and HTML-significant characters. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n|\r/g, " ");
}
