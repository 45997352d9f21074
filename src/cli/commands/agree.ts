/**
 * `intercoder agree <file.csv>`: every agreement coefficient that applies to a rating table
 * (long or wide; `--multi` for set-valued ratings), as a readable table or JSON.
 */
import type { CommandModule } from "yargs";
import { resolve } from "node:path";
import type { CliIo } from "../io.js";
import type { Level } from "../../model/reliability-matrix.js";
import { UsageError } from "../../model/errors.js";
import { readRatings } from "../../io/ratings-csv.js";
import { isDirectory } from "../../io/files.js";
import { agreementTable, agreementTableSets, type AgreementTable } from "../../metrics/agreement-table.js";
import { fixed, metric } from "../../report/_format.js";

interface AgreeArgs {
  file: string;
  format?: "long" | "wide";
  columns?: string;
  level: Level;
  multi: boolean;
  json: boolean;
  bootstrap: number;
  seed: number;
  unitsBootstrap: boolean;
}

export function renderAgreementTable(t: AgreementTable, file: string): string {
  const L: string[] = [];
  L.push(`${file}: ${t.units} units, ${t.coders} coders, ${t.numeric ? "numeric" : "categorical"} values; headline: ${t.headline}`);
  L.push("");
  const rows = Object.entries(t.metrics).sort(([a], [b]) => (a === t.headline ? -1 : b === t.headline ? 1 : 0));
  const width = Math.max(...rows.map(([n]) => n.length), 6);
  L.push(`${"metric".padEnd(width)}  ${"value".padStart(8)}  ${"SE".padStart(8)}  95% interval`);
  for (const [name, m] of rows) {
    const ci = m.bootstrap?.ci95 ?? m.ci95 ?? null;
    const ciText = ci ? `[${fixed(ci[0])}, ${fixed(ci[1])}]${m.bootstrap?.ci95 ? " bootstrap" : ""}` : "";
    const value = m.value === null ? `undefined (${m.reason ?? "no value"})` : metric(m).padStart(8);
    L.push(`${name.padEnd(width)}  ${value}  ${m.value === null ? "" : `${fixed(m.se ?? null).padStart(8)}  ${ciText}`}`.trimEnd());
  }
  const boot = t.metrics[t.headline]?.bootstrap;
  if (boot?.pBelow) {
    L.push("", `${t.headline}: P(alpha < 0.667) = ${fixed(boot.pBelow["0.667"])}, P(alpha < 0.800) = ${fixed(boot.pBelow["0.8"])} (${boot.resamples} resamples, seed ${boot.seed}; the interval moves by ${fixed(boot.intervalShiftAt2N)} with ${2 * boot.resamples})`);
  }
  if (t.perValue) {
    L.push("", "per value (presence of the value in a coder's set):");
    for (const [v, p] of Object.entries(t.perValue)) L.push(`  ${v}: alpha ${metric(p.alphaNominal)}, Fleiss ${metric(p.fleissKappa)}, AC1 ${metric(p.gwetAC1)}, Light ${metric(p.lightKappa)}`);
  }
  return `${L.join("\n")}\n`;
}

export function agreeCommand(io: CliIo): CommandModule<object, AgreeArgs> {
  return {
    command: "agree <file>",
    describe: "every agreement coefficient for a rating table (CSV)",
    builder: (y) =>
      y
        .positional("file", { type: "string", demandOption: true, describe: "a CSV: long (unit,coder,value; one row per rating) or wide (one row per unit, one column per coder)" })
        .option("format", { type: "string", choices: ["long", "wide"], describe: "table layout (default: long if the header has the three columns)" })
        .option("columns", { type: "string", describe: "long format: the unit, coder and value column names, comma-separated (default unit,coder,value)" })
        .option("level", { type: "string", choices: ["nominal", "ordinal", "interval", "ratio"], default: "nominal", describe: "level of measurement; picks the headline alpha" })
        .option("multi", { type: "boolean", default: false, describe: "a coder may give a unit several values (several rows); the unit's value is their set" })
        .option("json", { type: "boolean", default: false, describe: "print JSON (exact numbers)" })
        .option("bootstrap", { type: "number", default: 1000, describe: "Krippendorff-Hayes bootstrap resamples for alpha (0 = none)" })
        .option("seed", { type: "number", default: 20260101, describe: "seed of the bootstrap's random generator" })
        .option("units-bootstrap", { type: "boolean", default: false, describe: "also a percentile bootstrap over units for every coefficient (bootstrapUnits in JSON)" }) as never,
    handler: (argv) => {
      if (!Number.isInteger(argv.bootstrap) || argv.bootstrap < 0) throw new UsageError("BAD_OPTION", `--bootstrap must be a whole number ≥ 0, not ${argv.bootstrap}`);
      let columns: [string, string, string] | undefined;
      if (argv.columns !== undefined) {
        const parts = argv.columns.split(",").map((s) => s.trim());
        if (parts.length !== 3 || parts.some((p) => p.length === 0)) throw new UsageError("BAD_OPTION", `--columns needs three names (unit,coder,value), not "${argv.columns}"`);
        columns = [parts[0]!, parts[1]!, parts[2]!];
      }
      if (isDirectory(argv.file, io.cwd)) throw new UsageError("BAD_INPUT", "agree reads one CSV file, not a folder", { file: argv.file, hint: "for coded transcripts use `intercoder report`" });
      const options = { file: argv.file, ...(argv.format ? { format: argv.format } : {}), ...(columns ? { columns } : {}), level: argv.level };
      const boot = { level: argv.level, resamples: argv.bootstrap, seed: argv.seed, unitsBootstrap: argv.unitsBootstrap };
      const path = resolve(io.cwd, argv.file);
      const ratings = argv.multi ? readRatings(path, { ...options, multi: true }) : readRatings(path, { ...options, multi: false });
      const table = ratings.multi ? agreementTableSets(ratings.matrix, boot) : agreementTable(ratings.matrix, boot);
      for (const d of ratings.diagnostics) io.stderr(`intercoder: warning: ${[d.file, d.line].filter((x) => x !== undefined).join(":")}: ${d.message} [${d.code}]\n`);
      io.stdout(argv.json ? `${JSON.stringify(table, null, 2)}\n` : renderAgreementTable(table, argv.file));
    },
  };
}
