/**
 * The bad-input corpus (issue 6): every file in test/fixtures/bad/ is run through the CLI as its
 * manifest says. A refused input gives exit 1 and one message naming the file (and line or
 * element) with the expected code and a hint, no stack trace and no output file; an input the
 * analysis can go on with gives exit 0, the expected warning, and no NaN or Infinity anywhere.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "./_run.js";
import { GENERATED, type BadCase } from "../fixtures/bad/make-bad.js";
import { checkCoefficients, expectOneMessage, hasNonFinite, withoutWarnings } from "./_report-checks.js";

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/bad");
const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8")) as { cases: BadCase[] };

let work: { dir: string; done: () => void };
let outDir: { dir: string; done: () => void };

beforeAll(() => {
  // A copy, so that the generated inputs never land in the repository.
  work = tempDir();
  cpSync(CORPUS, work.dir, { recursive: true });
  for (const [name, make] of Object.entries(GENERATED)) writeFileSync(join(work.dir, name), make());
  outDir = tempDir();
});
afterAll(() => {
  work.done();
  outDir.done();
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the bad-input corpus", () => {
  it("has at least 40 committed files, under 1 MB in all, each used by a case", () => {
    const committed: string[] = [];
    let bytes = 0;
    const walk = (dir: string, prefix: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
        else {
          bytes += readFileSync(join(dir, e.name)).length;
          if (!["make-bad.ts", "manifest.json", ".gitkeep"].includes(e.name) && !e.name.startsWith("ok-")) committed.push(`${prefix}${e.name}`);
        }
      }
    };
    walk(CORPUS, "");
    expect(committed.length).toBeGreaterThanOrEqual(40);
    expect(bytes).toBeLessThan(1 << 20);
    const named = new Set(manifest.cases.flatMap((c) => c.args));
    const unused = committed.filter((f) => !named.has(f) && !manifest.cases.some((c) => f.startsWith(`${c.file}/`) || c.args.some((a) => f.startsWith(`${a.replace(/study\.json$/, "")}`) && a.includes("/"))));
    expect(unused).toEqual([]);
  });

  for (const c of manifest.cases) {
    it(`${c.args.join(" ")}: ${c.what}`, async () => {
      const tag = c.args.join("_").replace(/[^A-Za-z0-9]+/g, "-");
      const md = join(outDir.dir, `${tag}.md`);
      const json = join(outDir.dir, `${tag}.json`);
      const args = c.args[0] === "report" ? [...c.args, "--bootstrap", "0", "--out", md, "--json", json] : c.args;
      const r = await run(args, work.dir);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr).not.toContain("internal error");
      if (c.expect.exit === 1) {
        const e = c.expect;
        expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 1 });
        const loc = e.line !== undefined ? `${e.file}:${e.line}:` : `${e.file}:`;
        const head = r.stderr.split("\n")[0]!;
        expect(head.startsWith(`intercoder: ${loc}`), r.stderr).toBe(true);
        if (e.where !== undefined) expect(head).toContain(`(${e.where})`);
        expect(expectOneMessage(r.stderr)).toBe(e.code);
        expect(r.stdout).toBe("");
        expect(existsSync(md)).toBe(false);
        expect(existsSync(json)).toBe(false);
      } else {
        expect(r.code, r.stderr).toBe(0);
        if (c.args[0] === "report") {
          const report = JSON.parse(readFileSync(json, "utf8")) as { warnings: { code: string }[] };
          expect(checkCoefficients(report)).toEqual([]);
          expect(hasNonFinite(withoutWarnings(readFileSync(md, "utf8")))).toBe(false);
          const codes = report.warnings.map((w) => w.code);
          if (c.expect.warning !== undefined) expect(codes).toContain(c.expect.warning);
        } else {
          expect(hasNonFinite(r.stdout)).toBe(false);
          if (c.args.includes("--json")) expect(checkCoefficients(JSON.parse(r.stdout))).toEqual([]);
          if (c.expect.warning !== undefined) expect(r.stderr).toMatch(new RegExp(`^intercoder: warning: .*\\[${escape(c.expect.warning)}\\]$`, "m"));
        }
      }
    });
  }
});

describe("all coders coding nothing", () => {
  it("reports the overall alphas as undefined (no variation) and says there is nothing to measure", async () => {
    const md = join(outDir.dir, "nothing.md");
    const json = join(outDir.dir, "nothing.json");
    const r = await run(["report", "delve-no-codes.txt", "delve-no-codes-2.txt", "--bootstrap", "0", "--out", md, "--json", json], work.dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as { units: number; codes: unknown[]; overall: Record<string, { value: unknown; status: string; reason: string }> };
    expect(report.units).toBe(6);
    expect(report.codes).toEqual([]);
    for (const k of ["alphaMasi", "alphaNominalWholeSet"]) {
      expect(report.overall[k]).toMatchObject({ value: null, status: "undefined", reason: "no-variation" });
    }
    const text = readFileSync(md, "utf8");
    expect(text).toContain("No coder applied any code");
    expect(text).not.toContain("Every code reaches alpha");
    expect(text).toContain("undefined (no-variation)");
  });
});
