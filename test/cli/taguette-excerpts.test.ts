import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { delveStudy, taguetteCsv } from "../io/_all-formats.js";
import { REPO_ROOT } from "../_paths.js";
import { run, tempDir } from "./_run.js";

describe("report on Taguette exports and excerpt tables", () => {
  it("maps each coder's highlights onto the transcript's turns and reports the ambiguous ones", async () => {
    const { dir, done } = tempDir();
    try {
      for (const c of delveStudy()) writeFileSync(join(dir, `${c.coder}.csv`), taguetteCsv(c, "interview-35"));
      writeFileSync(join(dir, "interview.txt"), readFileSync(join(REPO_ROOT, "data/interview-35/coder-a.txt")));
      const r = await run(["report", "a.csv", "b.csv", "c.csv", "--transcript", "interview.txt", "--json", "r.json", "--no-charts", "--quiet", "--bootstrap", "0"], dir);
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
      expect(json.coders).toEqual(["a", "b", "c"]);
      expect(json.units).toBe(131);
      // coder a's highlights are the seed's codings: its presence counts are the spec's §9.1 turn counts
      expect(json.codes.find((c: { code: string }) => c.code === "QM-reproducibility").presence.a).toBe(5);
      expect(json.warnings.filter((w: { code: string }) => w.code === "taguette-ambiguous")).toHaveLength(3);
      expect(json.inputs.at(-1)).toMatchObject({ path: "interview.txt", format: "transcript" });
    } finally {
      done();
    }
  });

  it("refuses Taguette exports without --transcript, saying how to give it", async () => {
    const { dir, done } = tempDir();
    try {
      for (const c of delveStudy().slice(0, 2)) writeFileSync(join(dir, `${c.coder}.csv`), taguetteCsv(c, "interview-35"));
      const r = await run(["report", "a.csv", "b.csv"], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/a\.csv: .*--transcript/);
    } finally {
      done();
    }
  });

  it("reads an excerpt table through --map", async () => {
    const { dir, done } = tempDir();
    try {
      writeFileSync(join(dir, "interview.txt"), "Interview 1\n\nInterviewer 1\n\nWhat went wrong with the data?\n\nInterviewee\n\nDuplicates everywhere, and missing values.\n\nInterviewer 1\n\nHow did you fix it?\n\nInterviewee\n\nWe wrote a cleaning script and dropped the duplicates.\n");
      writeFileSync(join(dir, "snippets.csv"), "Researcher,Code,Snippet\nann,Data-duplicates,Duplicates everywhere\nben,Data-duplicates,\"Duplicates everywhere, and missing values.\"\nann,Data-fix,We wrote a cleaning script\nben,Data-missing,and missing values\n");
      const r = await run(["report", "snippets.csv", "--map", "code=Code,coder=Researcher,text=Snippet", "--transcript", "interview.txt", "--json", "r.json", "--no-charts", "--quiet", "--bootstrap", "0"], dir);
      expect(r.stderr).toContain("wrote");
      const json = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
      expect(json.coders).toEqual(["ann", "ben"]);
      const dup = json.codes.find((c: { code: string }) => c.code === "Data-duplicates");
      expect(dup.pairs[0]).toMatchObject({ both: 1, onlyFirst: 0, onlySecond: 0, neither: 3 });
      const fix = json.codes.find((c: { code: string }) => c.code === "Data-fix");
      expect(fix.disagreements[0]).toMatchObject({ turn: 4, appliedBy: ["ann"], notAppliedBy: ["ben"] });
    } finally {
      done();
    }
  });
});
