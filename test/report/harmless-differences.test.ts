import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLE_CODERS } from "../../src/simulate/make-example.js";
import { perturbDelve } from "../../src/simulate/perturb.js";
import { run, tempDir } from "../cli/_run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("harmless differences of a coder's copy", () => {
  it("BOM, CRLF, trailing spaces and a fixed typo give exactly the numbers of a clean copy", async () => {
    const seed = readFileSync(join(root, "seeds/interview-35.txt"), "utf8");
    const clean = perturbDelve(seed, { ...EXAMPLE_CODERS["coder-c"]!, harmless: false });
    const messy = readFileSync(join(root, "data/interview-35/coder-c.txt"));
    expect(messy.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(messy.includes("\r\n")).toBe(true);
    const { dir, done } = tempDir();
    try {
      for (const v of ["clean", "messy"]) mkdirSync(join(dir, v));
      for (const v of ["clean", "messy"]) {
        writeFileSync(join(dir, v, "coder-a.txt"), readFileSync(join(root, "data/interview-35/coder-a.txt")));
        writeFileSync(join(dir, v, "coder-b.txt"), readFileSync(join(root, "data/interview-35/coder-b.txt")));
      }
      writeFileSync(join(dir, "clean", "coder-c.txt"), clean);
      writeFileSync(join(dir, "messy", "coder-c.txt"), messy);
      const report = async (v: string) => {
        const r = await run(["report", `${v}/coder-a.txt`, `${v}/coder-b.txt`, `${v}/coder-c.txt`, "--json", `${v}.json`, "--no-charts", "--quiet", "--bootstrap", "200"], dir);
        expect(r.code).toBe(0);
        return JSON.parse(readFileSync(join(dir, `${v}.json`), "utf8"));
      };
      const a = await report("clean");
      const b = await report("messy");
      expect(b.units).toBe(131);
      // Excerpts quote the reference copy (coder-a), so even the disagreement texts are equal.
      expect(b.codes).toEqual(a.codes);
      expect(b.overall).toEqual(a.overall);
      expect(b.transcripts[0].textDifferences.map((d: { coder: string; turn: number }) => [d.coder, d.turn])).toEqual([["coder-c", 3]]);
      expect(a.transcripts[0].textDifferences).toEqual([]);
    } finally {
      done();
    }
  });
});
