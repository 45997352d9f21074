import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../_paths.js";
import { run } from "./_run.js";

describe("intercoder align", () => {
  it("prints each reference turn with the matched turn of every coder and the similarity of changed texts", async () => {
    const r = await run(["align", "data/interview-35/coder-a.txt", "data/interview-35/coder-c.txt"], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('transcript "Interview 35 - Ilan": 131 units of 131 reference turns, aligned by number');
    // coder-c fixed a typo in turn 3: matched, with its similarity
    expect(r.stdout).toMatch(/^3\tInterviewee\tt3\tt3 \(0\.99\d\)$/m);
    expect(r.stdout).toContain("unmatched reference turns: none");
  });

  it("aligns paragraphs with --unit paragraph", async () => {
    const r = await run(["align", "data/interview-35/coder-a.txt", "data/interview-35/coder-b.txt", "--unit", "paragraph"], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("157 units of 157 reference paragraphs");
  });
});
