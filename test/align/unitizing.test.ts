import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { unitizingForTranscript, unitizingStudy, type UnitizingStudyResult } from "../../src/align/unitizing.js";
import { toUnits, UNIT_KINDS } from "../../src/align/units.js";
import { readDelve } from "../../src/io/delve.js";
import { readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx, type QdpxWriteSource } from "../../src/io/qdpx-write.js";
import { unitizingAlpha, type UnitizingSpan } from "../../src/metrics/unitizing-alpha.js";
import { InputError } from "../../src/model/errors.js";
import type { CodedTranscript, UnitKind } from "../../src/model/transcript.js";
import { transcript } from "../_helpers/transcript.js";
import { A1, A2, delveText, Q1, Q2, readDelveText, turnsAgreeParagraphsDiffer } from "./_delve-text.js";

const study = ["a", "b", "c"].map((c) =>
  readDelve(readFileSync(new URL(`../../data/interview-35/coder-${c}.txt`, import.meta.url)), { file: `coder-${c}.txt`, coder: c }));

function studyAt(codings: readonly CodedTranscript[], unit: UnitKind, codes?: readonly string[]): UnitizingStudyResult {
  const units = codings.map((c) => toUnits(c, unit));
  return unitizingStudy([{ codings: units, aligned: alignTranscripts(units) }], codes ? { codes } : {});
}

/**
 * |uα of two coders who each mark one stretch, disjoint, on a continuum of length L (Krippendorff
 * et al. 2016 coincidences, worked by hand): ℓ_cc = 0, ℓ_cφ = ℓ_φc = a + b, ℓ_φφ = 2(L − a − b),
 * ℓ.. = 2L; D_o = (a + b)/L; ε_same = 2L·[(2L − a − b)² − (2L − a − b) + 2ab] / [(2L)² − a² − b² − (2L − a − b)].
 */
function disjointBinaryAlpha(a: number, b: number, L: number): number {
  const gap = 2 * L - a - b;
  const expectedSame = (2 * L * (gap * gap - gap + 2 * a * b)) / (4 * L * L - a * a - b * b - gap);
  const observed = (a + b) / L;
  const expected = (2 * L - expectedSame) / (2 * L);
  return 1 - observed / expected;
}

