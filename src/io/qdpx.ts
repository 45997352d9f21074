/**
 * REFI-QDA importer (`.qdpx` project archives and bare `.qde` project files), the exchange
 * standard that NVivo, ATLAS.ti, MAXQDA, QDA Miner, Dedoose and QualCoder export.
 *
 * What is read: users, the CodeBook (with its hierarchy), text sources (`PlainTextContent` or
 * `plainTextPath`, where `internal://` is the `sources/` folder of the zip in any letter case)
 * and their `PlainTextSelection`s with their `Coding`s. Everything else is reported in `skipped`
 * (non-text sources and their selections, codings on folders that are not codable, uncoded
 * sources, a project with fewer than two coders) rather than dropped silently.
 *
 * Conventions, verified on real NVivo exports (../shared/real-world/):
 * - The coder of a coded span is `PlainTextSelection/@creatingUser`. `Coding/@creatingUser` is used
 *   only when the selection has none, or when the codings under one selection have different
 *   creators (NVivo writes the code's creator there; reading it turns two coders into one).
 *   `coderFrom` forces one of the two.
 * - Users are matched by name (GUIDs change between exports); GUIDs compare case-insensitively,
 *   with or without braces.
 * - `startPosition`/`endPosition` are 0-based, end-exclusive UTF-16 code units into the text as
 *   stored (UTF-8 BOM skipped, CRLF counted as two): `text.slice(start, end)`.
 * - Sources with the same name are one transcript (MAXQDA's intercoder convention keeps one copy of
 *   a document per coder), so that convention gives the same result as one shared document.
 * - A code is present on a turn for a coder when one of that coder's selections with that code
 *   overlaps the turn by at least one code unit. Turns come from `plainTextTurns`.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError, isIrrError } from "../model/errors.js";
import type { CodedTranscript } from "../model/transcript.js";
import { decodeUtf8, hasUtf8Bom } from "./_text.js";
import { childrenNamed, parseXmlSafe, type XmlElement } from "./_xml.js";
import { DEFAULT_ZIP_LIMITS, looksLikeZip, openZip, type ZipLimits } from "./_zip.js";
import { readCodeBook, type QdpxCode } from "./_qdpx-codebook.js";
import { buildTranscripts, type AppliedCoding, type TextCopy } from "./_qdpx-transcripts.js";

export { CODE_PATH_SEPARATOR, type QdpxCode } from "./_qdpx-codebook.js";

export type CoderFrom = "selection" | "coding";

export interface QdpxOptions {
  /** The input path as the user gave it (for messages and `CodedTranscript.file`). */
  file: string;
  /** Force where the coder is read from; default: the selection, with the exceptions above. */
  coderFrom?: CoderFrom;
  /** Speaker labels for turn splitting (replaces the default pattern). */
  speakers?: readonly string[];
  /** Zip limits (defaults: 10,000 entries, 512 MiB per entry, 1 GiB in total). */
  limits?: Partial<ZipLimits>;
}

export type QdpxSourceKind = "text" | "pdf" | "picture" | "audio" | "video";

export interface QdpxSource {
  name: string;
  /** GUID as written in the file. */
  guid: string;
  kind: QdpxSourceKind;
  /** Length of the plain text in UTF-16 code units, when the text could be read. */
  textLength?: number;
  /** Selections of any kind in this source. */
  selections: number;
}

export interface QdpxProject {
  file: string;
  /** User names in `Users` order (deduplicated: users are matched by name). */
  users: string[];
  sources: QdpxSource[];
  codes: QdpxCode[];
  /** One per transcript × coder who coded in it; `format: "qdpx"`, with text, spans and turns. */
  transcripts: CodedTranscript[];
  /** What was not read, and why (non-text sources, folder codings, uncoded sources, one coder). */
  skipped: Diagnostic[];
  /** Problems in the data (selections outside their text, unknown users or codes). */
  diagnostics: Diagnostic[];
  /** The program that wrote the project (`Project/@origin`), when given. */
  origin?: string;
}

