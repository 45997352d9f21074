/**
 * A problem found while reading input, collected rather than thrown (papaparse's envelope
 * style): importers return `{ data, diagnostics }` so one run reports every fixable problem.
 */
export type Severity = "warning" | "error";

export interface Diagnostic {
  severity: Severity;
  /** Stable kind, e.g. "missing-footer", "empty-turn", "selection-outside-text". */
  code: string;
  message: string;
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** Other location detail (XML element, zip entry). */
  where?: string;
}

export interface WithDiagnostics<T> {
  data: T;
  diagnostics: Diagnostic[];
}
