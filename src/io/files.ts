/**
 * The only place that touches the file system for inputs and outputs. Inputs are read whole and
 * never written; outputs are written to a temporary file beside the target and renamed into place,
 * so an interrupted run leaves the old file or none, never half a report.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { InputError, UsageError } from "../model/errors.js";

/** Read a whole input file. `shown` is the path as the user typed it (used in messages and reports). */
export function readInputFile(shown: string, cwd: string): Uint8Array {
  const full = resolve(cwd, shown);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new InputError("FILE_NOT_FOUND", "no such file", { file: shown, hint: "check the path; paths are relative to the current folder" });
  }
  if (stat.isDirectory()) throw new InputError("FILE_IS_DIRECTORY", "this is a folder, not a file", { file: shown, hint: "name the coder files, or pass the study folder on its own" });
  try {
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    throw new InputError("FILE_UNREADABLE", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`, { file: shown, hint: "check that the file exists and that you may read it" });
  }
}

export function isDirectory(shown: string, cwd: string): boolean {
  try {
    return statSync(resolve(cwd, shown)).isDirectory();
  } catch {
    return false;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The coder name a file gives by default: its name without folder and extension. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/** `device:inode` of an existing regular file (following links), or null. */
function fileId(path: string): string | null {
  try {
    const st = statSync(path);
    return st.isFile() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}

/**
 * Refuse any output path that is one of the inputs (or another output), before anything is
 * written: the same path, the same file through a symbolic link or another relative path, or a
 * hard link to it.
 */
export function checkOutputs(outputs: readonly string[], inputs: readonly string[], cwd: string): void {
  const ins = new Map(inputs.map((i) => [canonical(resolve(cwd, i)), i]));
  // A hard link is the same file under another name: compare device and inode as well.
  const inodes = new Map(inputs.flatMap((i) => { const id = fileId(resolve(cwd, i)); return id === null ? [] : [[id, i] as const]; }));
  const seen = new Map<string, string>();
  for (const o of outputs) {
    const c = canonical(resolve(cwd, o));
    const id = fileId(resolve(cwd, o));
    const input = ins.get(c) ?? (id === null ? undefined : inodes.get(id));
    if (input !== undefined) {
      throw new UsageError("OUTPUT_IS_INPUT", `the output path is the input file ${input}; intercoder never overwrites its inputs`, { file: o, hint: "choose another output path" });
    }
    const other = seen.get(c);
    if (other !== undefined) throw new UsageError("OUTPUT_TWICE", `two outputs go to the same file (${other} and ${o})`, { file: o, hint: "give each output its own path" });
    seen.set(c, o);
  }
}

/** What a file-system error code means for an output path. */
const WRITE_ERRORS: Record<string, string> = {
  EEXIST: "a folder on its path is a file",
  ENOTDIR: "a folder on its path is a file",
  EISDIR: "the path is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENAMETOOLONG: "the path is too long",
};

/**
 * Write all outputs or none: each goes to a temporary file first; only when every one is written
 * are they renamed into place. A failure (a folder in the way, no permission, disk full) removes
 * the temporary files and throws `UsageError` `OUTPUT_UNWRITABLE` naming the output.
 */
export function writeOutputsAtomically(outputs: readonly { path: string; content: string | Uint8Array }[], cwd: string): void {
  const temps: { temp: string; final: string; shown: string }[] = [];
  let current = "";
  try {
    for (const o of outputs) {
      current = o.path;
      const final = resolve(cwd, o.path);
      // Found now, not at the rename (which would come after other outputs were renamed already).
      if (isDirectory(final, cwd)) throw Object.assign(new Error("output is a folder"), { code: "EISDIR" });
      mkdirSync(dirname(final), { recursive: true });
      const temp = `${final}.${process.pid}.tmp`;
      temps.push({ temp, final, shown: o.path });
      writeFileSync(temp, o.content);
    }
    for (const t of temps) {
      current = t.shown;
      renameSync(t.temp, t.final);
    }
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw e;
    // An output that cannot be written is the user's to fix (a folder that is a file, no permission, disk full).
    const why = WRITE_ERRORS[code] ?? code;
    throw new UsageError("OUTPUT_UNWRITABLE", `cannot write the output: ${why} (${code}); no output was changed`, {
      file: current,
      hint: "choose an output path in a folder you may write to (its parent folders must be folders, not files)",
    });
  }
}
