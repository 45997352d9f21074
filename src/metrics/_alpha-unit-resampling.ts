/**
 * Units-bootstrap support for alpha: per-unit statistics computed once, so that a resample of
 * units only adds up numbers and never rebuilds a matrix.
 *
 * For a resample (a multiset of units), with unit u's ratings counted once per draw:
 *   D_o* = Σ_u D_u / (m_u − 1) / n*        D_u = Σ δ over unit u's ordered pairs (kept per unit)
 *   D_e* = Σ_c Σ_k n*_c (n*_k − [c = k]) δ_ck / (n* (n* − 1))
 * n*_c counts the drawn pairable values equal to c. The ordinal metric depends on the value
 * counts, so for it the resample's coincidences are added up and δ recomputed per resample.
 */
import { distanceTable, ordinalRanks } from "./_alpha-distances.js";
import type { AlphaOptions, PreparedAlpha } from "./krippendorff-alpha.js";

/** Returns a function from drawn unit indices to the resample's alpha (NaN when undefined). */
export function alphaUnitResampler(prepared: PreparedAlpha, options: AlphaOptions): (picks: Int32Array) => number {
  const { codes, unitCount, coderCount, values } = prepared.coded;
  const V = values.length;
  const delta = prepared.delta;
  const ordinal = options.distance === undefined && (options.level ?? "nominal") === "ordinal";
  // Pack each pairable unit's codes contiguously; units with < 2 ratings get an empty range.
  const offsets = new Int32Array(unitCount + 1);
  const packed = new Int32Array(prepared.coincidences.pairable);
  const unitObserved = new Float64Array(unitCount);
  let end = 0;
  for (let u = 0, base = 0; u < unitCount; u++, base += coderCount) {
    let m = 0;
    for (let c = 0; c < coderCount; c++) if ((codes[base + c] as number) >= 0) m++;
    if (m >= 2) {
      const start = end;
      for (let c = 0; c < coderCount; c++) {
        const code = codes[base + c] as number;
        if (code >= 0) packed[end++] = code;
      }
      let D = 0;
      for (let i = start; i < end; i++) {
        const row = (packed[i] as number) * V;
        for (let j = start; j < end; j++) if (j !== i) D += delta[row + (packed[j] as number)] as number;
      }
      unitObserved[u] = D / (m - 1);
    }
    offsets[u + 1] = end;
  }
  const counts = new Float64Array(V);
  const coinc = ordinal ? new Float64Array(V * V) : null;
  const ranks = ordinal ? ordinalRanks(values, options.order) : undefined;

  const expectedOf = (d: Float64Array, n: number): number => {
    let expectedSum = 0;
    for (let c = 0; c < V; c++) {
      const nc = counts[c] as number;
      if (nc === 0) continue;
      for (let k = 0; k < V; k++) expectedSum += nc * ((counts[k] as number) - (c === k ? 1 : 0)) * (d[c * V + k] as number);
    }
    return expectedSum / (n * (n - 1));
  };

  if (coinc === null) {
    return (picks) => {
      counts.fill(0);
      let n = 0;
      let observedSum = 0;
      for (let i = 0; i < picks.length; i++) {
        const u = picks[i] as number;
        const start = offsets[u] as number;
        const stop = offsets[u + 1] as number;
        n += stop - start;
        observedSum += unitObserved[u] as number;
        for (let j = start; j < stop; j++) counts[packed[j] as number] = (counts[packed[j] as number] as number) + 1;
      }
      if (n < 2) return Number.NaN;
      const expected = expectedOf(delta, n);
      return expected > 0 ? 1 - observedSum / n / expected : Number.NaN;
    };
  }
  return (picks) => {
    counts.fill(0);
    coinc.fill(0);
    let n = 0;
    for (let i = 0; i < picks.length; i++) {
      const u = picks[i] as number;
      const start = offsets[u] as number;
      const stop = offsets[u + 1] as number;
      if (stop === start) continue;
      n += stop - start;
      const w = 1 / (stop - start - 1);
      for (let a = start; a < stop; a++) {
        const x = packed[a] as number;
        counts[x] = (counts[x] as number) + 1;
        for (let b = a + 1; b < stop; b++) {
          const y = packed[b] as number;
          coinc[x * V + y] = (coinc[x * V + y] as number) + w;
          coinc[y * V + x] = (coinc[y * V + x] as number) + w;
        }
      }
    }
    if (n < 2) return Number.NaN;
    const d = distanceTable(values, "ordinal", counts, ranks);
    let observedSum = 0;
    for (let i = 0; i < V * V; i++) observedSum += (coinc[i] as number) * (d[i] as number);
    const expected = expectedOf(d, n);
    return expected > 0 ? 1 - observedSum / n / expected : Number.NaN;
  };
}
