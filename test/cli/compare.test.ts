import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, tempDir } from "./_run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("intercoder compare", () => {
  it("shows per-code alpha across rounds, dropped codes and renames, with a chart", async () => {
    const { dir, done } = tempDir();
    try {
      const round2 = join(dir, "round2.json");
      const r2 = await run(["report", "data/interview-35/coder-a.txt", "data/interview-35/coder-c.txt", "--json", round2, "--no-charts", "--quiet", "--bootstrap", "100"], root);
      expect(r2.code).toBe(0);
      writeFileSync(join(dir, "rename.csv"), "old,new\nQM-robustness,QM-robust\n");
      const json2 = JSON.parse(readFileSync(round2, "utf8"));
      json2.codes = json2.codes.map((c: { code: string }) => (c.code === "QM-robustness" ? { ...c, code: "QM-robust" } : c));
      writeFileSync(round2, JSON.stringify(json2));
      const r = await run(["compare", join(root, "reports/interview-35.json"), round2, "--labels", "round 1,round 2", "--rename", join(dir, "rename.csv"),
        "--out", join(dir, "rounds.md"), "--json", join(dir, "rounds.json")], root);
      expect(r.stderr).toContain("wrote");
      expect(r.code).toBe(0);
      const c = JSON.parse(readFileSync(join(dir, "rounds.json"), "utf8"));
      expect(c.rounds).toEqual(["round 1", "round 2"]);
      // coder-b's own code is gone when coder-b is not in round 2
      expect(c.dropped.map((d: { code: string }) => d.code)).toContain("MLP-vendor-lock-in");
      expect(c.renamed).toEqual([{ from: "QM-robustness", to: "QM-robust", rounds: ["round 1"] }]);
      const robust = c.codes.find((x: { code: string }) => x.code === "QM-robust");
      const before = JSON.parse(readFileSync(join(root, "reports/interview-35.json"), "utf8")).codes.find((x: { code: string }) => x.code === "QM-robustness");
      expect(robust.rounds[0].alpha).toBe(before.krippendorffAlpha.value);
      expect(robust.rounds[1].alpha).toBe(json2.codes.find((x: { code: string }) => x.code === "QM-robust").krippendorffAlpha.value);
      expect(readFileSync(join(dir, "rounds.md"), "utf8")).toContain("rounds-alpha-per-round.svg");
      expect(existsSync(join(dir, "rounds-alpha-per-round.svg"))).toBe(true);
    } finally {
      done();
    }
  });

  it("refuses a file that is not a report, naming the missing field", async () => {
    const { dir, done } = tempDir();
    try {
      writeFileSync(join(dir, "x.json"), JSON.stringify({ schemaVersion: 1 }));
      const r = await run(["compare", join(root, "reports/interview-35.json"), join(dir, "x.json")], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/x\.json.*codes/);
    } finally {
      done();
    }
  });
});
