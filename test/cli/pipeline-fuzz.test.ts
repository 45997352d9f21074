/**
 * Whole-pipeline fuzzing (issue 6): one coder's file of the example study is mutated (bytes,
 * lines, code lines, speaker lines, BOMs, CRs, truncation) and `intercoder report` runs on it with
 * the other coder's untouched file. Whatever the mutation, the run ends with exit 0 and a report
 * whose every coefficient is a finite number or undefined with a reason (no NaN, no Infinity), or
 * with exit 1 and one message; never a crash.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "./_run.js";
import { checkCoefficients, expectOneMessage, hasNonFinite, withoutWarnings } from "./_report-checks.js";
import { fuzzRuns } from "../fuzz.config.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const B = readFileSync(join(ROOT, "data/interview-35/coder-b.txt"));
const B_TEXT = B.toString("utf8");
const B_LINES = B_TEXT.split("\n");

let tmp: { dir: string; done: () => void };
beforeAll(() => {
  tmp = tempDir();
  copyFileSync(join(ROOT, "data/interview-35/coder-a.txt"), join(tmp.dir, "coder-a.txt"));
});
afterAll(() => tmp.done());

type Mutation =
  | { kind: "flip"; at: number; x: number }
  | { kind: "cut"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "line"; at: number; text: string }
  | { kind: "delete-line"; at: number }
  | { kind: "swap-lines"; at: number; with: number };

const inserted = fc.constantFrom("\ufeff", "\r", "\u0000", "\n\n", "Interviewee\n\n", "Data-duplicates\n", "QM-robustness-fix", "\n\nSpeaker 2\n\n", "é", "\u00a0");
const lineText = fc.constantFrom("", "Interviewer 1", "Interviewee", "Data-duplicates", "QM-robustness", "New-code", "Created with the Delve Tool", "mm-hmm", "text of a turn that nobody else has");
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(B.length - 1), x: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(B.length) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(B_TEXT.length), text: inserted }),
  fc.record({ kind: fc.constant("line" as const), at: fc.nat(B_LINES.length - 1), text: lineText }),
  fc.record({ kind: fc.constant("delete-line" as const), at: fc.nat(B_LINES.length - 1) }),
  fc.record({ kind: fc.constant("swap-lines" as const), at: fc.nat(B_LINES.length - 1), with: fc.nat(B_LINES.length - 1) }),
);

function apply(mutations: readonly Mutation[]): Uint8Array {
  let bytes: Uint8Array = new Uint8Array(B);
  for (const m of mutations) {
    if (m.kind === "flip") { bytes = bytes.slice(); if (m.at < bytes.length) bytes[m.at] = bytes[m.at]! ^ m.x; continue; }
    if (m.kind === "cut") { bytes = bytes.subarray(0, Math.min(m.at, bytes.length)); continue; }
    const text = Buffer.from(bytes).toString("utf8"); // lossy for broken bytes, which is one more mutation
    const lines = text.split("\n");
    const i = m.at % Math.max(lines.length, 1);
    if (m.kind === "insert") bytes = new TextEncoder().encode(text.slice(0, m.at) + m.text + text.slice(m.at));
    else {
      if (m.kind === "line") lines[i] = m.text;
      else if (m.kind === "delete-line") lines.splice(i, 1);
      else { const j = m.with % lines.length; [lines[i], lines[j]] = [lines[j]!, lines[i]!]; }
      bytes = new TextEncoder().encode(lines.join("\n"));
    }
  }
  return bytes;
}

describe("report on a mutated coder file", () => {
  it("exit 0 with an honest report, or exit 1 with one message", async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
      n++;
      writeFileSync(join(tmp.dir, "coder-b.txt"), apply(mutations));
      const md = join(tmp.dir, `r${n}.md`);
      const json = join(tmp.dir, `r${n}.json`);
      const r = await run(["report", "coder-a.txt", "coder-b.txt", "--bootstrap", "20", "--out", md, "--json", json], tmp.dir);
      if (r.code === 0) {
        const report = JSON.parse(readFileSync(json, "utf8")) as { units: number; codes: { presence: Record<string, number>; pairs: { both: number; onlyFirst: number; onlySecond: number; neither: number }[] }[] };
        expect(checkCoefficients(report)).toEqual([]);
        expect(Number.isInteger(report.units) && report.units >= 0).toBe(true);
        // Counts are counts of units: whole, and never more than the units there are.
        for (const code of report.codes) {
          for (const p of Object.values(code.presence)) expect(Number.isInteger(p) && p >= 0 && p <= report.units).toBe(true);
          for (const pair of code.pairs) expect(pair.both + pair.onlyFirst + pair.onlySecond + pair.neither).toBeLessThanOrEqual(report.units);
        }
        expect(hasNonFinite(withoutWarnings(readFileSync(md, "utf8")))).toBe(false);
      } else {
        expect(r.code, r.stderr).toBe(1);
        expectOneMessage(r.stderr);
        expect(existsSync(md) || existsSync(json)).toBe(false);
      }
      rmSync(md, { force: true });
      rmSync(json, { force: true });
    }), { numRuns: fuzzRuns(60, 1 / 20) });
  });
});
