/**
 * Synthetic studies of any size, in every input format, for benchmarks and calibration tests:
 * transcripts × turns × coders × codes, with a target reliability per code, coders who skipped
 * transcripts, and coders whose copies of a transcript differ (edited, inserted, deleted turns).
 *
 * **How the codings are made.** Every turn has a latent "true" code set: code k is present with
 * probability π_k (its prevalence). Each coder, on each (turn, code), copies the true value with
 * probability r_k and otherwise draws an independent value that is present with probability π_k:
 * ```
 * X_ck = T_k           with probability r_k
 *        Bernoulli(π_k) otherwise
 * ```
 * Every coder's marginal is π_k, and two coders' values are correlated by r_k² (they share T_k only
 * when both copied it). For a binary code with equal marginals, Krippendorff's nominal alpha is
 * 1 − D_o / D_e with D_o = P(X_1 ≠ X_2) = 2π(1 − π)(1 − r²) and D_e → 2π(1 − π) as the number of
 * units grows, so the expected alpha is r_k². The generator sets r_k = √(target_k) (targets are
 * clamped to [0, 1]). Missing transcripts and alignment noise remove whole (coder, turn) values,
 * independently of the codes, so they widen the sampling error but do not move the expectation.
 *
 * **Missing transcripts** (`missingTranscripts`): a share (< 1) or a count (≥ 1) of the
 * (coder, transcript) pairs is left uncoded: pairs are taken in a shuffled order, skipping any that
 * would leave a transcript with fewer than two coders.
 *
 * **Alignment noise** (`alignmentNoise` = ν): in each coder's own copy of a transcript, each turn is
 * deleted with probability ν/3, has one word edited with probability ν/3, and is followed by an
 * inserted uncoded turn with probability ν/3. It applies where each coder has their own copy of the
 * text (Delve folders, MAXQDA-style projects); a shared REFI-QDA document and the long CSV (whose
 * turn numbers are the alignment) have none.
 *
 * **Formats** (`format`):
 * - `delve`: a study folder, `<coder>/<transcript>.txt` Delve exports (speaker, text and code blocks);
 * - `qdpx`: `study.qdpx`, one shared text source per transcript coded by every user;
 * - `maxqda`: `study.qdpx` in MAXQDA's intercoder convention, one copy of each source per coder;
 * - `csv-long`: `study.csv`, `transcript,turn,speaker,coder,code` (an empty code marks a turn the
 *   coder saw and left uncoded).
 *
 * Deterministic: the same options give the same bytes. All randomness comes from one xoshiro128**
 * stream (`createRng(seed)`), drawn in a fixed order: turn texts, true codes, coder values, missing
 * pairs, then each coder copy's noise.
 */
import { createRng, type Rng } from "../metrics/_rng.js";
import { writeQdpx, type QdpxWriteCoding, type QdpxWriteSource } from "../io/qdpx-write.js";

export type StudyFormat = "delve" | "qdpx" | "csv-long" | "maxqda";

export interface SimulateStudyOptions {
  transcripts: number;
  /** Turns per transcript. */
  turns: number;
  coders: number;
  codes: number;
  /** Target Krippendorff's alpha per code (0..1): one number, or a function of the code index (0-based). Default 0.8. */
  reliability?: number | ((codeIndex: number) => number);
  /** Share of turns carrying each code: one number, or a function of the code index. Default `defaultPrevalence` (0.002..0.022). */
  prevalence?: number | ((codeIndex: number) => number);
  /** Share (< 1) or count (≥ 1) of (coder, transcript) pairs left uncoded. Default 0. */
  missingTranscripts?: number;
  /** Share of turns edited, inserted or deleted in each coder's copy (Delve and MAXQDA formats). Default 0. */
  alignmentNoise?: number;
  /** Default 1. */
  seed?: number;
  /** Default "delve". */
  format?: StudyFormat;
}

/** The latent study before it is written in a format. */
export interface SimulatedCodings {
  coders: string[];
  codes: string[];
  transcripts: { name: string; file: string; turns: { speaker: string; text: string }[] }[];
  /** `truth[t][u]`: indices of the codes truly present on turn u of transcript t. */
  truth: number[][][];
  /** `values[t][c][u]`: indices of the codes coder c applied to turn u of transcript t, or null when c skipped transcript t. */
  values: (number[][] | null)[][];
}

const WORDS = ("data model quality issue we found missing values inconsistent records dataset so um uh robustness " +
  "pipeline training deployment feature label noise drift monitoring team customer production latency accuracy " +
  "fairness privacy cloud cost experiment notebook validation test sensor schema version review annotation").split(" ");
