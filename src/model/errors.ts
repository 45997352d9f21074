/**
 * Errors a user can act on. Every error intercoder raises on purpose is an `IrrError` with a
 * stable `code`, an optional location (`file`, `line`) and an optional `hint` saying how to fix
 * it. The CLI prints `file:line: message` plus the hint and exits with code 1 (2 for usage);
 * anything that is not an `IrrError` is a bug and is shown with its stack.
 */
export interface ErrorLocation {
  /** The path as the user gave it on the command line (never made absolute). */
  file?: string;
  /** 1-based line in `file`, where it applies. */
  line?: number;
  /** Other location detail: an XML element path, a zip entry, a CSV column. */
  where?: string;
  /** What the user can do about it. */
  hint?: string;
}

export class IrrError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly where?: string;
  readonly hint?: string;

  constructor(code: string, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (location.file !== undefined) this.file = location.file;
    if (location.line !== undefined) this.line = location.line;
    if (location.where !== undefined) this.where = location.where;
    if (location.hint !== undefined) this.hint = location.hint;
  }

  /** `file:line: message` (the location parts that are known), then the hint on its own line. */
  format(): string {
    const loc = [this.file, this.line?.toString()].filter((x) => x !== undefined).join(":");
    const where = this.where !== undefined ? ` (${this.where})` : "";
    const head = loc ? `${loc}:${where} ${this.message}` : `${this.message}${where}`;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }
}

/** The user's data is wrong or unreadable. Exit code 1. */
export class InputError extends IrrError {}

/** The command line is wrong. Exit code 2 for parse errors, 1 for refused combinations. */
export class UsageError extends IrrError {}

/** A configuration (study file, codebook) is inconsistent. Exit code 1. */
export class ConfigError extends IrrError {}

export function isIrrError(e: unknown): e is IrrError {
  return e instanceof IrrError;
}
