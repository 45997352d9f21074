import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../_paths.js";
import { run, tempDir } from "./_run.js";

const inputs = ["a", "b", "c"].map((c) => `data/interview-35/coder-${c}.txt`);

async function reportJson(args: string[]) {
  const { dir, done } = tempDir();
  try {
    const r = await run(["report", ...inputs, "--json", join(dir, "r.json"), "--no-charts", "--quiet", "--bootstrap", "0", ...args], REPO_ROOT);
    expect(r.code).toBe(0);
    return JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
  } finally {
    done();
  }
}

describe("report --level parent --hierarchy-separator -", () => {
  it("rolls codes up to their first segment: a parent is present when any child is", async () => {
    const json = await reportJson(["--hierarchy-separator", "-", "--level", "parent"]);
    const parents = json.parentLevel.codes.map((c: { code: string }) => c.code);
    expect(parents).toEqual(["Data", "MLP", "QM", "feedback"]);
    // coder-a is the seed (spec §9.1): the QM-* codes cover turns 12, 13, 62-65, 80, 81, 113-115, 125-127.
    expect(json.parentLevel.codes.find((c: { code: string }) => c.code === "QM").presence["coder-a"]).toBe(14);
    // Data-*: 11, 17-20, 41-44, 106, 122-124.
    expect(json.parentLevel.codes.find((c: { code: string }) => c.code === "Data").presence["coder-a"]).toBe(13);
    // the child level is still reported in full
    expect(json.codes).toHaveLength(15);
  });
});

describe("report --unit", () => {
  it("computes the example study at every unit and says which unit it used", async () => {
    const counts: Record<string, number> = {};
    for (const unit of ["turn", "paragraph", "sentence", "document"]) {
      const json = await reportJson(["--unit", unit]);
      expect(json.unit).toBe(unit);
      counts[unit] = json.units;
    }
    expect(counts.turn).toBe(131);
    expect(counts.paragraph).toBe(157);
    expect(counts.sentence).toBeGreaterThan(157);
    expect(counts.document).toBe(1);
  });
});
