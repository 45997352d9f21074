import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareCodePoints } from "../../src/model/order.js";

describe("compareCodePoints", () => {
  it("orders by code point, so a character above U+FFFF comes after U+FFFD (UTF-16 order says the opposite)", () => {
    expect(compareCodePoints("\u{1F600}", "\uFFFD")).toBe(1);
    expect("\u{1F600}" < "\uFFFD").toBe(true);
    expect(["b", "\u{1F600}", "a", "\uFFFD", "ab"].sort(compareCodePoints)).toEqual(["a", "ab", "b", "\uFFFD", "\u{1F600}"]);
  });

  it("agrees with comparing the arrays of code points", () => {
    const byArrays = (a: string, b: string) => {
      const x = Array.from(a, (c) => c.codePointAt(0)!);
      const y = Array.from(b, (c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return Math.sign(x.length - y.length);
    };
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => compareCodePoints(a, b) === byArrays(a, b)));
  });
});
