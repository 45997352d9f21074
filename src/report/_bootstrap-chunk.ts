/** The work of one bootstrap thread: rebuild the presence matrices of some codes and bootstrap each. */
import type { ReliabilityMatrix } from "../model/reliability-matrix.js";
import { codeBootstrap } from "./per-code.js";
import type { AlphaBootstrapSummary } from "./types.js";

/** Every unit's code sets, packed: cell `c × units + u` holds coder c's codes on unit u. */
export interface PackedUnits {
  coders: string[];
  unitIds: string[];
  codes: string[];
  /** 1 where the coder has no value for the unit. */
  missing: Uint8Array;
  /** Cell i's code indices are `items[offsets[i] .. offsets[i + 1])`. */
  offsets: Int32Array;
  items: Int32Array;
}

/** The presence matrix of code `k` (as `presenceMatrix` builds it from the units). */
export function packedPresence(packed: PackedUnits, k: number): ReliabilityMatrix<number> {
  const U = packed.unitIds.length;
  const values = packed.coders.map((_, c) => {
    const row = new Array<number | null>(U);
    for (let u = 0; u < U; u++) {
      const cell = c * U + u;
      if (packed.missing[cell] === 1) { row[u] = null; continue; }
      let on = 0;
      for (let i = packed.offsets[cell]!; i < packed.offsets[cell + 1]!; i++) if (packed.items[i] === k) { on = 1; break; }
      row[u] = on;
    }
    return row;
  });
  return { coders: packed.coders, units: packed.unitIds, values };
}

/** `[code, summary]` for each code index in `chunk`. */
export function bootstrapChunk(packed: PackedUnits, chunk: readonly number[], resamples: number, seed: number): [string, AlphaBootstrapSummary | null][] {
  return chunk.map((k) => [packed.codes[k]!, codeBootstrap(packedPresence(packed, k), resamples, seed)]);
}
