import { describe, expect, it } from "vitest";
import { presenceMatrix } from "../../src/align/to-matrix.js";
import type { AlignedTranscript } from "../../src/model/aligned.js";
import { packedPresence, bootstrapChunk } from "../../src/report/_bootstrap-chunk.js";
import { allCodes, buildReport, type BuildReportInput } from "../../src/report/build-report.js";
import { renderJson } from "../../src/report/json.js";
import { autoThreads, bootstrapAllCodes, bootstrapOnWorker, packUnits } from "../../src/report/parallel-bootstrap.js";
import { codeBootstrap } from "../../src/report/per-code.js";
import { simulateCodings } from "../../src/simulate/study.js";

/** A study straight from the generator's latent codings (no files): 2 transcripts × 60 turns × 3 coders × 20 codes, one coder skipping a transcript. */
function study(): BuildReportInput {
  const s = simulateCodings({ transcripts: 2, turns: 60, coders: 3, codes: 20, reliability: (k) => 0.4 + 0.03 * k, prevalence: 0.15, missingTranscripts: 1, seed: 9 });
  const transcripts: AlignedTranscript[] = s.transcripts.map((t, i) => ({
    name: t.name,
    coders: s.coders,
    files: s.coders.map((c) => (s.values[i]![s.coders.indexOf(c)] ? `${c}/${t.file}.txt` : null)),
    method: "by-number",
    units: t.turns.map((turn, u) => ({
      transcript: t.name, turn: u + 1, speaker: turn.speaker, text: turn.text, line: 3 + 4 * u,
      codes: s.coders.map((_, c) => s.values[i]![c]?.[u]!.map((k) => s.codes[k]!) ?? null),
      coderTurns: s.coders.map((_, c) => (s.values[i]![c] ? u + 1 : null)),
    })),
    referenceTurns: t.turns.length,
    unmatched: {}, extra: {}, textDifferences: [], diagnostics: [],
  }));
  return { name: "sim", version: "0", coders: s.coders, transcripts, inputs: [], options: {}, resamples: 200, seed: 20260101 };
}

describe("bootstrapAllCodes", () => {
  const input = study();
  const units = input.transcripts.flatMap((t) => t.units);
  const codes = allCodes(input.transcripts);

  it("packs the units so that every code's presence matrix is rebuilt exactly", () => {
    const packed = packUnits(input.coders, units, codes);
    codes.forEach((code, k) => expect(packedPresence(packed, k)).toEqual(presenceMatrix(input.coders, units, code)));
  });

  it("gives on a worker thread the same bootstraps as on the calling thread", async () => {
    const packed = packUnits(input.coders, units, codes);
    const chunk = [0, 3, 7];
    const onWorker = await bootstrapOnWorker(packed, chunk, 200, 20260101);
    expect(onWorker).not.toBeNull();
    expect(onWorker).toEqual(bootstrapChunk(packed, chunk, 200, 20260101));
    // And the calling thread's chunk is the per-code bootstrap of the report.
    expect(onWorker![1]![1]).toEqual(codeBootstrap(presenceMatrix(input.coders, units, codes[3]!), 200, 20260101));
  });

  it("makes a report deep-equal to the single-threaded one, on 1, 2 and 3 threads", async () => {
    const serial = buildReport(input);
    expect(serial.codes.filter((r) => r.krippendorffAlpha.bootstrap !== undefined).length).toBeGreaterThan(15);
    for (const threads of [1, 2, 3]) {
      const bootstraps = await bootstrapAllCodes(input.coders, units, codes, { resamples: input.resamples, seed: input.seed, threads });
      expect([...bootstraps.keys()]).toEqual(codes);
      const parallel = buildReport({ ...input, bootstraps });
      expect(parallel).toEqual(serial);
      expect(renderJson(parallel)).toBe(renderJson(serial));
    }
  });

  it("leaves codes with undefined alpha without a bootstrap, as the serial report does", async () => {
    const only = input.transcripts.map((t) => ({ ...t, units: t.units.map((u) => ({ ...u, codes: u.codes.map((s) => (s ? [...s, "Everywhere-code"].sort() : null)) })) }));
    const all = only.flatMap((t) => t.units);
    const bootstraps = await bootstrapAllCodes(input.coders, all, ["Everywhere-code", "Code-001"], { resamples: 50, seed: 1, threads: 2 });
    expect(bootstraps.get("Everywhere-code")).toBeNull();
    expect(bootstraps.get("Code-001")).toEqual(codeBootstrap(presenceMatrix(input.coders, all, "Code-001"), 50, 1));
  });

  it("uses one thread for few codes", () => {
    expect(autoThreads(10)).toBe(1);
    expect(autoThreads(1000)).toBeGreaterThanOrEqual(1);
  });
});
