import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alignStudy } from "../../src/align/align-study.js";
import { presenceMatrix } from "../../src/align/to-matrix.js";
import { loadStudy } from "../../src/io/load-study.js";
import { krippendorffAlpha } from "../../src/metrics/krippendorff-alpha.js";
import { simulateCodings, simulateStudy, type SimulateStudyOptions, type StudyFormat } from "../../src/simulate/study.js";

const temp = mkdtempSync(join(tmpdir(), "intercoder-simulate-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Write the files, run the real importers and the alignment, and return each code's nominal alpha. */
function measuredAlphas(options: SimulateStudyOptions): { coders: string[]; units: number; alphas: (number | null)[]; unmatched: number } {
  const dir = mkdtempSync(join(temp, `${options.format ?? "delve"}-`));
  const files = simulateStudy(options);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  const input = (options.format ?? "delve") === "delve" ? dir : join(dir, Object.keys(files)[0]!);
  const study = loadStudy([input], { cwd: "/" });
  const aligned = alignStudy(study.groups, study.coders);
  const units = aligned.flatMap((t) => t.units);
  const codes = Array.from({ length: options.codes }, (_, k) => `Code-${String(k + 1).padStart(3, "0")}`);
  return {
    coders: study.coders,
    units: units.length,
    alphas: codes.map((c) => krippendorffAlpha(presenceMatrix(study.coders, units, c), { level: "nominal" }).value),
    unmatched: aligned.reduce((s, t) => s + Object.values(t.unmatched).reduce((x, l) => x + l.length, 0), 0),
  };
}

describe("simulateStudy", () => {
  const small: SimulateStudyOptions = { transcripts: 3, turns: 40, coders: 3, codes: 5, reliability: 0.7, prevalence: 0.2, seed: 11 };

  it("is deterministic: the same options give the same bytes, another seed other bytes", () => {
    for (const format of ["delve", "qdpx", "maxqda", "csv-long"] as const) {
      const a = simulateStudy({ ...small, format, alignmentNoise: 0.1, missingTranscripts: 1 });
      const b = simulateStudy({ ...small, format, alignmentNoise: 0.1, missingTranscripts: 1 });
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const [path, bytes] of Object.entries(a)) expect(Buffer.from(bytes).equals(Buffer.from(b[path]!)), `${format} ${path}`).toBe(true);
    }
    const other = simulateStudy({ ...small, seed: 12 });
    expect(Buffer.from(other["coder-01/interview-01.txt"]!).equals(Buffer.from(simulateStudy(small)["coder-01/interview-01.txt"]!))).toBe(false);
  });

  it("lays out a study folder for Delve and one file for the other formats", () => {
    expect(Object.keys(simulateStudy(small)).sort()).toEqual(
      ["coder-01", "coder-02", "coder-03"].flatMap((c) => ["01", "02", "03"].map((t) => `${c}/interview-${t}.txt`)),
    );
    expect(Object.keys(simulateStudy({ ...small, format: "qdpx" }))).toEqual(["study.qdpx"]);
    expect(Object.keys(simulateStudy({ ...small, format: "maxqda" }))).toEqual(["study.qdpx"]);
    expect(Object.keys(simulateStudy({ ...small, format: "csv-long" }))).toEqual(["study.csv"]);
  });

  it("leaves the asked count of (coder, transcript) pairs uncoded, keeping two coders per transcript", () => {
    const codings = simulateCodings({ ...small, transcripts: 4, coders: 3, missingTranscripts: 3 });
    const skipped = codings.values.flatMap((row) => row.filter((v) => v === null)).length;
    expect(skipped).toBe(3);
    for (const row of codings.values) expect(row.filter((v) => v !== null).length).toBeGreaterThanOrEqual(2);
    // A share: round(0.25 × 12 pairs) = 3.
    expect(simulateCodings({ ...small, transcripts: 4, missingTranscripts: 0.25 }).values.flat().filter((v) => v === null).length).toBe(3);
    // Never below two coders: with two coders nothing can be skipped.
    expect(simulateCodings({ ...small, coders: 2, missingTranscripts: 5 }).values.flat().every((v) => v !== null)).toBe(true);
  });

  it("gives every coder the true codes when the target alpha is 1", () => {
    const codings = simulateCodings({ ...small, reliability: 1 });
    codings.values.forEach((row, t) => row.forEach((coder) => expect(coder).toEqual(codings.truth[t])));
  });

  it("gives the same per-code alpha as Delve folders, a shared REFI-QDA project, a MAXQDA-style project and long CSV", () => {
    const options = { ...small, missingTranscripts: 1 };
    const results = (["delve", "qdpx", "maxqda", "csv-long"] as StudyFormat[]).map((format) => measuredAlphas({ ...options, format }));
    for (const r of results) {
      expect(r.coders).toEqual(["coder-01", "coder-02", "coder-03"]);
      expect(r.units).toBe(120);
      expect(r.alphas).toEqual(results[0]!.alphas);
    }
  });

  it("edits, inserts and deletes about the asked share of turns in each coder's copy", () => {
    // 3 coders × 4 transcripts × 100 turns; deletions (ν/3 = 4%) leave reference turns unmatched.
    const r = measuredAlphas({ ...small, transcripts: 4, turns: 100, alignmentNoise: 0.12, format: "delve" });
    expect(r.unmatched).toBeGreaterThan(0);
    expect(r.units).toBeGreaterThan(380);
  });

  it("calibrates each code's alpha to its target: measured alpha within 0.05 of it on 3,000 units", () => {
    // Expected alpha = r² with r = √target (module doc). With 3 coders, prevalence 0.25 and 3,000
    // units the standard error of a binary alpha is about 0.015, so 0.05 is over three of them.
    const targets = [0.3, 0.5, 0.667, 0.8, 0.9, 0.95];
    const r = measuredAlphas({
      transcripts: 10, turns: 300, coders: 3, codes: targets.length, reliability: (k) => targets[k]!, prevalence: 0.25,
      missingTranscripts: 0, seed: 5, format: "csv-long",
    });
    r.alphas.forEach((alpha, k) => expect(Math.abs(alpha! - targets[k]!), `code ${k + 1}: alpha ${alpha} vs ${targets[k]}`).toBeLessThan(0.05));
  });

  it("rejects sizes that are not whole numbers", () => {
    expect(() => simulateStudy({ ...small, coders: 1 })).toThrow(RangeError);
    expect(() => simulateStudy({ ...small, turns: 2.5 })).toThrow(RangeError);
  });
});