/**
 * Read a `.qdpx` archive. Bytes that are not a zip but XML are read as a bare `.qde`.
 *
 * @throws InputError `ZIP_*` for an unreadable or unsafe archive, `QDPX_NO_PROJECT` when it has no
 *   `project.qde`, `XML_ENTITY` / `XML_MALFORMED` for unsafe or broken XML, `QDPX_NOT_REFI` for
 *   XML that is not a REFI-QDA project, `NOT_UTF8` for text that is not UTF-8.
 */
export function readQdpx(bytes: Uint8Array, options: QdpxOptions): QdpxProject {
  const { file } = options;
  if (!looksLikeZip(bytes)) {
    const start = hasUtf8Bom(bytes) ? 3 : 0;
    let i = start;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
    if (bytes[i] === 0x3c) return readQde(decodeUtf8(bytes, file), options);
    throw new InputError("ZIP_BROKEN", "the file is not a zip archive, so it is not a REFI-QDA project (.qdpx)", {
      file,
      hint: "export the project from your QDA program as REFI-QDA (.qdpx), or give --format for another format",
    });
  }
  const zip = openZip(bytes, file, { ...DEFAULT_ZIP_LIMITS, ...options.limits });
  const project = zip.entries.find((e) => e.name.toLowerCase() === "project.qde");
  if (!project) {
    const others = zip.entries.filter((e) => e.name.toLowerCase().endsWith(".qde")).map((e) => e.name);
    throw new InputError("QDPX_NO_PROJECT", "the archive has no project.qde", {
      file,
      hint: others.length > 0
        ? `found ${others.join(", ")}; a REFI-QDA archive keeps its project in project.qde at the top level`
        : "this zip is not a REFI-QDA project; export the project again as REFI-QDA (.qdpx)",
    });
  }
  const xml = decodeIn(zip.read(project), file, project.name);
  const readInternal: InternalReader = (path) => {
    const wanted = path.replace(/\\/g, "/").replace(/^\/+/, "");
    const exact = zip.entries.find((e) => e.name === `sources/${wanted}` || e.name === `Sources/${wanted}`);
    const entry = exact ?? zip.entries.find((e) => e.name.toLowerCase() === `sources/${wanted}`.toLowerCase());
    return entry ? { text: decodeIn(zip.read(entry), file, entry.name), entry: entry.name } : undefined;
  };
  return buildProject(parseXmlSafe(xml, file, project.name), options, readInternal);
}

/**
 * Read a bare `.qde` (the project XML, already decoded). Sources stored as `internal://` files are
 * not available without the archive; they are reported in `skipped`.
 */
export function readQde(xmlText: string, options: QdpxOptions): QdpxProject {
  return buildProject(parseXmlSafe(xmlText, options.file), options, () => undefined);
}

type InternalReader = (path: string) => { text: string; entry: string } | undefined;

function decodeIn(bytes: Uint8Array, file: string, entry: string): string {
  try {
    return decodeUtf8(bytes, file);
  } catch (e) {
    if (isIrrError(e)) {
      throw new InputError(e.code, e.message, { file, where: entry, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.hint !== undefined ? { hint: e.hint } : {}) });
    }
    throw e;
  }
}

/** `{ABC-def}` and `abc-DEF` are the same GUID. */
export function normalizeGuid(guid: string): string {
  return guid.trim().replace(/^\{|\}$/g, "").toLowerCase();
}

const KINDS: Record<string, { kind: QdpxSourceKind; selection: string }> = {
  TextSource: { kind: "text", selection: "PlainTextSelection" },
  PDFSource: { kind: "pdf", selection: "PDFSelection" },
  PictureSource: { kind: "picture", selection: "PictureSelection" },
  AudioSource: { kind: "audio", selection: "AudioSelection" },
  VideoSource: { kind: "video", selection: "VideoSelection" },
};

