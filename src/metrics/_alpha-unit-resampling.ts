/**
 * Units-bootstrap support for alpha: per-unit statistics computed once, so that a resample of
 * units only adds up numbers and never rebuilds a matrix.
 *
 * For a resample (a multiset of units), with unit u's ratings counted once per draw:
 *   D_o* = Σ_u D_u / (m_u − 1) / n*        D_u = Σ δ over unit u's ordered pairs (kept per unit)
 *   D_e* = Σ_c Σ_k n*_c (n*_k − [c = k]) δ_ck / (n* (n* − 1))
 * n*_c counts the drawn pairable values equal to c. Units with the same multiset of values
 * contribute the same numbers, so they are grouped into patterns once, and a resample only
 * counts how often each pattern was drawn. The ordinal metric depends on the value counts, so
 * for it the resample's coincidences are added up and δ recomputed per resample.
 */
import { distanceTable, ordinalRanks } from "./_alpha-distances.js";
import type { AlphaOptions, PreparedAlpha } from "./krippendorff-alpha.js";

/** Returns a function from drawn unit indices to the resample's alpha (NaN when undefined). */
export function alphaUnitResampler(prepared: PreparedAlpha, options: AlphaOptions): (picks: Int32Array) => number {
  const { codes, unitCount, coderCount, values } = prepared.coded;
  const V = values.length;
  const delta = prepared.delta;
  const ordinal = options.distance === undefined && (options.level ?? "nominal") === "ordinal";

  // Patterns: the distinct sorted multisets of codes of the pairable units.
  const patternOf = new Int32Array(unitCount).fill(-1);
  const index = new Map<string, number>();
  const patternCodes: number[][] = [];
  const buffer: number[] = [];
  for (let u = 0, base = 0; u < unitCount; u++, base += coderCount) {
    buffer.length = 0;
    for (let c = 0; c < coderCount; c++) {
      const code = codes[base + c] as number;
      if (code >= 0) buffer.push(code);
    }
    if (buffer.length < 2) continue;
    buffer.sort((a, b) => a - b);
    const key = buffer.join(",");
    let p = index.get(key);
    if (p === undefined) {
      p = patternCodes.length;
      index.set(key, p);
      patternCodes.push([...buffer]);
    }
    patternOf[u] = p;
  }
  const P = patternCodes.length;
  const offsets = new Int32Array(P + 1);
  patternCodes.forEach((list, p) => (offsets[p + 1] = (offsets[p] as number) + list.length));
  const packed = Int32Array.from(patternCodes.flat());
  const patternObserved = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const start = offsets[p] as number;
    const stop = offsets[p + 1] as number;
    let D = 0;
    for (let i = start; i < stop; i++) {
      const row = (packed[i] as number) * V;
      for (let j = start; j < stop; j++) if (j !== i) D += delta[row + (packed[j] as number)] as number;
    }
    patternObserved[p] = D / (stop - start - 1);
  }
  const drawn = new Float64Array(P);
  const counts = new Float64Array(V);
  const coinc = ordinal ? new Float64Array(V * V) : null;
  const ranks = ordinal ? ordinalRanks(values, options.order) : undefined;

  return (picks) => {
    drawn.fill(0);
    for (let i = 0; i < picks.length; i++) {
      const p = patternOf[picks[i] as number] as number;
      if (p >= 0) drawn[p] = (drawn[p] as number) + 1;
    }
    counts.fill(0);
    coinc?.fill(0);
    let n = 0;
    let observedSum = 0;
    for (let p = 0; p < P; p++) {
      const times = drawn[p] as number;
      if (times === 0) continue;
      const start = offsets[p] as number;
      const stop = offsets[p + 1] as number;
      n += times * (stop - start);
      observedSum += times * (patternObserved[p] as number);
      for (let a = start; a < stop; a++) {
        const x = packed[a] as number;
        counts[x] = (counts[x] as number) + times;
        if (coinc === null) continue;
        const w = times / (stop - start - 1);
        for (let b = start; b < stop; b++) {
          if (b === a) continue;
          const y = packed[b] as number;
          coinc[x * V + y] = (coinc[x * V + y] as number) + w;
        }
      }
    }
    if (n < 2) return Number.NaN;
    let d = delta;
    if (coinc !== null) {
      d = distanceTable(values, "ordinal", counts, ranks);
      observedSum = 0;
      for (let i = 0; i < V * V; i++) observedSum += (coinc[i] as number) * (d[i] as number);
    }
    let expectedSum = 0;
    for (let c = 0; c < V; c++) {
      const nc = counts[c] as number;
      if (nc === 0) continue;
      for (let k = 0; k < V; k++) expectedSum += nc * ((counts[k] as number) - (c === k ? 1 : 0)) * (d[c * V + k] as number);
    }
    const expected = expectedSum / (n * (n - 1));
    return expected > 0 ? 1 - observedSum / n / expected : Number.NaN;
  };
}
