/**
 * `npm run bench`: every benchmark, with its target beside each figure. Timings are medians of
 * several runs on this machine; they are printed, never asserted in unit tests.
 * `npm run bench -- metrics align` runs only the named parts.
 */
import { benchAlign } from "./align-bench.js";
import { benchCsv } from "./csv-bench.js";
import { benchMetrics } from "./metrics-bench.js";
import { benchPipeline } from "./pipeline-bench.js";

const parts: Record<string, (print: (line: string) => void) => Promise<void>> = {
  metrics: benchMetrics,
  align: benchAlign,
  csv: benchCsv,
  pipeline: benchPipeline,
};

const chosen = process.argv.slice(2).filter((a) => a in parts);
const print = (line: string) => console.log(line);
for (const name of chosen.length > 0 ? chosen : Object.keys(parts)) {
  print(`\n## ${name}\n`);
  await parts[name]!(print);
}