const SPEAKERS = ["Interviewer 1", "Interviewee"] as const;

/**
 * The default prevalence of code k: spread over 0.002..0.022 in a fixed scrambled order, so that
 * with 150 codes a turn carries about 1.8 codes, as in real qualitative coding.
 */
export function defaultPrevalence(codeIndex: number): number {
  return 0.002 + 0.02 * ((codeIndex * 0.6180339887498949) % 1);
}

function valueOf(option: number | ((k: number) => number) | undefined, k: number, fallback: number): number {
  const v = option === undefined ? fallback : typeof option === "number" ? option : option(k);
  return Math.min(1, Math.max(0, v));
}

function checkSize(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`);
}

function pad(n: number, total: number): string {
  return String(n).padStart(Math.max(2, String(total).length), "0");
}

function sentence(rng: Rng, turn: number): string {
  const n = 6 + rng.int(20);
  const words = Array.from({ length: n }, () => WORDS[rng.int(WORDS.length)]!);
  // The turn number makes turns distinguishable for the similarity alignment.
  words.splice(rng.int(n), 0, `point${turn}`);
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * The latent codings of a synthetic study (see the module doc): names, turn texts, true codes and
 * each coder's codes. `simulateStudy` writes them in a format.
 * @throws RangeError for sizes that are not whole numbers (transcripts, turns, codes ≥ 1; coders ≥ 2).
 */
export function simulateCodings(options: SimulateStudyOptions): SimulatedCodings {
  checkSize("transcripts", options.transcripts, 1);
  checkSize("turns", options.turns, 1);
  checkSize("coders", options.coders, 2);
  checkSize("codes", options.codes, 1);
  const rng = createRng(options.seed ?? 1);
  const coders = Array.from({ length: options.coders }, (_, c) => `coder-${pad(c + 1, options.coders)}`);
  const codes = Array.from({ length: options.codes }, (_, k) => `Code-${pad(k + 1, options.codes).padStart(3, "0")}`);
  const prevalence = codes.map((_, k) => valueOf(options.prevalence, k, defaultPrevalence(k)));
  const copyProbability = codes.map((_, k) => Math.sqrt(valueOf(options.reliability, k, 0.8)));

  const transcripts = Array.from({ length: options.transcripts }, (_, t) => {
    const number = pad(t + 1, options.transcripts);
    return {
      name: `Interview ${number}`,
      file: `interview-${number}`,
      turns: Array.from({ length: options.turns }, (_, u) => ({ speaker: SPEAKERS[u % 2]!, text: sentence(rng, u + 1) })),
    };
  });
  const truth = transcripts.map((t) => t.turns.map(() => codes.flatMap((_, k) => (rng() < prevalence[k]! ? [k] : []))));
  const present = new Uint8Array(codes.length);
  const values: (number[][] | null)[][] = transcripts.map((_, t) =>
    coders.map(() =>
      truth[t]!.map((trueCodes) => {
        present.fill(0);
        for (const k of trueCodes) present[k] = 1;
        const applied: number[] = [];
        for (let k = 0; k < codes.length; k++) {
          const on = rng() < copyProbability[k]! ? present[k] === 1 : rng() < prevalence[k]!;
          if (on) applied.push(k);
        }
        return applied;
      }),
    ),
  );
  removeTranscripts(values, options.missingTranscripts ?? 0, rng);
  return { coders, codes, transcripts, truth, values };
}

function removeTranscripts(values: (number[][] | null)[][], missing: number, rng: Rng): void {
  if (!(missing > 0)) return;
  const pairs = values.flatMap((row, t) => row.map((_, c) => [t, c] as const));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  let left = missing < 1 ? Math.round(missing * pairs.length) : Math.floor(missing);
  for (const [t, c] of pairs) {
    if (left === 0) break;
    const row = values[t]!;
    if (row.filter((v) => v !== null).length <= 2) continue;
    row[c] = null;
    left--;
  }
}

/** One coder's copy of a transcript: its turns, each with the index of the true turn (null if inserted). */
interface CopyTurn {
  speaker: string;
  text: string;
  codes: readonly number[];
}

function coderCopy(turns: SimulatedCodings["transcripts"][number]["turns"], codes: readonly number[][], noise: number, rng: Rng): CopyTurn[] {
  const out: CopyTurn[] = [];
  turns.forEach((turn, u) => {
    const r = noise > 0 ? rng() : 1;
    if (r < noise / 3) return;
    if (r < (2 * noise) / 3) {
      const words = turn.text.split(" ");
      words[rng.int(words.length)] = "edited";
      out.push({ speaker: turn.speaker, text: words.join(" "), codes: codes[u]! });
    } else out.push({ speaker: turn.speaker, text: turn.text, codes: codes[u]! });
    if (r >= (2 * noise) / 3 && r < noise) out.push({ speaker: turn.speaker, text: `Inserted remark ${rng.int(1e6)} about ${WORDS[rng.int(WORDS.length)]!}.`, codes: [] });
  });
  return out;
}

function delveText(title: string, turns: readonly CopyTurn[], codes: readonly string[]): string {
  const blocks = [title];
  for (const t of turns) {
    blocks.push(t.speaker, t.text);
    if (t.codes.length > 0) blocks.push(t.codes.map((k) => codes[k]!).join("\n"));
  }
  blocks.push("Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)");
  return `${blocks.join("\n\n")}\n`;
}

/** Plain text with one `Speaker: text` line per turn, and each turn's span in it. */
function plainText(turns: readonly CopyTurn[]): { text: string; spans: [number, number][] } {
  let text = "";
  const spans: [number, number][] = [];
  for (const t of turns) {
    const line = `${t.speaker}: ${t.text}`;
    spans.push([text.length, text.length + line.length]);
    text += `${line}\n`;
  }
  return { text, spans };
}

function codingsOf(coder: string, turns: readonly CopyTurn[], spans: readonly [number, number][], codes: readonly string[]): QdpxWriteCoding[] {
  return turns.flatMap((t, u) => t.codes.map((k) => ({ coder, code: codes[k]!, start: spans[u]![0], end: spans[u]![1] })));
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A synthetic study as files, keyed by path relative to the study's folder: see the module doc
 * for the model, the layouts and the order of the random draws.
 *
 * @example
 * const files = simulateStudy({ transcripts: 2, turns: 50, coders: 3, codes: 10, reliability: 0.8, seed: 7 });
 * Object.keys(files); // => ["coder-01/interview-01.txt", "coder-01/interview-02.txt", "coder-02/...", ...]
 * @throws RangeError for sizes that are not whole numbers (see `simulateCodings`).
 * O(transcripts × turns × coders × codes).
 */
export function simulateStudy(options: SimulateStudyOptions): Record<string, Uint8Array> {
  const study = simulateCodings(options);
  const format = options.format ?? "delve";
  const noise = format === "delve" || format === "maxqda" ? Math.min(1, Math.max(0, options.alignmentNoise ?? 0)) : 0;
  const rng = createRng((options.seed ?? 1) + 1);
  const encoder = new TextEncoder();
  const copies = study.transcripts.map((t, i) =>
    study.coders.map((_, c) => {
      const codes = study.values[i]![c];
      return codes === null || codes === undefined ? null : coderCopy(t.turns, codes, noise, rng);
    }),
  );
  if (format === "delve") {
    const files: Record<string, Uint8Array> = {};
    study.coders.forEach((coder, c) => {
      study.transcripts.forEach((t, i) => {
        const copy = copies[i]![c];
        if (copy) files[`${coder}/${t.file}.txt`] = encoder.encode(delveText(t.name, copy, study.codes));
      });
    });
    return files;
  }
  if (format === "csv-long") {
    const lines = ["transcript,turn,speaker,coder,code"];
    study.transcripts.forEach((t, i) => {
      t.turns.forEach((turn, u) => {
        study.coders.forEach((coder, c) => {
          const copy = copies[i]![c];
          if (!copy) return;
          const applied = copy[u]!.codes;
          const prefix = `${csvCell(t.name)},${u + 1},${csvCell(turn.speaker)},${csvCell(coder)},`;
          if (applied.length === 0) lines.push(prefix);
          for (const k of applied) lines.push(prefix + study.codes[k]!);
        });
      });
    });
    return { "study.csv": encoder.encode(`${lines.join("\n")}\n`) };
  }
  const sources: QdpxWriteSource[] = [];
  study.transcripts.forEach((t, i) => {
    if (format === "qdpx") {
      const { text, spans } = plainText(t.turns.map((turn) => ({ ...turn, codes: [] })));
      const codings = study.coders.flatMap((coder, c) => {
        const copy = copies[i]![c];
        return copy ? codingsOf(coder, copy, spans, study.codes) : [];
      });
      sources.push({ name: t.name, text, codings });
    } else {
      study.coders.forEach((coder, c) => {
        const copy = copies[i]![c];
        if (!copy) return;
        const { text, spans } = plainText(copy);
        sources.push({ name: t.name, text, codings: codingsOf(coder, copy, spans, study.codes) });
      });
    }
  });
  return { "study.qdpx": writeQdpx({ users: study.coders, codes: study.codes, sources }) };
}
