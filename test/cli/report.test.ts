import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "./_run.js";

const delve = (codes: Record<number, string[]>, title = "Interview 1") => {
  const turns = [
    ["Interviewer 1", "What went wrong with the data?"],
    ["Interviewee", "Duplicates everywhere, and missing values."],
    ["Interviewer 1", "How did you fix it?"],
    ["Interviewee", "We wrote a cleaning script and dropped the duplicates."],
  ];
  const blocks = [title];
  turns.forEach(([speaker, text], i) => {
    blocks.push(speaker!, text!);
    for (const c of codes[i + 1] ?? []) blocks.push(c);
  });
  blocks.push("Created with the Delve Qualitative Analysis Tool (http://www.delvetool.com)");
  return blocks.join("\n\n");
};

let dir: string;
let done: () => void;
beforeEach(() => {
  ({ dir, done } = tempDir());
  writeFileSync(join(dir, "ann.txt"), delve({ 2: ["Data-duplicates", "Data-missing-values"], 4: ["Data-duplicates-fix"] }));
  writeFileSync(join(dir, "ben.txt"), delve({ 2: ["Data-duplicates"], 4: ["Data-duplicates-fix"] }));
});
afterEach(() => done());

describe("intercoder report", () => {
  it("writes markdown and JSON with the contract's fields", async () => {
    const r = await run(["report", "ann.txt", "ben.txt", "--out", "out/r.md", "--json", "out/r.json", "--bootstrap", "100"], dir);
    expect(r.stderr).toContain("wrote");
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "out/r.json"), "utf8"));
    expect(json).toMatchObject({ schemaVersion: 1, coders: ["ann", "ben"], units: 4 });
    expect(json.transcripts[0]).toMatchObject({ name: "Interview 1", units: 4, unmatched: { ann: [], ben: [] } });
    const mv = json.codes.find((c: { code: string }) => c.code === "Data-missing-values");
    expect(mv.presence).toEqual({ ann: 1, ben: 0 });
    expect(mv.pairs[0]).toMatchObject({ coders: ["ann", "ben"], both: 0, onlyFirst: 1, onlySecond: 0, neither: 3, percentAgreement: 0.75 });
    expect(mv.disagreements[0]).toMatchObject({ transcript: "Interview 1", turn: 2, speaker: "Interviewee", appliedBy: ["ann"], notAppliedBy: ["ben"] });
    expect(mv.krippendorffAlpha).toHaveProperty("status");
    expect(json.overall.alphaMasi).toHaveProperty("value");
    expect(json.overall.alphaNominalWholeSet).toHaveProperty("value");
    expect(readFileSync(join(dir, "out/r.md"), "utf8")).toContain("# Intercoder reliability: Interview 1");
  });

  it("names coders with --coders and prints markdown without --out", async () => {
    const r = await run(["report", "ann.txt", "ben.txt", "--coders", "A,B", "--bootstrap", "0"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Coders: 2 (A, B)");
  });
});

describe("intercoder report refuses bad input with one clear message", () => {
  const refuse = async (args: string[], pattern: RegExp, setup?: () => void) => {
    setup?.();
    const r = await run(["report", ...args, "--bootstrap", "0"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe("");
    return r;
  };

  it("a missing file", () => refuse(["ann.txt", "nope.txt"], /nope\.txt: no such file/));
  it("a file that is not UTF-8", () =>
    refuse(["ann.txt", "latin.txt"], /latin\.txt:3: the file is not valid UTF-8/, () =>
      writeFileSync(join(dir, "latin.txt"), Buffer.concat([Buffer.from("Interview 1\n\nInterviewer 1\n"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]))));
  it("a file with no recognisable turns", () =>
    refuse(["ann.txt", "empty.txt"], /empty\.txt.*(no turns|turn)/i, () => writeFileSync(join(dir, "empty.txt"), "Just a title\n")));
  it("a single coder", () => refuse(["ann.txt"], /at least two coders/));
  it("two coders with the same name", () => refuse(["ann.txt", "ben.txt", "--coders", "x,x"], /coder name "x" is used by two files/));
  it("an output path equal to an input, writing nothing", async () => {
    const before = readFileSync(join(dir, "ben.txt"));
    await refuse(["ann.txt", "ben.txt", "--out", "ben.txt"], /output path is the input file ben\.txt/);
    expect(readFileSync(join(dir, "ben.txt"))).toEqual(before);
  });
  it("exports of different transcripts", async () => {
    writeFileSync(join(dir, "other.txt"), "Interview 9\n\nParticipant\n\nSomething else entirely, about birds.\n\nParticipant\n\nAnd trees, and the weather in spring.\n");
    const r = await refuse(["ann.txt", "other.txt", "--json", "x.json"], /ann\.txt.*other\.txt|other\.txt.*ann\.txt/);
    expect(existsSync(join(dir, "x.json"))).toBe(false);
    return r;
  });
});
