import { describe, expect, it } from "vitest";
import { createRng, rngFromState } from "../../src/metrics/_rng.js";

describe("createRng", () => {
  it("implements xoshiro128**: state {1, 2, 3, 4} gives the reference C code's first outputs", () => {
    // Blackman & Vigna, xoshiro128starstar.c; the first two follow by hand: rotl(2·5, 7)·9 = 11520,
    // and after one step s1 = 0, so the second output is 0.
    const rng = rngFromState(1, 2, 3, 4);
    expect([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it("gives the same stream for the same seed and a different one for another seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(xs);
  });

  it("returns numbers in [0, 1) with mean near 1/2", () => {
    const rng = createRng(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01); // 7 standard errors
  });

  it("int(n) covers 0..n−1 evenly", () => {
    const rng = createRng(1);
    const counts = new Array(6).fill(0) as number[];
    for (let i = 0; i < 60000; i++) {
      const k = rng.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
      counts[k] = (counts[k] as number) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(600); // ~6.5 standard deviations
  });

  it("accepts large and negative safe-integer seeds and rejects others", () => {
    expect(createRng(2 ** 40 + 3)()).not.toBe(createRng(3)());
    expect(createRng(-5)()).toBe(createRng(-5)());
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(1).int(0)).toThrow(RangeError);
  });
});

describe("fillInts", () => {
  it("gives the same numbers as repeated int(n) calls, and leaves the stream in the same place", () => {
    for (const n of [1, 6, 1000, 2 ** 21, 2 ** 21 + 1, 3_000_000_000]) {
      const a = createRng(99);
      const b = createRng(99);
      const filled = Array.from(a.fillInts(new Int32Array(300), n));
      const one = Array.from({ length: 300 }, () => b.int(n));
      expect(filled).toEqual(one.map((x) => x | 0));
      expect(a.uint32()).toBe(b.uint32());
    }
  });
});
