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

/** Refuse any output path that is one of the inputs (or another output), before anything is written. */
export function checkOutputs(outputs: readonly string[], inputs: readonly string[], cwd: string): void {
  const ins = new Map(inputs.map((i) => [canonical(resolve(cwd, i)), i]));
  const seen = new Map<string, string>();
  for (const o of outputs) {
    const c = canonical(resolve(cwd, o));
    const input = ins.get(c);
    if (input !== undefined) {
      throw new UsageError("OUTPUT_IS_INPUT", `the output path is the input file ${input}; intercoder never overwrites its inputs`, { file: o, hint: "choose another output path" });
    }
    const other = seen.get(c);
    if (other !== undefined) throw new UsageError("OUTPUT_TWICE", `two outputs go to the same file (${other} and ${o})`, { file: o, hint: "give each output its own path" });
    seen.set(c, o);
  }
}

/**
 * Write all outputs or none: each goes to a temporary file first; only when every one is written
 * are they renamed into place.
 */
export function writeOutputsAtomically(outputs: readonly { path: string; content: string | Uint8Array }[], cwd: string): void {
  const temps: { temp: string; final: string }[] = [];
  try {
    for (const o of outputs) {
      const final = resolve(cwd, o.path);
      mkdirSync(dirname(final), { recursive: true });
      const temp = `${final}.${process.pid}.tmp`;
      writeFileSync(temp, o.content);
      temps.push({ temp, final });
    }
    for (const t of temps) renameSync(t.temp, t.final);
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw e;
  }
}
