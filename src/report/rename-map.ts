/**
 * The `--rename` map of `intercoder compare`: which code names of earlier rounds became which
 * names later (`old -> new`). Read from CSV lines `old,new` or a JSON object, and followed
 * through chains (a -> b, b -> c maps a to c) with cycles refused.
 */
import { InputError } from "../model/errors.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Follow the rename map from `name` to its current name.
 *
 * @throws InputError `COMPARE_RENAME_CYCLE` when the map leads back to a name already visited.
 */
export function currentName(name: string, rename: Readonly<Record<string, string>>): string {
  const seen = new Set([name]);
  let current = name;
  while (Object.hasOwn(rename, current) && rename[current] !== current) {
    current = rename[current]!;
    if (seen.has(current)) {
      throw new InputError("COMPARE_RENAME_CYCLE", `the rename map goes round in a circle from "${name}" (${[...seen, current].join(" -> ")})`, { hint: "give each old name one final new name" });
    }
    seen.add(current);
  }
  return current;
}

/** Split one CSV line into cells (RFC 4180 quotes); null when a quote is not closed. */
function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') { cell += '"'; i += 2; continue; }
          i++;
          break;
        }
        cell += line[i++];
      }
      const comma = line.indexOf(",", i);
      const rest = comma === -1 ? line.slice(i) : line.slice(i, comma);
      if (rest.trim() !== "") return null;
      i = comma === -1 ? line.length : comma;
    } else {
      const comma = line.indexOf(",", i);
      cell = comma === -1 ? line.slice(i) : line.slice(i, comma);
      i = comma === -1 ? line.length : comma;
    }
    cells.push(cell.trim());
    if (i >= line.length) return cells;
    i++; // the comma
  }
}

/**
 * Read a `--rename` file: either a JSON object `{ "old name": "new name", … }` or CSV lines
 * `old,new` (an optional `old,new` header, blank lines and `#` comments are skipped; names with
 * commas are quoted). Checks that every entry has both names, that no old name gets two new
 * names and that the map has no cycle.
 *
 * @throws InputError `RENAME_BAD_JSON`, `RENAME_BAD_ENTRY`, `RENAME_BAD_LINE`, `RENAME_DUPLICATE`
 *   or `RENAME_CYCLE`, with the file and (for CSV) the line.
 * @example
 * parseRenameMap("old,new\nCost,Barriers-cost\n", "rename.csv") // => { Cost: "Barriers-cost" }
 */
export function parseRenameMap(text: string, file: string): Record<string, string> {
  const body = text.replace(/^\uFEFF/, "");
  const map: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  if (body.trimStart().startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new InputError("RENAME_BAD_JSON", `the rename map is not valid JSON: ${(e as Error).message}`, { file, hint: 'write {"old name": "new name", …} or CSV lines old,new' });
    }
    if (!isRecord(parsed)) throw new InputError("RENAME_BAD_JSON", "the rename map must be a JSON object", { file, hint: 'write {"old name": "new name", …}' });
    for (const [from, to] of Object.entries(parsed)) {
      if (typeof to !== "string" || to.trim() === "" || from.trim() === "") {
        throw new InputError("RENAME_BAD_ENTRY", `the entry for "${from}" must map a name to a non-empty new name`, { file, where: from, hint: 'write "old name": "new name"' });
      }
      map[from.trim()] = to.trim();
    }
  } else {
    let headerAllowed = true;
    body.split(/\r\n|\n|\r/).forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
      const cells = splitCsvLine(raw);
      if (headerAllowed && cells !== null && cells.length === 2 && cells[0]!.toLowerCase() === "old" && cells[1]!.toLowerCase() === "new") {
        headerAllowed = false;
        return;
      }
      headerAllowed = false;
      if (cells === null || cells.length !== 2 || cells[0] === "" || cells[1] === "") {
        throw new InputError("RENAME_BAD_LINE", `expected "old name,new name", got ${JSON.stringify(raw)}`, { file, line, hint: "one rename per line: the old code name, a comma, the new code name (quote names that contain commas)" });
      }
      const [from, to] = cells as [string, string];
      if (Object.hasOwn(map, from) && map[from] !== to) {
        throw new InputError("RENAME_DUPLICATE", `"${from}" is renamed twice: to "${map[from]}" on line ${lineOf[from]} and to "${to}"`, { file, line, hint: "keep one of the two lines" });
      }
      map[from] = to;
      lineOf[from] = line;
    });
  }
  for (const from of Object.keys(map)) {
    try {
      currentName(from, map);
    } catch (e) {
      if (e instanceof InputError) throw new InputError("RENAME_CYCLE", e.message, { file, hint: e.hint ?? "" });
      throw e;
    }
  }
  return map;
}
