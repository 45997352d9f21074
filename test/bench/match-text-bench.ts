/**
 * Excerpt matching speed (issue 4): 100 transcripts of about 50,000 characters, 1,000 excerpts
 * each (40–400 characters; 80% copied with changed white space and case, 20% with 1–3 typos).
 * Prints the time to index all transcripts and to locate all 100,000 excerpts, and how many were
 * found at the right place (inside the true stretch, covering 90% of it) or reach beyond it.
 * Target: a few seconds in all, nothing reaching beyond.
 * Run alone: `npx tsx test/bench/match-text-bench.ts`.
 */
import { indexText, isAmbiguous, locateExcerpt } from "../../src/align/match-text.js";
import { mulberry32, randomInt, type Random } from "../../src/simulate/_prng.js";

const SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu".split(" ");

function makeWords(random: Random, n: number): string[] {
  return Array.from({ length: n }, () => Array.from({ length: 1 + randomInt(random, 3) }, () => SYLLABLES[randomInt(random, SYLLABLES.length)]!).join(""));
}

function transcriptText(random: Random, words: readonly string[]): string {
  const lines: string[] = [];
  let length = 0;
  while (length < 50_000) {
    const n = 8 + randomInt(random, 80);
    const line = `${lines.length % 2 === 0 ? "Interviewer" : "Participant"}: ${Array.from({ length: n }, () => words[randomInt(random, words.length)]!).join(" ")}.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n");
}

function typo(random: Random, s: string): string {
  const chars = [...s];
  const i = randomInt(random, chars.length);
  chars[i] = chars[i] === "x" ? "y" : "x";
  return chars.join("");
}

const random = mulberry32(4);
const words = makeWords(random, 3000);
const texts = Array.from({ length: 100 }, () => transcriptText(random, words));
const jobs = texts.map((text) => Array.from({ length: 1000 }, () => {
  const length = 40 + randomInt(random, 360);
  const start = randomInt(random, text.length - length);
  let excerpt = text.slice(start, start + length).replace(/ /g, random() < 0.5 ? "  " : " \n").toUpperCase();
  const fuzzy = random() < 0.2;
  if (fuzzy) for (let k = 0, n = 1 + randomInt(random, 3); k < n; k++) excerpt = typo(random, excerpt);
  return { start, end: start + length, excerpt, fuzzy };
}));

let t0 = performance.now();
const indexes = texts.map(indexText);
const indexMs = performance.now() - t0;
let right = 0;
let ambiguous = 0;
let missed = 0;
let fuzzyRight = 0;
let spill = 0;
let fuzzyMs = 0;
t0 = performance.now();
indexes.forEach((index, i) => {
  for (const job of jobs[i]!) {
    const t1 = performance.now();
    const r = locateExcerpt(index, job.excerpt);
    if (job.fuzzy) fuzzyMs += performance.now() - t1;
    if (r === null) missed++;
    else if (isAmbiguous(r)) ambiguous++;
    // Right: within the true stretch (a space at either end aside) and covering 90% of it; a
    // fuzzy match leaves out a changed character, or a few, at either end.
    else if (r.start >= job.start - 1 && r.end <= job.end + 1 && r.end - r.start >= 0.9 * (job.end - job.start)) {
      right++;
      if (job.fuzzy) fuzzyRight++;
    } else if (r.start < job.start - 1 || r.end > job.end + 1) spill++;
  }
});
const locateMs = performance.now() - t0;
const fuzzyJobs = jobs.flat().filter((j) => j.fuzzy).length;
console.log(`index 100 transcripts (${texts.reduce((s, t) => s + t.length, 0)} chars): ${indexMs.toFixed(0)} ms`);
console.log(`locate 100,000 excerpts: ${locateMs.toFixed(0)} ms (the ${fuzzyJobs} with typos: ${fuzzyMs.toFixed(0)} ms); right place ${right} (fuzzy ${fuzzyRight} of ${fuzzyJobs}), ambiguous ${ambiguous}, not found ${missed}, reaching beyond the true stretch ${spill}`);