describe("unitizingForTranscript", () => {
  const a = readDelveText(turnsAgreeParagraphsDiffer.a, "a");
  const b = readDelveText(turnsAgreeParagraphsDiffer.b, "b");

  it("uses the spans as they are over a shared text, and gives the hand-worked |uα for disjoint paragraphs", () => {
    const aligned = alignTranscripts([a, b]);
    const t = unitizingForTranscript([a, b], aligned);
    expect(t.method).toBe("shared-text");
    const L = a.text!.length;
    const p1 = a.text!.indexOf(A1);
    const p2 = a.text!.indexOf(A2);
    expect(t.continua).toHaveLength(1);
    expect(t.continua[0]!.start).toBe(0);
    expect(t.continua[0]!.length).toBe(L);
    expect(t.continua[0]!.spans.filter((s) => s.code === "Data-missing")).toEqual([
      { coder: "a", start: p1, end: p1 + A1.length, code: "Data-missing" },
      { coder: "b", start: p2, end: p2 + A2.length, code: "Data-missing" },
    ]);
    const r = unitizingStudy([{ codings: [a, b], aligned }]);
    const missing = r.perCode["Data-missing"]!.unitizingAlphaPerCodeBinary;
    expect(missing.status).toBe("ok");
    expect(missing.value!).toBeCloseTo(disjointBinaryAlpha(A1.length, A2.length, L), 12);
    expect(missing.value!).toBeLessThan(0);
    // Both coded the same paragraph with Data-imputation: perfect agreement on its extent.
    expect(r.perCode["Data-imputation"]!.unitizingAlphaPerCodeBinary.value).toBeCloseTo(1, 12);
  });

  it("maps a coder's spans onto the reference text through aligned units: exact at paragraph edges, proportional inside", () => {
    // Reference "The readings are missing." (25), copy "The readings are often missing." (31).
    const ref = "The readings are missing.";
    const copy = "The readings are often missing.";
    const make = (p: string, codes: string[]) => delveText("Interview 4", [["Interviewer", [[Q1]]], ["Interviewee", [[p, codes]]], ["Interviewer", [[Q2, ["Follow-up"]]]]]);
    const x = readDelveText(make(ref, ["Data-missing"]), "x");
    const y = readDelveText(make(copy, []), "y");
    // y marks "missing." inside its paragraph (offset 23 of 31) by a hand-made span.
    const yStart = y.text!.indexOf(copy);
    y.spans = [...y.spans!, { start: yStart + 23, end: yStart + 31, code: "Data-missing" }];
    const t = unitizingForTranscript([x, y], alignTranscripts([x, y]));
    expect(t.method).toBe("mapped");
    const xStart = x.text!.indexOf(ref);
    // Anchors: the common prefix "The readings are " (17) and suffix "missing." (8): offset 23 of
    // the copy is the suffix start, 17 in the reference; the end is the paragraph's end.
    expect(t.continua[0]!.spans.filter((s) => s.coder === "y")).toEqual([
      { coder: "y", start: xStart + 17, end: xStart + 25, code: "Data-missing" },
      { coder: "y", start: x.text!.indexOf(Q2), end: x.text!.indexOf(Q2) + Q2.length, code: "Follow-up" },
    ]);
    expect(x.text!.slice(xStart + 17, xStart + 25)).toBe("missing.");
    expect(t.continua).toEqual([{ start: 0, length: x.text!.length, coders: ["x", "y"], spans: t.continua[0]!.spans }]);
    expect(t.diagnostics).toEqual([]);
    // A span on "often" (only the copy has it) maps to nothing, and says so; one on "readings
    // are often" keeps its part before the edit.
    y.spans = [{ start: yStart + 17, end: yStart + 22, code: "Hedge" }, { start: yStart + 4, end: yStart + 22, code: "Span" }];
    const u = unitizingForTranscript([x, y], alignTranscripts([x, y]));
    expect(u.continua[0]!.spans.filter((s) => s.coder === "y")).toEqual([{ coder: "y", start: xStart + 4, end: xStart + 17, code: "Span" }]);
    expect(u.diagnostics.map((d) => d.message)).toEqual([
      `5 coded characters of y in "Interview 4" have no counterpart in "x.txt" (in units that match none of it, or text only this copy has); they are left out of unitizing alpha`,
    ]);
  });

  it("cuts reference units some coder could not match out of the continuum and drops spans in the coder's unmatched units", () => {
    const swap = turnsAgreeParagraphsDiffer.a.replace(Q2, "What else went wrong with the plant, if anything at all?\n\nTopic-other");
    const y = readDelveText(swap, "y");
    const aligned = alignTranscripts([a, y]);
    expect(aligned.unmatched).toEqual({ a: [], y: [3] });
    const t = unitizingForTranscript([a, y], aligned);
    const q2 = a.text!.indexOf(Q2);
    expect(t.excluded).toEqual([{ start: q2, end: q2 + Q2.length }]);
    expect(t.continua.map((c) => [c.start, c.length])).toEqual([[0, q2], [q2 + Q2.length, a.text!.length - q2 - Q2.length]]);
    expect(t.continua.flatMap((c) => c.spans).some((s) => s.code === "Topic-other")).toBe(false);
    const dropped = "What else went wrong with the plant, if anything at all?".length;
    expect(t.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["unitizing-span-unmatched", `${dropped} coded characters of y in "Interview 1" have no counterpart in "a.txt" (in units that match none of it, or text only this copy has); they are left out of unitizing alpha`],
    ]);
    // Away from the cut, y's spans are a's: every figure is 1 or undefined.
    const r = unitizingStudy([{ codings: [a, y], aligned }]);
    expect(r.unitizingAlphaBinary.value).toBeCloseTo(1, 12);
    expect(r.perCode["Topic-other"]!.unitizingAlphaPerCodeBinary).toMatchObject({ status: "undefined", reason: "no-spans", value: null });
  });

  it("refuses codings without character spans with an InputError naming the file", () => {
    const p = transcript("p", [["Interviewer", "Hello."]]);
    const q = transcript("q", [["Interviewer", "Hello."]]);
    let error: unknown;
    try {
      unitizingForTranscript([p, q], alignTranscripts([p, q]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe("UNITIZING_NO_SPANS");
    expect((error as InputError).file).toBe("p.txt");
  });
});

describe("unitizingStudy on the example study", () => {
  const results = new Map(UNIT_KINDS.map((u) => [u, studyAt(study, u)]));

  it("maps coder c's copy (one typo fixed) onto coder a's text, giving exactly the continuum built from paragraph numbers", () => {
    // Independent construction: every coder's paragraph codes laid on coder a's paragraph of the same number.
    const reference = study[0]!.turns.flatMap((t) => t.paragraphs);
    const spans: UnitizingSpan[] = study.flatMap((coding) =>
      coding.turns.flatMap((t) => t.paragraphs).flatMap((p, i) =>
        p.codes.map((code) => ({ coder: coding.coder, start: reference[i]!.span!.start, end: reference[i]!.span!.end, code }))));
    const codes = [...new Set(study.flatMap((c) => c.codesUsed))];
    const expected = unitizingAlpha({ length: study[0]!.text!.length, coders: ["a", "b", "c"], spans }, { codes });
    expect(study[2]!.text).not.toBe(study[0]!.text);
    for (const unit of UNIT_KINDS) {
      const r = results.get(unit)!;
      expect(r.transcripts[0]!.method).toBe("mapped");
      expect(r.transcripts[0]!.excluded).toEqual([]);
      expect(r.diagnostics).toEqual([]);
      expect(r.unitizingAlphaBinary).toEqual(expected.unitizingAlphaBinary);
      expect(r.unitizingAlpha).toEqual(expected.unitizingAlpha);
      expect(Object.keys(r.perCode)).toEqual(codes.sort());
      for (const code of codes) {
        expect(r.perCode[code]!.unitizingAlphaPerCodeBinary).toEqual(expected.unitizingAlphaPerCodeBinary[code]);
        expect(r.perCode[code]!.unitizingAlphaPerCode).toEqual(expected.unitizingAlphaPerCode[code]);
      }
    }
  });

  it("is undefined with a reason, never NaN, where Delve paragraphs carry several codes, and for a code with no spans", () => {
    const r = studyAt(study, "turn", ["Never-used"]);
    expect(r.unitizingAlpha).toMatchObject({ status: "undefined", reason: "overlapping-codes", value: null });
    expect(r.unitizingAlphaCode).toMatchObject({ status: "undefined", reason: "overlapping-codes", value: null });
    expect(r.unitizingAlphaBinary.status).toBe("ok");
    expect(r.perCode["Never-used"]!.unitizingAlphaPerCodeBinary).toMatchObject({ status: "undefined", reason: "no-spans", value: null });
    for (const { unitizingAlphaPerCode, unitizingAlphaPerCodeBinary } of Object.values(r.perCode)) {
      for (const m of [unitizingAlphaPerCode, unitizingAlphaPerCodeBinary]) {
        expect(m.value === null ? m.status : Number.isFinite(m.value)).toBe(m.value === null ? "undefined" : true);
      }
    }
  });

  it("gives (k)uα a value on a code where coders do not overlap codes, and \"no-spans\" for a listed unused code", () => {
    const a = readDelveText(turnsAgreeParagraphsDiffer.a, "a");
    const b = readDelveText(turnsAgreeParagraphsDiffer.b, "b");
    const r = studyAt([a, b], "paragraph", ["Never-used"]);
    expect(r.unitizingAlpha.status).toBe("ok");
    expect(r.perCode["Never-used"]!.unitizingAlphaPerCode).toMatchObject({ status: "undefined", reason: "no-spans", value: null });
    expect(r.perCode["Never-used"]!.unitizingAlphaPerCodeBinary).toMatchObject({ status: "undefined", reason: "no-spans", value: null });
  });
});

describe("REFI-QDA and Delve inputs give the same unitizing results for the same spans", () => {
  const name = study[0]!.name;
  const codes = [...new Set(study.flatMap((c) => c.codesUsed))].sort();
  const source = (coding: CodedTranscript, coders: readonly CodedTranscript[] = [coding]): QdpxWriteSource => ({
    name,
    text: coding.text!,
    codings: coders.flatMap((c) => c.spans!.map((s) => ({ coder: c.coder, code: s.code, start: s.start, end: s.end }))),
  });

  it("with one copy per coder (MAXQDA's convention; coder c's copy differs), at every unit", () => {
    const bytes = writeQdpx({ users: ["a", "b", "c"], codes, sources: study.map((c) => source(c)) });
    const project = readQdpx(bytes, { file: "study.qdpx" });
    expect(project.transcripts.map((t) => t.coder)).toEqual(["a", "b", "c"]);
    expect(project.transcripts.map((t) => t.text)).toEqual(study.map((c) => c.text));
    // The source text has no speaker labels: for REFI-QDA it is one unlabeled turn of 157 lines.
    expect(project.transcripts.map((t) => [t.turns.length, t.turns[0]!.paragraphs.length])).toEqual([[1, 157], [1, 157], [1, 157]]);
    for (const unit of UNIT_KINDS) {
      const fromQdpx = studyAt(project.transcripts, unit);
      const fromDelve = studyAt(study, unit);
      expect(fromQdpx.transcripts[0]!.method).toBe("mapped");
      expect(fromQdpx.transcripts[0]!.continua).toEqual(fromDelve.transcripts[0]!.continua);
      expect({ ...fromQdpx, transcripts: [] }).toEqual({ ...fromDelve, transcripts: [] });
    }
  });

  it("with one shared document coded by two users", () => {
    const [a, b] = study as [CodedTranscript, CodedTranscript];
    expect(b.text).toBe(a.text);
    const bytes = writeQdpx({ users: ["a", "b"], codes, sources: [source(a, [a, b])] });
    const project = readQdpx(bytes, { file: "shared.qdpx" });
    const fromQdpx = studyAt(project.transcripts, "turn");
    const fromDelve = studyAt([a, b], "turn");
    expect(fromQdpx.transcripts[0]!.method).toBe("shared-text");
    expect(fromDelve.transcripts[0]!.method).toBe("shared-text");
    expect({ ...fromQdpx, transcripts: [] }).toEqual({ ...fromDelve, transcripts: [] });
    expect(fromQdpx.unitizingAlphaBinary.value).toBeCloseTo(fromDelve.unitizingAlphaBinary.value!, 15);
  });
});
