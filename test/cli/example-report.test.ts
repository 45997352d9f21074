import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
