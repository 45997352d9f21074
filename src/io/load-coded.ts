/**
 * From the paths on the command line to coded transcripts, grouped by transcript. Each input is
 * read once, its format detected from content (or forced), and turned into `CodedTranscript`s by
 * the matching importer.
 */
import type { CodedTranscript } from "../model/transcript.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError, UsageError } from "../model/errors.js";
import { readDelve } from "./delve.js";
import { fileStem, readInputFile, sha256 } from "./files.js";
import type { InputRecord } from "../report/types.js";

export interface LoadOptions {
  cwd: string;
  coders?: readonly string[];
  codebook?: readonly string[];
  speakers?: readonly string[];
}

export interface TranscriptGroup {
  /** Grouping key: the transcript's name for reports. */
  name: string;
  codings: CodedTranscript[];
}

export interface LoadedStudy {
  coders: string[];
  groups: TranscriptGroup[];
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
}

/**
 * Several coders' files of one transcript (the `report a.txt b.txt c.txt` form): coder names from
 * `--coders` or the file stems; all files form one group, so alignment refuses different transcripts.
 */
export function loadCoderFiles(paths: readonly string[], options: LoadOptions): LoadedStudy {
  if (options.coders && options.coders.length !== paths.length) {
    throw new UsageError("CODERS_COUNT", `--coders names ${options.coders.length} coder(s) but ${paths.length} file(s) were given`, { hint: "give one coder name per file, in the same order" });
  }
  const coders = paths.map((p, i) => options.coders?.[i] ?? fileStem(p));
  const seen = new Map<string, string>();
  coders.forEach((c, i) => {
    const before = seen.get(c);
    if (before !== undefined) {
      throw new InputError("DUPLICATE_CODER", `coder name "${c}" is used by two files (${before} and ${paths[i]})`, { file: paths[i]!, hint: "rename one file, or name the coders with --coders a,b,c" });
    }
    seen.set(c, paths[i]!);
  });
  const inputs: InputRecord[] = [];
  const codings: CodedTranscript[] = [];
  const diagnostics: Diagnostic[] = [];
  paths.forEach((path, i) => {
    const bytes = readInputFile(path, options.cwd);
    const coding = readDelve(bytes, { file: path, coder: coders[i]!, ...(options.codebook ? { codebook: options.codebook } : {}), ...(options.speakers ? { speakers: options.speakers } : {}) });
    inputs.push({ path, coder: coders[i]!, sha256: sha256(bytes), format: coding.format });
    codings.push(coding);
    diagnostics.push(...coding.diagnostics);
  });
  if (coders.length < 2) {
    throw new InputError("ONE_CODER", `agreement needs at least two coders; only ${coders.length === 1 ? `"${coders[0]}"` : "none"} was given`, { file: paths[0] ?? "", hint: "pass one file per coder: intercoder report coder-a.txt coder-b.txt" });
  }
  return { coders, groups: [{ name: codings[0]!.name, codings }], inputs, diagnostics };
}
