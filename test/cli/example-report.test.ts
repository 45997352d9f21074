import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { run, tempDir } from "./_run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const inputs = ["a", "b", "c"].map((c) => `data/interview-35/coder-${c}.txt`);
const outputs = ["interview-35.md", "interview-35.json", "interview-35.html", "interview-35-adjudication.csv", "interview-35/alpha-forest.svg", "interview-35/coder-pairs.svg", "interview-35/substitutions.svg"];

async function produce(dir: string) {
  const r = await run(["report", ...inputs, "--out", join(dir, "interview-35.md"), "--json", join(dir, "interview-35.json"),
    "--html", join(dir, "interview-35.html"), "--adjudication", join(dir, "interview-35-adjudication.csv"), "--quiet"], root);
  expect(r.stderr).toContain("wrote");
  expect(r.code).toBe(0);
  return Object.fromEntries(outputs.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

describe("the example study's report (npm start)", () => {
  it("is what the committed reports/ hold, byte for byte, and a re-run gives the same bytes", async () => {
    const one = tempDir();
    const two = tempDir();
    try {
      const first = await produce(one.dir);
      const second = await produce(two.dir);
      expect(second).toEqual(first);
      for (const f of outputs) expect(first[f], `reports/${f} is stale: run npm start`).toBe(readFileSync(join(root, "reports", f), "utf8"));
    } finally {
      one.done();
      two.done();
    }
  });

  it("reports the example study's shape: 3 coders, 131 turns, every code of the seed", async () => {
    const json = JSON.parse(readFileSync(join(root, "reports/interview-35.json"), "utf8"));
    expect(json.coders).toEqual(["coder-a", "coder-b", "coder-c"]);
    expect(json.units).toBe(131);
    expect(json.transcripts[0].name).toBe("Interview 35 - Ilan");
    // coder-a is the seed: its presence counts are the turn counts of the spec's section 9.1.
    const seedCounts: Record<string, number> = {
      "Data-collection-public-datasets": 4, "Data-consistency-issues": 1, "Data-duplicates": 4, "Data-low-quality": 3,
      "Data-missing-value-fix": 4, "Data-missing-values": 1, "Data-noisy-features": 1, "MLP-costly-platforms": 3,
      "QM-data-privacy-issue-fix": 3, "QM-reproducibility": 5, "QM-robustness": 3, "QM-robustness-fix": 5, "feedback-loop": 4,
    };
    for (const [code, n] of Object.entries(seedCounts)) {
      expect(json.codes.find((c: { code: string }) => c.code === code).presence["coder-a"]).toBe(n);
    }
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
  });
});

describe("the multi-transcript example study (data/study-synthetic)", () => {
  const args = ["--transcripts", "4", "--turns", "40", "--coders", "3", "--codes", "10", "--reliability", "0.4:0.95", "--missing", "1", "--noise", "0.03", "--seed", "35"];

  it("is exactly what `intercoder simulate` writes with the options in data/README.md", async () => {
    const { dir, done } = tempDir();
    try {
      const r = await run(["simulate", ...args, "--out", join(dir, "study")], root);
      expect(r.code).toBe(0);
      const files = readdirSync(join(dir, "study"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      expect(files.length).toBe(11); // 3 coders × 4 transcripts, one skipped
      for (const f of files) {
        const rel = relative(join(dir, "study"), join(f.parentPath, f.name));
        expect(readFileSync(join(f.parentPath, f.name)), rel).toEqual(readFileSync(join(root, "data/study-synthetic", rel)));
      }
    } finally {
      done();
    }
  });

  it("has its committed report, with a coder who skipped one transcript marked missing, not absent", async () => {
    const { dir, done } = tempDir();
    try {
      const r = await run(["report", "data/study-synthetic", "--out", join(dir, "study-synthetic.md"), "--json", join(dir, "study-synthetic.json"), "--html", join(dir, "study-synthetic.html"), "--quiet"], root);
      expect(r.code).toBe(0);
      for (const f of ["study-synthetic.md", "study-synthetic.json", "study-synthetic.html", "study-synthetic/alpha-forest.svg"]) {
        expect(readFileSync(join(dir, f), "utf8"), `reports/${f} is stale: run npm start`).toBe(readFileSync(join(root, "reports", f), "utf8"));
      }
      const json = JSON.parse(readFileSync(join(dir, "study-synthetic.json"), "utf8"));
      expect(json.transcripts).toHaveLength(4);
      const skipped = json.transcripts.find((t: { codersPresent: string[] }) => t.codersPresent.length === 2);
      expect(skipped.name).toBe("interview-01");
      expect(json.flags.map((f: { kind: string }) => f.kind)).toContain("missing-coder");
      // the skipped transcript's turns count for the two coders who coded it; coder-01's values there are missing
      const code = json.codes[0];
      const pairWithout01 = code.pairs.find((p: { coders: string[] }) => p.coders.join() === "coder-02,coder-03");
      const pairWith01 = code.pairs.find((p: { coders: string[] }) => p.coders.join() === "coder-01,coder-02");
      expect(pairWithout01.units).toBeGreaterThan(pairWith01.units);
    } finally {
      done();
    }
  });
});

describe("leave-one-coder-out in the example report", () => {
  it("alpha without coder-b equals the overall alpha of a report on coder-a and coder-c alone, and the next steps name coder-b", async () => {
    const { dir, done } = tempDir();
    try {
      const r = await run(["report", inputs[0]!, inputs[2]!, "--json", join(dir, "ac.json"), "--no-charts", "--quiet", "--bootstrap", "0"], root);
      expect(r.code).toBe(0);
      const ac = JSON.parse(readFileSync(join(dir, "ac.json"), "utf8"));
      const full = JSON.parse(readFileSync(join(root, "reports/interview-35.json"), "utf8"));
      const withoutB = full.coderProfiles.find((p: { coder: string }) => p.coder === "coder-b").alphaWithout.value;
      expect(withoutB).toBeCloseTo(ac.overall.alphaMasi.value, 12);
      expect(readFileSync(join(root, "reports/interview-35.md"), "utf8")).toContain(
        `Overall alpha rises from ${full.overall.alphaMasi.value.toFixed(3)} to ${withoutB.toFixed(3)} without coder-b`,
      );
    } finally {
      done();
    }
  });
});
