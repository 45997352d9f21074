import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ancestors, buildHierarchy, codebookCoverage, rollUp } from "../../src/align/hierarchy.js";
import { readCodebook } from "../../src/io/codebook.js";
import type { Codebook } from "../../src/model/transcript.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("buildHierarchy from a separator", () => {
  it("makes the first segment the parent: QM-robustness-fix becomes QM > QM-robustness-fix", () => {
    const h = buildHierarchy({ separator: "-", codes: ["QM-robustness-fix", "QM-speed", "Trust", "QM", "-odd"] });
    expect(Object.fromEntries(h.parentOf)).toEqual({
      "QM-robustness-fix": "QM", QM: null, "QM-speed": "QM", Trust: null, "-odd": null,
    });
    expect(h.maxDepth).toBe(2);
    expect(h.source).toBe("separator");
    expect(h.depthOf.get("QM-robustness-fix")).toBe(2);
  });

  it("accepts a multi-character separator and leaves codes without it at the top", () => {
    const h = buildHierarchy({ separator: "::", codes: ["Barriers::Cost::High", "Barriers", "Enablers"] });
    expect(Object.fromEntries(h.parentOf)).toEqual({ "Barriers::Cost::High": "Barriers", Barriers: null, Enablers: null });
  });

  it("is flat without codebook or separator", () => {
    const h = buildHierarchy({ codes: ["A-b", "C"] });
    expect(h.source).toBe("flat");
    expect(rollUp(["A-b", "C"], h, "parent")).toEqual(["A-b", "C"]);
  });
});

describe("buildHierarchy from a codebook", () => {
  const codebook = readCodebook(enc("code,parent\nTheme,\nQM,Theme\nQM-fix,QM\nTrust,\n"), { file: "cb.csv" });

  it("follows the codebook's parents to any depth, placing unlisted codes by the separator", () => {
    const h = buildHierarchy({ codebook, separator: "-", codes: ["QM-fix", "Trust", "Cost-high", "Misc"] });
    expect(Object.fromEntries(h.parentOf)).toEqual({
      Theme: null, QM: "Theme", "QM-fix": "QM", Trust: null, "Cost-high": "Cost", Cost: null, Misc: null,
    });
    expect(h.source).toBe("codebook+separator");
    expect(h.maxDepth).toBe(3);
    expect(ancestors("QM-fix", h)).toEqual(["QM", "Theme"]);
  });

  it("rolls codes up to a depth: a parent is present when any descendant is", () => {
    const h = buildHierarchy({ codebook, codes: [] });
    expect(rollUp(["QM-fix", "Trust"], h, 1)).toEqual(["Theme", "Trust"]);
    expect(rollUp(["QM-fix", "Trust"], h, "parent")).toEqual(["Theme", "Trust"]);
    expect(rollUp(["QM-fix", "Trust", "QM"], h, 2)).toEqual(["QM", "Trust"]);
    expect(rollUp(["QM-fix", "Theme"], h, 3)).toEqual(["QM-fix", "Theme"]);
    expect(rollUp([], h, 1)).toEqual([]);
    expect(rollUp(["Unknown"], h, 1)).toEqual(["Unknown"]);
    expect(() => rollUp(["QM"], h, 0)).toThrow(RangeError);
  });

  it("cuts a parent cycle instead of looping", () => {
    const cyclic: Codebook = { entries: [{ code: "A", parent: "B" }, { code: "B", parent: "A" }] };
    const h = buildHierarchy({ codebook: cyclic, codes: ["A"] });
    // Walking up from A (the first code) meets A again at B, so B's link to A is the one cut.
    expect(Object.fromEntries(h.parentOf)).toEqual({ A: "B", B: null });
    expect(rollUp(["A", "B"], h, 1)).toEqual(["B"]);
  });

  it("uses REFI-QDA folders as parents", () => {
    const qdc = '<CodeBook><Codes><Code name="Folder" isCodable="false"><Code name="x" isCodable="true"/><Code name="y" isCodable="true"/></Code></Codes></CodeBook>';
    const h = buildHierarchy({ codebook: readCodebook(enc(qdc), { file: "c.qdc" }), codes: ["x"] });
    expect(rollUp(["x", "y"], h, "parent")).toEqual(["Folder"]);
  });
});

describe("rollUp properties", () => {
  it("gives the top-level ancestor of each code at depth 1, for separator hierarchies", () => {
    const code = fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }).map((p) => p.join("-"));
    fc.assert(fc.property(fc.array(code, { maxLength: 8 }), (codes) => {
      const h = buildHierarchy({ separator: "-", codes });
      const up = rollUp(codes, h, "parent");
      expect(up).toEqual([...new Set(codes.map((c) => c.split("-")[0]!))].sort());
      expect(rollUp(codes, h, 2)).toEqual([...new Set(codes)].sort());
    }));
  });
});

describe("codebookCoverage", () => {
  it("lists codes missing from the codebook and codebook codes nobody used (folders excluded)", () => {
    const qdc = '<CodeBook><Codes><Code name="Folder" isCodable="false"><Code name="x" isCodable="true"/><Code name="y" isCodable="true"/></Code><Code name="z" isCodable="true"/></Codes></CodeBook>';
    const cb = readCodebook(enc(qdc), { file: "c.qdc" });
    expect(codebookCoverage(cb, ["x", "new", "Another"])).toEqual({ notInCodebook: ["Another", "new"], unused: ["y", "z"] });
  });
});
