/**
 * From what the user named on the command line to a study: coders, transcripts grouped across
 * coders, and a record of every input (path as given, SHA-256, format).
 *
 * Accepted layouts:
 * - several files, one per coder, of the same transcript (`report a.txt b.txt c.txt`); coder
 *   names from `--coders` or the file names;
 * - one file that names its coders itself (a REFI-QDA project, a long or wide CSV);
 * - a study folder: one subfolder per coder (folder name = coder), each with that coder's file for
 *   each transcript under the same file name; files at the top are not coders (`codebook.*` there
 *   is the codebook unless `--codebook` says otherwise);
 * - a study file (`study.json`): `{ "coders": [..], "transcripts": [{ "name": .., "files": { "<coder>": "<path>" } }], "codebook": "..", "options": {..} }`,
 *   paths relative to the study file.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve, extname } from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodebookEntry, CodedTranscript } from "../model/transcript.js";
import { ConfigError, InputError, UsageError } from "../model/errors.js";
import { fileStem, isDirectory, readInputFile, sha256 } from "./files.js";
import { readCoded, type InputFormat, type ReadOptions } from "./index.js";
import { decodeUtf8 } from "./_text.js";
import type { CoderFrom } from "./qdpx.js";
import type { ColumnMap } from "./excerpts.js";
import type { InputRecord } from "../report/types.js";
import { compareCodePoints } from "../model/order.js";

export interface LoadOptions {
  cwd: string;
  coders?: readonly string[];
  codebook?: readonly string[];
  speakers?: readonly string[];
  format?: InputFormat;
  coderFrom?: CoderFrom;
  transcripts?: readonly CodedTranscript[];
  map?: ColumnMap;
  /** Receives the code tree of each input that declares one. */
  onCodeTree?: (tree: CodebookEntry[]) => void;
}

export interface TranscriptGroup {
  name: string;
  codings: CodedTranscript[];
}

export interface LoadedStudy {
  coders: string[];
  groups: TranscriptGroup[];
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
  /** A codebook file found in the study folder or named by the study file (path as shown). */
  codebookFile?: string;
  /** The code tree declared by the inputs (REFI-QDA nesting), merged; empty when none declares one. */
  codeTree: CodebookEntry[];
  /** Options a study file sets (the command line wins). */
  studyOptions?: Record<string, unknown>;
}

const byCodePoint = compareCodePoints;

function checkUniqueCoders(coders: readonly string[], files: readonly string[]): void {
  const seen = new Map<string, string>();
  coders.forEach((c, i) => {
    const before = seen.get(c);
    if (before !== undefined) {
      throw new InputError("DUPLICATE_CODER", `coder name "${c}" is used by two files (${before} and ${files[i]})`, { file: files[i]!, hint: "rename one file, or name the coders with --coders a,b,c" });
    }
    seen.set(c, files[i]!);
  });
}

function requireTwoCoders(coders: readonly string[], file: string, found: string): void {
  if (coders.length < 2) {
    throw new InputError("ONE_CODER", `agreement needs at least two coders; found ${coders.length === 1 ? `only "${coders[0]}"` : "none"}: ${found}`, {
      file,
      hint: "pass one file per coder (intercoder report coder-a.txt coder-b.txt), a study folder with one subfolder per coder, or a project coded by two or more users; `intercoder inspect FILE` shows what a file holds",
    });
  }
}

function readOne(path: string, options: LoadOptions, coder: string | undefined, inputs: InputRecord[]) {
  const bytes = readInputFile(path, options.cwd);
  const read: ReadOptions = {
    file: path,
    ...(coder !== undefined ? { coder } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.codebook ? { codebook: options.codebook } : {}),
    ...(options.speakers ? { speakers: options.speakers } : {}),
    ...(options.coderFrom ? { coderFrom: options.coderFrom } : {}),
    ...(options.transcripts ? { transcripts: options.transcripts } : {}),
    ...(options.map ? { map: options.map } : {}),
  };
  const result = readCoded(bytes, read);
  if (result.codeTree && result.codeTree.length > 0) options.onCodeTree?.(result.codeTree);
  inputs.push({ path, coder: result.multiCoder ? [...new Set(result.transcripts.map((t) => t.coder))].join(",") : coder ?? "", sha256: sha256(bytes), format: result.format });
  return result;
}

/** Group codings by transcript name, keeping first-seen order; coders ordered as `coders`. */
function groupByTranscript(codings: readonly CodedTranscript[], coders: readonly string[]): TranscriptGroup[] {
  const groups = new Map<string, CodedTranscript[]>();
  for (const c of codings) {
    const list = groups.get(c.name) ?? [];
    list.push(c);
    groups.set(c.name, list);
  }
  return [...groups].map(([name, list]) => ({ name, codings: [...list].sort((a, b) => coders.indexOf(a.coder) - coders.indexOf(b.coder)) }));
}

