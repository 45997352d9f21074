/**
 * `intercoder align <inputs...>`: prints how the coders' turns were matched, turn by turn, with
 * the similarity of texts that differ and every turn that could not be matched, so a user can
 * check the alignment before trusting the numbers.
 */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import type { AlignedTranscript } from "../../model/aligned.js";
import { loadStudy } from "../../io/load-study.js";
import type { InputFormat } from "../../io/index.js";
import { parseSpeakerList } from "../../io/_speakers.js";
import { alignStudy } from "../../align/align-study.js";
import { toUnits } from "../../align/units.js";
import type { UnitKind } from "../../model/transcript.js";

interface AlignArgs {
  inputs: string[];
  coders?: string;
  speakers?: string;
  format?: InputFormat;
  json?: boolean;
  unit: UnitKind;
}

export function renderAlignment(t: AlignedTranscript): string {
  const L: string[] = [];
  const present = t.coders.filter((_, i) => t.files[i] !== null);
  L.push(`transcript "${t.name}": ${t.units.length} units of ${t.referenceTurns} reference ${t.unitKind ?? "turn"}s, aligned ${t.method === "by-number" ? "by number (same structure)" : "by speaker and text similarity"}`);
  L.push(`coders: ${present.map((c) => `${c} (${t.files[t.coders.indexOf(c)]})`).join(", ")}`);
  const diffs = new Map(t.textDifferences.map((d) => [`${d.coder}#${d.turn}`, d.similarity]));
  const unmatched = new Map<number, string[]>();
  for (const [coder, turns] of Object.entries(t.unmatched)) for (const n of turns) unmatched.set(n, [...(unmatched.get(n) ?? []), coder]);
  L.push("", [t.unitKind ?? "turn", "speaker", ...present].join("\t"));
  const byTurn = new Map(t.units.map((u) => [u.turn, u]));
  for (let turn = 1; turn <= t.referenceTurns; turn++) {
    const u = byTurn.get(turn);
    const cells = present.map((c) => {
      const i = t.coders.indexOf(c);
      const own = u?.coderTurns[i] ?? null;
      if (own === null) return unmatched.get(turn)?.includes(c) ? "UNMATCHED" : "–";
      const sim = diffs.get(`${c}#${turn}`);
      return sim === undefined ? `t${own}` : `t${own} (${sim.toFixed(3)})`;
    });
    L.push([String(turn), u?.speaker ?? "", ...cells].join("\t"));
  }
  const extra = Object.entries(t.extra).filter(([, l]) => l.length > 0);
  L.push("", `unmatched reference turns: ${Object.entries(t.unmatched).filter(([, l]) => l.length > 0).map(([c, l]) => `${c}: ${l.join(", ")}`).join("; ") || "none"}`);
  L.push(`coder turns matching no reference turn: ${extra.map(([c, l]) => `${c}: ${l.join(", ")}`).join("; ") || "none"}`);
  L.push(`matched turns whose texts differ: ${t.textDifferences.length === 0 ? "none" : t.textDifferences.map((d) => `${d.coder} t${d.turn}↔t${d.coderTurn} (${d.similarity.toFixed(3)})`).join(", ")}`);
  return `${L.join("\n")}\n`;
}

export function alignCommand(io: CliIo): CommandModule<object, AlignArgs> {
  return {
    command: "align <inputs..>",
    describe: "show how the coders' turns were aligned (similarity, unmatched turns)",
    builder: (y) =>
      y
        .positional("inputs", { type: "string", array: true, demandOption: true, describe: "the same inputs as `report`" })
        .option("coders", { type: "string", describe: "coder names, comma-separated, in file order" })
        .option("speakers", { type: "string", describe: "speaker labels, comma-separated" })
        .option("format", { type: "string", choices: ["delve", "qdpx", "csv-long", "csv-wide"], describe: "input format (default: detected)" })
        .option("unit", { type: "string", choices: ["turn", "paragraph", "sentence", "document"], default: "turn", describe: "the units to align" })
        .option("json", { type: "boolean", default: false, describe: "print the alignment as JSON" }) as never,
    handler: (argv) => {
      const coders = argv.coders?.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
      const speakers = parseSpeakerList(argv.speakers);
      const study = loadStudy(argv.inputs, { cwd: io.cwd, ...(coders ? { coders } : {}), ...(speakers ? { speakers } : {}), ...(argv.format ? { format: argv.format } : {}) });
      const groups = argv.unit === "turn" ? study.groups : study.groups.map((g) => ({ ...g, codings: g.codings.map((c) => toUnits(c, argv.unit)) }));
      const aligned = alignStudy(groups, study.coders);
      io.stdout(argv.json ? `${JSON.stringify(aligned, null, 2)}\n` : aligned.map(renderAlignment).join("\n"));
    },
  };
}
