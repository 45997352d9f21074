/**
 * Alignment speed (issue 6): two copies of an n-turn transcript, the second with 5% of its
 * turns edited (a word changed), deleted or inserted, for n = 500, 2,000 and 8,000. Prints the
 * time of `alignTranscripts` per size and the exponent of a least-squares fit of
 * log(time) on log(n). Targets: under 1 s at 2,000 turns; exponent well below 2.
 * Run alone: `npx tsx test/bench/align-bench.ts`.
 */
import { alignTranscripts } from "../../src/align/align-turns.js";
import { mulberry32, randomInt, type Random } from "../../src/simulate/_prng.js";
import { transcript, type TurnSpec } from "../_helpers/transcript.js";

const WORDS = ("data model quality issue we found some missing values and also inconsistent records in the dataset " +
  "so um uh robustness pipeline training deployment feature label noise drift monitoring team customer " +
  "production latency accuracy fairness privacy cloud cost experiment notebook validation test").split(" ");

function sentence(random: Random): string {
  const n = 8 + randomInt(random, 60);
  return Array.from({ length: n }, () => WORDS[randomInt(random, WORDS.length)]!).join(" ") + ".";
}

/** A reference transcript of n turns and a copy with 5% of turns edited, deleted or inserted. */
export function benchPair(n: number, seed = 1): [TurnSpec[], TurnSpec[]] {
  const random = mulberry32(seed);
  const ref: TurnSpec[] = Array.from({ length: n }, (_, i) => [i % 3 === 2 ? "Interviewer 1" : "Interviewee", sentence(random), i % 7 === 0 ? ["Code-x"] : []]);
  const copy: TurnSpec[] = [];
  for (const turn of ref) {
    const r = random();
    if (r < 0.0167) continue; // deleted
    if (r < 0.0333) copy.push(["Interviewee", sentence(random)]); // inserted
    if (r < 0.05) {
      const words = turn[1].split(" ");
      words[randomInt(random, words.length)] = "edited";
      copy.push([turn[0], words.join(" "), turn[2]]);
    } else copy.push(turn);
  }
  return [ref, copy];
}

export async function benchAlign(print: (line: string) => void): Promise<void> {
  const sizes = [500, 2000, 8000];
  const times: number[] = [];
  print("alignment of two transcripts, 5% of turns edited/inserted/deleted");
  for (const n of sizes) {
    const [ref, copy] = benchPair(n);
    const a = transcript("a", ref);
    const b = transcript("b", copy);
    alignTranscripts([a, b]); // warm-up
    const runs = 3;
    const start = performance.now();
    let units = 0;
    for (let k = 0; k < runs; k++) units = alignTranscripts([a, b]).units.length;
    const ms = (performance.now() - start) / runs;
    times.push(ms);
    const target = n === 2000 ? "   (target < 1000 ms)" : "";
    print(`  ${String(n).padStart(5)} turns: ${ms.toFixed(1).padStart(8)} ms, ${units} units${target}`);
  }
  const xs = sizes.map(Math.log);
  const ys = times.map(Math.log);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  print(`  fitted exponent (time ~ n^k): k = ${slope.toFixed(2)}   (target: well below 2)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void benchAlign((line) => console.log(line));
}
