import { describe, expect, it } from "vitest";
import { presenceMatrices, presenceMatrix } from "../../src/align/to-matrix.js";
import type { AlignedUnit } from "../../src/model/aligned.js";

const unit = (turn: number, codes: (string[] | null)[]): AlignedUnit => ({ transcript: "T", turn, speaker: null, text: "", line: turn, codes, coderTurns: codes.map(() => turn) });

describe("presenceMatrices", () => {
  it("builds the same matrix as presenceMatrix for every code, including codes nobody used", () => {
    const coders = ["a", "b", "c"];
    const units = [unit(1, [["X", "Y"], ["X"], null]), unit(2, [[], ["Y"], ["Y", "Z"]]), unit(3, [null, ["X", "X"], ["Z"]])];
    const presence = presenceMatrices(coders, units);
    for (const code of ["X", "Y", "Z", "unused"]) expect(presence(code)).toEqual(presenceMatrix(coders, units, code));
    expect(presence("X").values).toEqual([[1, 0, null], [1, 0, 1], [null, 0, 0]]);
  });

  it("gives each code its own rows (changing one matrix leaves the next intact)", () => {
    const presence = presenceMatrices(["a", "b"], [unit(1, [["X"], []])]);
    (presence("X").values[0] as (number | null)[])[0] = 7;
    expect(presence("X").values).toEqual([[1], [0]]);
  });
});
