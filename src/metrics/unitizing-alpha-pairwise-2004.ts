import type { MetricResult } from "../model/reliability-matrix.js";
import { binaryLayer, checkContinuum, type Segment, type UnitizingContinuum } from "./_unitizing-layers.js";

/**
 * Krippendorff's earlier unitizing alpha, α_U, per code in its pairwise form (1995; 2004 book):
 * for one code, how well coders agree on where that code's units begin and end. It is kept so
 * that results can be compared with published studies and tools (DKPro Statistics) that use it;
 * for new work prefer {@link unitizingAlpha}, whose 2016 form behaves as intended with more than
 * two coders.
 *
 * **Formula.** For code c, each coder's layer is a sequence of units of c and gaps. For every
 * pair of coders, each pair of overlapping segments (g of one coder, h of the other) has
 * ```
 * δ²(g,h) = (b_g − b_h)² + (e_g − e_h)²   both units (b = begin, e = end)
 *         = l_g²                           unit g lies inside gap h (and symmetrically)
 *         = 0                              otherwise
 * D_o = 2 Σ_{i<j} Σ_g Σ_h δ²(g,h) / (m (m−1) L²)
 * D_e = (2/L) Σ_u [ (N_c − 1)(2l_u³ − 3l_u² + l_u)/3 + l_u² Σ_{gaps γ: γ ≥ l_u} (γ − l_u + 1) ]
 *       / [ mL (mL − 1) − Σ_u l_u (l_u − 1) ]
 * α_U = 1 − D_o / D_e
 * ```
 * with u over all coders' units of c, N_c their number, l_u a unit's length, gaps over all
 * coders' gaps in the layer of c, m coders and L the continuum length. `observed` is D_o and
 * `expected` D_e.
 *
 * **Reference.** Krippendorff, K. (1995) On the reliability of unitizing continuous data.
 * *Sociological Methodology* 25, 47–76, doi:10.2307/271061 (example p. 57). Krippendorff, K.
 * (2004) *Content Analysis: An Introduction to Its Methodology*, 2nd ed., Sage, §11.6 (example
 * p. 254). The 2016 paper (see {@link unitizingAlpha}) explains why this form was replaced.
 *
 * **Missing data and degenerate cases.** One continuum only (the form has no rule for
 * pooling). Overlapping spans of one coder with the same code are merged; touching spans stay
 * separate units. Status `"undefined"` with reason `"fewer-than-two-coders"` (m < 2 or L = 0),
 * `"no-spans"` (a code in `options.codes` nobody used) or `"no-variation"` (D_e = 0).
 *
 * @example
 * // Krippendorff (2004) p. 254, code "c": D_o ≈ 0.0144, D_e ≈ 0.0532, α_U ≈ 0.7286
 * unitizingAlphaPairwise2004({ length: 300, coders: ["i", "j"], spans })["c"].value;
 *
 * @throws TypeError or RangeError for malformed spans (see {@link unitizingAlpha}).
 * O(m² S + S log S) for m coders and S spans.
 */
export function unitizingAlphaPairwise2004(
  continuum: UnitizingContinuum,
  options: { codes?: readonly string[] } = {},
): Record<string, MetricResult> {
  checkContinuum(continuum, 0);
  const used = new Set(continuum.spans.map((s) => s.code));
  const codes = [...new Set([...(options.codes ?? []), ...used])].sort();
  const m = continuum.coders.length;
  const out: Record<string, MetricResult> = {};
  for (const code of codes) {
    const base = { coefficient: "unitizingAlphaPairwise2004", level: "nominal" as const, coders: m };
    if (!used.has(code)) {
      out[code] = { ...base, value: null, status: "undefined", reason: "no-spans", observed: null, expected: null, units: 0 };
      continue;
    }
    const layer = binaryLayer(continuum, (k) => k === code, code).segments;
    const units = layer.reduce((n, l) => n + l.length, 0);
    if (m < 2 || continuum.length === 0) {
      out[code] = { ...base, value: null, status: "undefined", reason: "fewer-than-two-coders", observed: null, expected: null, units };
      continue;
    }
    const observed = observedDisagreement(layer, continuum.length);
    const expected = expectedDisagreement(layer, continuum.length);
    out[code] =
      expected > 0
        ? { ...base, value: 1 - observed / expected, status: "ok", observed, expected, units }
        : { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected, units };
  }
  return out;
}

interface Piece {
  start: number;
  end: number;
  unit: boolean;
}

/** A coder's units with the gaps between them, covering [0, L). */
function withGaps(units: readonly Segment[], length: number): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  for (const u of units) {
    if (u.start > position) pieces.push({ start: position, end: u.start, unit: false });
    pieces.push({ start: u.start, end: u.end, unit: true });
    position = u.end;
  }
  if (position < length) pieces.push({ start: position, end: length, unit: false });
  return pieces;
}

function distance(g: Piece, h: Piece): number {
  if (g.unit && h.unit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  // A unit facing a gap that swallows it is wholly missed by the other coder; a unit that only
  // partly meets a gap is already charged through its overlap with the neighbouring unit.
  if (g.unit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (h.unit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

function observedDisagreement(layer: readonly Segment[][], length: number): number {
  const m = layer.length;
  const pieces = layer.map((units) => withGaps(units, length));
  let total = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const a = pieces[i] ?? [];
      const b = pieces[j] ?? [];
      // Walk both partitions together; every overlapping pair of pieces is met exactly once.
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        const g = a[x] as Piece;
        const h = b[y] as Piece;
        total += distance(g, h);
        if (g.end <= h.end) x++;
        if (h.end <= g.end) y++;
      }
    }
  }
  return (2 * total) / (m * (m - 1) * length * length);
}

function expectedDisagreement(layer: readonly Segment[][], length: number): number {
  const m = layer.length;
  const units = layer.flat().map((u) => u.end - u.start);
  const gaps = layer
    .flatMap((u) => withGaps(u, length))
    .filter((p) => !p.unit)
    .map((p) => p.end - p.start)
    .sort((p, q) => p - q);
  // suffix[k] = Σ_{t ≥ k} gaps[t], so Σ_{γ ≥ l}(γ − l + 1) is one binary search away.
  const suffix = new Array<number>(gaps.length + 1).fill(0);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = (suffix[k + 1] ?? 0) + (gaps[k] ?? 0);
  const firstAtLeast = (l: number): number => {
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((gaps[mid] ?? 0) < l) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const n = units.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of units) {
    const k = firstAtLeast(l);
    const fits = (suffix[k] ?? 0) - (l - 1) * (gaps.length - k);
    numerator += ((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fits;
    selfPairs += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - selfPairs;
  return denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
}
