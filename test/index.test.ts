import { describe, expect, it } from "vitest";
import * as intercoder from "../src/index.js";

describe("the public library surface", () => {
  it("computes the README's example through the package entry point", () => {
    const m = { coders: ["a", "b"], units: ["1", "2", "3"], values: [[1, 2, 3], [1, 2, 2]] };
    const r = intercoder.krippendorffAlpha(m, { level: "interval" });
    // Coincidences: (1,1)×2, (2,2)×2, (2,3),(3,2); n = 6; D_o = 2·1/6, D_e = Σ n_c n_k (c−k)² / (n(n−1)) = 2·(2·3·1 + 2·1·4 + 3·1·1)/30.
    expect(r.value).toBeCloseTo(1 - (2 / 6) / ((2 * (6 + 8 + 3)) / 30), 12);
    expect(typeof intercoder.buildReport).toBe("function");
    expect(typeof intercoder.readDelve).toBe("function");
  });
});
