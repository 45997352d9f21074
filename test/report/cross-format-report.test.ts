/**
 * Issue 4, "Done when": the same codings given as Delve exports, as one REFI-QDA project with
 * three users, as a MAXQDA-style project with one document copy per coder, and as long CSV give
 * identical per-code numbers.
 */
import { describe, expect, it } from "vitest";
import { alignStudy } from "../../src/align/align-study.js";
import { buildReport } from "../../src/report/build-report.js";
import type { CodedTranscript } from "../../src/model/transcript.js";
import { buildAllFormats, type Format } from "../io/_all-formats.js";

function perCodeNumbers(groups: CodedTranscript[][]) {
  const coders = [...new Set(groups.flat().map((c) => c.coder))];
  const transcripts = alignStudy(groups.map((codings) => ({ name: codings[0]!.name, codings })), coders);
  const report = buildReport({ name: "x", version: "test", coders, transcripts, inputs: [], options: {}, resamples: 200, seed: 7 });
  return {
    units: report.units,
    overall: [report.overall.alphaMasi.value, report.overall.alphaNominalWholeSet.value],
    codes: report.codes.map((c) => ({
      code: c.code,
      presence: c.presence,
      pairs: c.pairs.map((p) => [p.both, p.onlyFirst, p.onlySecond, p.neither, p.percentAgreement, p.cohenKappa.value]),
      percentAgreement: c.percentAgreement,
      unanimous: c.unanimousAgreement,
      light: c.lightKappa.value,
      fleiss: c.fleissKappa.value,
      alpha: c.krippendorffAlpha.value,
      interval: c.krippendorffAlpha.bootstrap?.ci95 ?? null,
      disagreements: c.disagreements.map((d) => [d.turn, d.appliedBy, d.notAppliedBy]),
    })),
  };
}

describe("one study in four input formats", () => {
  const all = buildAllFormats();
  const delve = perCodeNumbers(all.delve);

  it("the Delve exports give the example study's numbers (131 units, 15 codes)", () => {
    expect(delve.units).toBe(131);
    expect(delve.codes).toHaveLength(15);
    expect(delve.codes.some((c) => c.alpha !== null && c.alpha < 1)).toBe(true);
  });

  for (const format of ["qdpx-shared", "qdpx-per-coder", "csv-long"] as Format[]) {
    it(`${format} gives exactly the Delve exports' per-code numbers`, () => {
      expect(perCodeNumbers(all[format])).toEqual(delve);
    });
  }
});
