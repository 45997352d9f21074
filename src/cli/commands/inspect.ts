/** `intercoder inspect <file>`: what an input holds (coders, transcripts, codes, what was skipped). */
import type { CommandModule } from "yargs";
import type { CliIo } from "../io.js";
import { readInputFile, fileStem } from "../../io/files.js";
import { readCoded, type InputFormat } from "../../io/index.js";
import { inspectSummary, renderInspect } from "../../io/inspect.js";
import { parseSpeakerList } from "../../io/_speakers.js";
import type { CoderFrom } from "../../io/qdpx.js";

interface InspectArgs {
  file: string;
  format?: InputFormat;
  coderFrom?: CoderFrom;
  speakers?: string;
  json?: boolean;
}

export function inspectCommand(io: CliIo): CommandModule<object, InspectArgs> {
  return {
    command: "inspect <file>",
    describe: "show what an input holds: coders, transcripts, codes, skipped items, warnings",
    builder: (y) =>
      y
        .positional("file", { type: "string", demandOption: true, describe: "any supported input (Delve export, .qdpx, CSV)" })
        .option("format", { type: "string", choices: ["delve", "qdpx", "csv-long", "csv-wide"], describe: "input format (default: detected from content)" })
        .option("coder-from", { type: "string", choices: ["selection", "coding"], describe: "REFI-QDA: where the coder of a coded span is read from" })
        .option("speakers", { type: "string", describe: "speaker labels, comma-separated" })
        .option("json", { type: "boolean", default: false, describe: "print the summary as JSON" }) as never,
    handler: (argv) => {
      const bytes = readInputFile(argv.file, io.cwd);
      const speakers = parseSpeakerList(argv.speakers);
      const result = readCoded(bytes, {
        file: argv.file,
        coder: fileStem(argv.file),
        ...(argv.format ? { format: argv.format } : {}),
        ...(argv.coderFrom ? { coderFrom: argv.coderFrom } : {}),
        ...(speakers ? { speakers } : {}),
      });
      const summary = inspectSummary(result.inspect);
      io.stdout(argv.json ? `${JSON.stringify(summary, null, 2)}\n` : renderInspect(summary));
    },
  };
}