function coderWarnings(groups: readonly TranscriptGroup[], coders: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of groups) {
    const present = new Set(g.codings.map((c) => c.coder));
    const missing = coders.filter((c) => !present.has(c));
    if (present.size < 2) {
      out.push({ severity: "warning", code: "transcript-one-coder", message: `transcript "${g.name}" was coded by ${[...present].join(", ") || "nobody"} only; it gives no units of analysis`, ...(g.codings[0] ? { file: g.codings[0].file } : {}) });
    } else if (missing.length > 0) {
      out.push({ severity: "warning", code: "transcript-missing-coder", message: `transcript "${g.name}" was not coded by ${missing.join(", ")}; their values are missing for its turns (not "code absent")`, ...(g.codings[0] ? { file: g.codings[0].file } : {}) });
    }
  }
  return out;
}

function loadFiles(paths: readonly string[], options: LoadOptions): Omit<LoadedStudy, "codeTree"> {
  if (options.coders && options.coders.length !== paths.length) {
    throw new UsageError("CODERS_COUNT", `--coders names ${options.coders.length} coder(s) but ${paths.length} file(s) were given`, { hint: "give one coder name per file, in the same order" });
  }
  const inputs: InputRecord[] = [];
  if (paths.length === 1) {
    const result = readOne(paths[0]!, options, options.coders?.[0] ?? fileStem(paths[0]!), inputs);
    if (!result.multiCoder) requireTwoCoders([result.transcripts[0]?.coder ?? fileStem(paths[0]!)], paths[0]!, `a ${result.format} file holds one coder's codes`);
    const coders = [...new Set(result.transcripts.map((t) => t.coder))];
    const said = result.diagnostics.find((d) => d.code === "one-coder" || d.code === "no-codings");
    requireTwoCoders(coders, paths[0]!, said?.message.split("; agreement needs")[0] ?? `${result.transcripts.length} coded transcript(s) of ${new Set(result.transcripts.map((t) => t.name)).size} transcript(s)`);
    const groups = groupByTranscript(result.transcripts, coders);
    return { coders, groups, inputs, diagnostics: [...result.diagnostics, ...coderWarnings(groups, coders)] };
  }
  const names = paths.map((p, i) => options.coders?.[i] ?? fileStem(p));
  checkUniqueCoders(names, paths);
  const codings: CodedTranscript[] = [];
  const diagnostics: Diagnostic[] = [];
  paths.forEach((path, i) => {
    // Single-coder formats take the coder from the file name (or --coders); a file that names
    // its coders itself (a REFI-QDA project, a CSV with a coder column) keeps them.
    const result = readOne(path, options, names[i], inputs);
    codings.push(...result.transcripts);
    diagnostics.push(...result.diagnostics);
  });
  const order = [...new Set(codings.map((c) => c.coder))];
  requireTwoCoders(order, paths[0]!, `${paths.length} files`);
  // Files named one per coder are the same transcript by contract: one group, so that alignment
  // refuses exports of different transcripts instead of silently pairing nothing.
  const single = codings.every((c) => codings.filter((o) => o.coder === c.coder).length === 1);
  const groups = single ? [{ name: codings[0]!.name, codings }] : groupByTranscript(codings, order);
  return { coders: order, groups, inputs, diagnostics: [...diagnostics, ...coderWarnings(groups, order)] };
}

const CODEBOOK_FILE = /^codebook\.(txt|csv|qdc|md)$/i;

function loadFolder(folder: string, options: LoadOptions): Omit<LoadedStudy, "codeTree"> {
  const full = resolve(options.cwd, folder);
  const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
  const coderDirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith("."));
  const top = entries.filter((e) => e.isFile());
  if (coderDirs.length === 0) {
    throw new InputError("STUDY_NO_CODERS", "this folder has no coder subfolders", { file: folder, hint: "put each coder's files in a subfolder named after the coder (study/ann/interview-1.txt, study/ben/interview-1.txt)" });
  }
  const coders = coderDirs.map((d) => d.name);
  const inputs: InputRecord[] = [];
  const codings: CodedTranscript[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of coderDirs) {
    const files = readdirSync(join(full, dir.name), { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith(".")).map((e) => e.name).sort(byCodePoint);
    if (files.length === 0) {
      throw new InputError("STUDY_EMPTY_CODER", `coder folder "${dir.name}" is empty`, { file: join(folder, dir.name), hint: "add that coder's files, or remove the folder" });
    }
    for (const name of files) {
      const shown = join(folder, dir.name, name);
      const result = readOne(shown, options, dir.name, inputs);
      // Transcripts are matched across coders by file name (the same name in every coder folder).
      const key = fileStem(name);
      for (const t of result.transcripts) codings.push({ ...t, coder: dir.name, name: result.transcripts.length === 1 ? key : `${key}/${t.name}` });
      diagnostics.push(...result.diagnostics);
    }
  }
  requireTwoCoders(coders, folder, "coder subfolders");
  const groups = groupByTranscript(codings, coders).sort((a, b) => byCodePoint(a.name, b.name));
  const codebook = top.find((e) => CODEBOOK_FILE.test(e.name));
  return { coders, groups, inputs, diagnostics: [...diagnostics, ...coderWarnings(groups, coders)], ...(codebook ? { codebookFile: join(folder, codebook.name) } : {}) };
}