function buildProject(root: XmlElement, options: QdpxOptions, readInternal: InternalReader): QdpxProject {
  const { file } = options;
  if (root.name !== "Project" || (root.attrs["xmlns"] !== undefined && !root.attrs["xmlns"].startsWith("urn:QDA-XML:project"))) {
    throw new InputError("QDPX_NOT_REFI", `the XML is not a REFI-QDA project (its root element is <${root.name}>, not <Project> in urn:QDA-XML:project)`, {
      file,
      line: 1,
      hint: "give the project.qde of a REFI-QDA export, or the .qdpx archive itself",
    });
  }
  const diagnostics: Diagnostic[] = [];
  const skipped: Diagnostic[] = [];
  const note = (list: Diagnostic[], code: string, message: string, where?: string): void => {
    list.push({ severity: "warning", code, message, file, ...(where !== undefined ? { where } : {}) });
  };

  // Users: GUID -> name; the same name under several GUIDs is one user.
  const userNames = new Map<string, string>();
  const users: string[] = [];
  for (const usersEl of childrenNamed(root, "Users")) {
    for (const u of childrenNamed(usersEl, "User")) {
      const name = (u.attrs["name"] ?? "").trim() || (u.attrs["id"] ?? "").trim() || (u.attrs["guid"] ?? "");
      userNames.set(normalizeGuid(u.attrs["guid"] ?? ""), name);
      if (!users.includes(name)) users.push(name);
    }
  }
  const unknownUsers = new Set<string>();
  const userName = (guid: string | undefined): string | null => {
    if (guid === undefined || guid.trim() === "") return null;
    const name = userNames.get(normalizeGuid(guid));
    if (name !== undefined) return name;
    const label = `user ${normalizeGuid(guid)}`;
    if (!unknownUsers.has(label)) {
      unknownUsers.add(label);
      note(diagnostics, "unknown-user", `creatingUser "${guid}" is not in <Users>; it is shown as "${label}"`, `User guid=${guid}`);
    }
    return label;
  };

  const codes = readCodeBook(root, (code, message, where) => note(diagnostics, code, message, where));
  const codeByGuid = new Map(codes.map((c) => [normalizeGuid(c.guid), c]));

  // Sources.
  const sources: QdpxSource[] = [];
  const copies: TextCopy[] = [];
  const applied: AppliedCoding[] = [];
  const folderCodings = new Map<string, number>();
  const sourcesEl = childrenNamed(root, "Sources")[0];
  for (const el of sourcesEl?.children ?? []) {
    const kind = KINDS[el.name];
    if (!kind) continue;
    const name = el.attrs["name"] ?? "";
    const guid = el.attrs["guid"] ?? "";
    const where = `${el.name} name="${name}" guid=${guid}`;
    const selections = countSelections(el);
    const source: QdpxSource = { name, guid, kind: kind.kind, selections };
    sources.push(source);
    if (kind.kind !== "text") {
      note(skipped, "non-text-source", `${kind.kind} source "${name}" (${selections} selection${selections === 1 ? "" : "s"}) is not read: only text sources are`, where);
      continue;
    }
    const text = sourceText(el, readInternal);
    if (typeof text !== "string") {
      note(skipped, "source-without-text", `text source "${name}" (${selections} selection${selections === 1 ? "" : "s"}) is not read: ${text.reason}`, where);
      continue;
    }
    source.textLength = text.length;
    const sourceIndex = sources.length - 1;
    copies.push({ sourceIndex, name, text });

    for (const sel of childrenNamed(el, "PlainTextSelection")) {
      const selWhere = `PlainTextSelection guid=${sel.attrs["guid"] ?? "?"}`;
      const start = toOffset(sel.attrs["startPosition"]);
      const end = toOffset(sel.attrs["endPosition"]);
      if (start === null || end === null) {
        note(diagnostics, "selection-bad-offset", `selection in "${name}" has startPosition="${sel.attrs["startPosition"] ?? ""}" endPosition="${sel.attrs["endPosition"] ?? ""}", which are not whole numbers; the selection is ignored`, selWhere);
        continue;
      }
      if (start < 0 || end < start || end > text.length) {
        note(diagnostics, "selection-outside-text", `selection [${start}, ${end}) in "${name}" lies outside its text of ${text.length} characters (UTF-16 units); the selection is ignored`, selWhere);
        continue;
      }
      if (start === end) {
        note(diagnostics, "selection-empty", `selection [${start}, ${end}) in "${name}" is empty; it is ignored`, selWhere);
        continue;
      }
      const selectionUser = userName(sel.attrs["creatingUser"]);
      const codings = childrenNamed(sel, "Coding").map((c) => ({
        user: userName(c.attrs["creatingUser"]),
        ref: childrenNamed(c, "CodeRef")[0]?.attrs["targetGUID"],
        guid: c.attrs["guid"] ?? "?",
      }));
      const creators = new Set(codings.map((c) => c.user).filter((u): u is string => u !== null));
      for (const coding of codings) {
        const coder = pickCoder(options.coderFrom, selectionUser, coding.user, creators.size > 1);
        if (coder === null) {
          note(diagnostics, "no-creating-user", `coding in "${name}" has no creatingUser on the selection or the coding; it is ignored`, `Coding guid=${coding.guid}`);
          continue;
        }
        const code = coding.ref === undefined ? undefined : codeByGuid.get(normalizeGuid(coding.ref));
        if (code === undefined) {
          note(diagnostics, "unknown-code", `coding in "${name}" refers to code ${coding.ref ?? "(none)"}, which is not in the CodeBook; it is ignored`, `Coding guid=${coding.guid}`);
          continue;
        }
        if (!code.codable) {
          folderCodings.set(code.id, (folderCodings.get(code.id) ?? 0) + 1);
          continue;
        }
        applied.push({ coder, code: code.id, start, end, sourceIndex });
      }
    }
  }
  for (const [folder, count] of folderCodings) {
    note(skipped, "codes-on-non-codable", `${count} coding${count === 1 ? "" : "s"} on "${folder}", a folder that is not codable (isCodable="false"), ${count === 1 ? "is" : "are"} skipped`);
  }

  const transcripts = buildTranscripts(copies, applied, users, options, skipped);
  const coders = [...new Set(transcripts.map((t) => t.coder))];
  const textSources = sources.filter((s) => s.textLength !== undefined).length;
  if (applied.length === 0) {
    note(skipped, "no-codings", `no codings found: ${users.length} user${users.length === 1 ? "" : "s"}, ${sources.length} source${sources.length === 1 ? "" : "s"} (${textSources} with text), ${codes.filter((c) => c.codable).length} codes; agreement needs codings by at least two coders`);
  } else if (coders.length === 1) {
    note(skipped, "one-coder", `only one coder coded: ${coders[0]} (${applied.length} coding${applied.length === 1 ? "" : "s"} in ${new Set(applied.map((a) => a.sourceIndex)).size} of ${textSources} text source${textSources === 1 ? "" : "s"}); agreement needs at least two coders${options.coderFrom === undefined ? "" : ` (coders read from ${options.coderFrom === "coding" ? "Coding" : "PlainTextSelection"}/@creatingUser)`}`);
  }
  const origin = root.attrs["origin"];
  return { file, users, sources, codes, transcripts, skipped, diagnostics, ...(origin !== undefined ? { origin } : {}) };
}

function pickCoder(mode: CoderFrom | undefined, selection: string | null, coding: string | null, mixed: boolean): string | null {
  if (mode === "selection") return selection ?? coding;
  if (mode === "coding") return coding ?? selection;
  if (selection === null || mixed) return coding ?? selection;
  return selection;
}

function toOffset(value: string | undefined): number | null {
  if (value === undefined || !/^\s*-?[0-9]+\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

function countSelections(source: XmlElement): number {
  let n = 0;
  const stack = [...source.children];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.name.endsWith("Selection")) n++;
    stack.push(...e.children);
  }
  return n;
}

function sourceText(el: XmlElement, readInternal: InternalReader): string | { reason: string } {
  const inline = childrenNamed(el, "PlainTextContent")[0];
  if (inline) return inline.text;
  const path = el.attrs["plainTextPath"];
  if (path === undefined || path === "") return { reason: "it has neither PlainTextContent nor plainTextPath" };
  const m = /^internal:\/\/(.*)$/i.exec(path);
  if (!m) return { reason: `its text is outside the project (${path}); export the project with its sources embedded` };
  const data = readInternal(m[1]!);
  if (data === undefined) return { reason: `${path} is not in the archive's sources folder` };
  return data.text;
}
