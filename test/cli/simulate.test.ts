import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseReliability } from "../../src/cli/commands/simulate.js";
import { simulateStudy } from "../../src/simulate/study.js";
import { run, tempDir } from "./_run.js";

const { dir, done } = tempDir();
afterAll(done);

describe("intercoder simulate (synthetic study)", () => {
  it("writes the generator's files for the size options given, and the report reads them on 2 threads", async () => {
    const r = await run(["simulate", "--transcripts", "2", "--turns", "30", "--coders", "3", "--codes", "4", "--reliability", "0.6:0.9", "--format", "csv-long", "--seed", "4", "--out", "syn"], dir);
    expect(r.code).toBe(0);
    const expected = simulateStudy({ transcripts: 2, turns: 30, coders: 3, codes: 4, reliability: parseReliability("0.6:0.9", 4), missingTranscripts: 0, alignmentNoise: 0, seed: 4, format: "csv-long" });
    expect(readFileSync(join(dir, "syn/study.csv"))).toEqual(Buffer.from(expected["study.csv"]!));
    const serial = await run(["report", "syn/study.csv", "--json", "serial.json", "--out", "serial.md", "--bootstrap", "200", "--no-charts", "--threads", "1"], dir);
    const threaded = await run(["report", "syn/study.csv", "--json", "threaded.json", "--out", "threaded.md", "--bootstrap", "200", "--no-charts", "--threads", "2"], dir);
    expect([serial.code, threaded.code]).toEqual([0, 0]);
    expect(readFileSync(join(dir, "threaded.json"), "utf8")).toBe(readFileSync(join(dir, "serial.json"), "utf8"));
    expect(readFileSync(join(dir, "threaded.md"), "utf8")).toBe(readFileSync(join(dir, "serial.md"), "utf8"));
  });

  it("writes a Delve study folder by default, one subfolder per coder", async () => {
    const r = await run(["simulate", "--codes", "3", "--transcripts", "1", "--turns", "5", "--out", "delve"], dir);
    expect(r.code).toBe(0);
    for (const c of ["coder-01", "coder-02", "coder-03"]) expect(existsSync(join(dir, `delve/${c}/interview-01.txt`))).toBe(true);
  });

  it("spreads a reliability range evenly over the codes and refuses values outside 0..1", async () => {
    const f = parseReliability("0.5:0.9", 5);
    [0.5, 0.6, 0.7, 0.8, 0.9].forEach((x, k) => expect(f(k)).toBeCloseTo(x, 12));
    expect(parseReliability("0.7", 3)(2)).toBe(0.7);
    const bad = await run(["simulate", "--codes", "3", "--reliability", "1.5", "--out", "bad"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--reliability");
    const few = await run(["simulate", "--coders", "1", "--out", "bad"], dir);
    expect(few.code).toBe(1);
    expect(few.stderr).toContain("coders");
  });
});