interface StudyFile {
  coders?: unknown;
  transcripts?: unknown;
  codebook?: unknown;
  options?: unknown;
}

function loadStudyFile(path: string, options: LoadOptions): Omit<LoadedStudy, "codeTree"> {
  let parsed: StudyFile;
  try {
    parsed = JSON.parse(decodeUtf8(readInputFile(path, options.cwd), path)) as StudyFile;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new ConfigError("STUDY_JSON", `the study file is not valid JSON (${(e as Error).message})`, { file: path, hint: "check the brackets and quotes; `coders`, `transcripts` and `codebook` are the keys" });
  }
  const bad = (what: string) => new ConfigError("STUDY_SHAPE", what, { file: path, hint: 'expected { "coders": ["ann", "ben"], "transcripts": [{ "name": "Interview 1", "files": { "ann": "ann/i1.txt", "ben": "ben/i1.txt" } }] }' });
  if (!Array.isArray(parsed.transcripts) || parsed.transcripts.length === 0) throw bad('"transcripts" must be a non-empty list');
  const base = dirname(path);
  const inputs: InputRecord[] = [];
  const codings: CodedTranscript[] = [];
  const diagnostics: Diagnostic[] = [];
  const coderOrder: string[] = Array.isArray(parsed.coders) ? parsed.coders.map(String) : [];
  parsed.transcripts.forEach((t: unknown, i: number) => {
    if (typeof t !== "object" || t === null || typeof (t as { files?: unknown }).files !== "object") throw bad(`transcripts[${i}] needs "files": { "<coder>": "<path>" }`);
    const entry = t as { name?: unknown; files: Record<string, unknown> };
    for (const [coder, file] of Object.entries(entry.files)) {
      if (typeof file !== "string") throw bad(`transcripts[${i}].files.${coder} must be a path`);
      if (!coderOrder.includes(coder)) coderOrder.push(coder);
      const shown = join(base, file);
      const result = readOne(shown, options, coder, inputs);
      const name = typeof entry.name === "string" ? entry.name : fileStem(file);
      for (const c of result.transcripts) codings.push({ ...c, coder, name });
      diagnostics.push(...result.diagnostics);
    }
  });
  requireTwoCoders(coderOrder, path, "coders in the study file");
  const groups = groupByTranscript(codings, coderOrder);
  const codebookFile = typeof parsed.codebook === "string" ? join(base, parsed.codebook) : undefined;
  const studyOptions = typeof parsed.options === "object" && parsed.options !== null ? (parsed.options as Record<string, unknown>) : undefined;
  return { coders: coderOrder, groups, inputs, diagnostics: [...diagnostics, ...coderWarnings(groups, coderOrder)], ...(codebookFile ? { codebookFile } : {}), ...(studyOptions ? { studyOptions } : {}) };
}

/** The `codebook.*` file at the top of a study folder, if the input is one folder that has it. */
export function findStudyCodebook(paths: readonly string[], cwd: string): string | undefined {
  if (paths.length !== 1 || !isDirectory(paths[0]!, cwd)) return undefined;
  const name = readdirSync(resolve(cwd, paths[0]!)).sort(byCodePoint).find((n) => CODEBOOK_FILE.test(n));
  return name === undefined ? undefined : join(paths[0]!, name);
}

export function loadStudy(paths: readonly string[], options: LoadOptions): LoadedStudy {
  if (paths.length === 0) throw new UsageError("USAGE", "name the coders' files, a study folder or a project file");
  const trees: CodebookEntry[][] = [];
  const withTrees = { ...options, onCodeTree: (t: CodebookEntry[]) => trees.push(t) };
  const study = paths.length === 1 && isDirectory(paths[0]!, options.cwd)
    ? loadFolder(paths[0]!, withTrees)
    : paths.length === 1 && extname(paths[0]!).toLowerCase() === ".json"
      ? loadStudyFile(paths[0]!, withTrees)
      : loadFiles(paths, withTrees);
  const seen = new Map<string, CodebookEntry>();
  for (const tree of trees) for (const e of tree) if (!seen.has(e.code)) seen.set(e.code, e);
  return { ...study, codeTree: [...seen.values()] };
}

