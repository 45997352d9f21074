import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignTranscripts } from "../../src/align/align-turns.js";
import { readDelve } from "../../src/io/delve.js";
import { EXAMPLE_CODERS, makeExampleStudy } from "../../src/simulate/make-example.js";
import { perturbDelve } from "../../src/simulate/perturb.js";

const root = new URL("../../", import.meta.url);
const SEED = new Uint8Array(readFileSync(new URL("seeds/interview-35.txt", root)));
const read = (bytes: Uint8Array, coder: string) => readDelve(bytes, { file: `${coder}.txt`, coder });

describe("makeExampleStudy", () => {
  const files = makeExampleStudy(SEED);

  it("produces exactly the committed data/ files (regenerate with `intercoder simulate` if this fails)", () => {
    expect(Object.keys(files).sort()).toEqual(["interview-35/coder-a.txt", "interview-35/coder-b.txt", "interview-35/coder-c.txt"]);
    for (const [path, bytes] of Object.entries(files)) {
      expect(Buffer.from(bytes).equals(readFileSync(new URL(`data/${path}`, root))), path).toBe(true);
    }
    expect(Buffer.from(files["interview-35/coder-a.txt"]!).equals(Buffer.from(SEED))).toBe(true);
  });

  it("gives coder-c the same codes per turn as a clean copy of the same perturbation", () => {
    const { harmless: _, ...clean } = EXAMPLE_CODERS["coder-c"]!;
    const cleanText = perturbDelve(new TextDecoder().decode(SEED), clean);
    const c = read(files["interview-35/coder-c.txt"]!, "coder-c");
    const ref = read(new TextEncoder().encode(cleanText), "clean");
    expect(c.turns.map((t) => t.codes)).toEqual(ref.turns.map((t) => t.codes));
    const bytes = files["interview-35/coder-c.txt"]!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("makes three codings of the same 131 turns that align by number", () => {
    const coders = ["coder-a", "coder-b", "coder-c"].map((c) => read(files[`interview-35/${c}.txt`]!, c));
    expect(coders.map((t) => t.turns.length)).toEqual([131, 131, 131]);
    const aligned = alignTranscripts(coders);
    expect(aligned.method).toBe("by-number");
    expect(aligned.units.length).toBe(131);
    expect(aligned.textDifferences.map((d) => [d.coder, d.turn])).toEqual([["coder-c", 3]]);
    // Each synthetic coder has a code nobody else uses.
    expect(coders[1]!.codesUsed).toContain("MLP-vendor-lock-in");
    expect(coders[2]!.codesUsed).toContain("Data-annotation-effort");
    expect(coders[0]!.codesUsed.includes("MLP-vendor-lock-in") || coders[2]!.codesUsed.includes("MLP-vendor-lock-in")).toBe(false);
  });
});
