/**
 * Throughput of the long ratings CSV reader (issue 3: at least 20 MB/s; issue 6: 10^7 ratings
 * streamed with memory bounded by the reliability matrix). Writes temporary CSVs of 10^6 and
 * 10^7 ratings (units × 5 coders, values 1..10, 10% missing rows) into the OS temp folder, reads
 * each from its path (10^6: median of 3 reads), prints MB/s and peak RSS beside the targets, and deletes the files.
 *
 * Run: `npx tsx test/bench/csv-bench.ts`
 */
import { closeSync, openSync, rmSync, statSync, writeSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readRatings } from "../../src/io/ratings-csv.js";
// A deterministic generator so every run writes the same file.
import { mulberry32 } from "../../src/simulate/_prng.js";

const TARGET_MB_PER_S = 20;
const CODERS = 5;


/** Write about `ratings` rows of `unit,coder,value`; returns the exact number of rows written. */
function writeRatingsCsv(path: string, ratings: number): number {
  const rng = mulberry32(42);
  const fd = openSync(path, "w");
  let buf = "unit,coder,value\n";
  let rows = 0;
  const units = Math.ceil(ratings / CODERS);
  for (let u = 0; u < units && rows < ratings; u++) {
    for (let c = 0; c < CODERS && rows < ratings; c++) {
      rows++;
      if (rng() < 0.1) continue;
      buf += `u${u},coder${c},${1 + Math.floor(rng() * 10)}\n`;
    }
    if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ""; }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return rows;
}

export async function benchCsv(print: (line: string) => void = console.log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "intercoder-csv-bench-"));
  try {
    print(`long ratings CSV (unit,coder,value; ${CODERS} coders, 10 values, 10% missing), read from a path`);
    print("ratings      MB     seconds   MB/s (target ≥ 20)   RSS before → peak MB   matrix cells");
    for (const n of [1e6, 1e7]) {
      const path = join(dir, `ratings-${n}.csv`);
      writeRatingsCsv(path, n);
      const mb = statSync(path).size / 1e6;
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage.rss();
      // 10^6: median of 3 reads (the first one also compiles the parser); 10^7: one read.
      const times: number[] = [];
      let result: ReturnType<typeof readRatings> | undefined;
      for (let run = 0; run < (n <= 1e6 ? 3 : 1); run++) {
        result = undefined;
        const t0 = process.hrtime.bigint();
        result = readRatings(path, { file: path });
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
      }
      const seconds = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      // The OS's high-water mark (the read is synchronous, so sampling could not see inside it).
      const peak = process.resourceUsage().maxRSS * 1024;
      const rate = mb / seconds;
      const cells = result!.matrix.coders.length * result!.matrix.units.length;
      print(`${n.toExponential(0).padEnd(10)} ${mb.toFixed(1).padStart(6)} ${seconds.toFixed(2).padStart(9)} ${rate.toFixed(1).padStart(8)} ${rate >= TARGET_MB_PER_S ? "(met)    " : "(MISSED) "} ${(before / 1e6).toFixed(0).padStart(10)} → ${(peak / 1e6).toFixed(0).padEnd(10)} ${cells}`);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchCsv();
}
