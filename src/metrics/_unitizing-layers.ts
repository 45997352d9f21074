/**
 * Internal stages of the unitizing alpha family: checking the input, turning each coder's spans
 * into a "layer" (sorted, non-overlapping valued segments), and sweeping the layers of all
 * coders once to collect the length-weighted coincidences of Krippendorff et al. (2016).
 * Nothing here is public; `unitizing-alpha.ts` builds the coefficients from these sums.
 */

/** One coder's coded stretch of a continuum: half-open `[start, end)` in continuum positions. */
export interface UnitizingSpan {
  coder: string;
  start: number;
  end: number;
  code: string;
}

/** One continuum (a text, a recording) unitized independently by every listed coder. */
export interface UnitizingContinuum {
  /** Length of the continuum in its smallest units (e.g. UTF-16 code units of a text). */
  length: number;
  /** Position where the continuum begins (default 0): it covers `[start, start + length)`. */
  start?: number;
  /** Every coder who unitized this continuum; a coder with no spans left all of it uncoded. */
  coders: readonly string[];
  spans: readonly UnitizingSpan[];
}

/** A valued segment `[start, end)` of one coder's layer. */
export interface Segment {
  start: number;
  end: number;
  value: string;
}

/** One continuum with each coder's segments, sorted by start. */
export interface Layered {
  length: number;
  /** `segments[coder]`, in the order of `coders`. */
  segments: Segment[][];
}

/** Throws TypeError/RangeError for input that is not a well-formed continuum (programmer misuse). */
export function checkContinuum(c: UnitizingContinuum, index: number): void {
  const where = `continuum ${index}`;
  if (typeof c !== "object" || c === null) throw new TypeError(`${where}: expected an object`);
  if (!Number.isInteger(c.length) || c.length < 0) {
    throw new RangeError(`${where}: length must be a non-negative integer, got ${String(c.length)}`);
  }
  const begin = c.start ?? 0;
  if (!Number.isInteger(begin)) throw new RangeError(`${where}: start must be an integer, got ${String(c.start)}`);
  if (!Array.isArray(c.coders) || !Array.isArray(c.spans)) {
    throw new TypeError(`${where}: coders and spans must be arrays`);
  }
  const coders = new Set<string>();
  for (const coder of c.coders) {
    if (typeof coder !== "string") throw new TypeError(`${where}: coder names must be strings`);
    if (coders.has(coder)) throw new RangeError(`${where}: coder "${coder}" is listed twice`);
    coders.add(coder);
  }
  c.spans.forEach((s, i) => {
    if (!coders.has(s.coder)) {
      throw new RangeError(`${where}, span ${i}: coder "${s.coder}" is not in coders`);
    }
    if (typeof s.code !== "string") throw new TypeError(`${where}, span ${i}: code must be a string`);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < begin || s.end > begin + c.length || s.start >= s.end) {
      throw new RangeError(
        `${where}, span ${i}: [${s.start}, ${s.end}) is not a non-empty integer range inside [${begin}, ${begin + c.length})`,
      );
    }
  });
}

/**
 * Sorts segments and merges those that overlap (share at least one position). Touching
 * segments (`a.end === b.start`) stay separate units, as in Krippendorff's examples where one
 * coder marks two adjacent units with the same value.
 */
export function mergeOverlapping(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/** Each coder's spans as segments relative to the continuum's start, in the order of `coders`. */
function byCoder(c: UnitizingContinuum, keep: (code: string) => boolean): Segment[][] {
  const begin = c.start ?? 0;
  const index = new Map(c.coders.map((coder, i) => [coder, i] as const));
  const out: Segment[][] = c.coders.map(() => []);
  for (const s of c.spans) {
    if (!keep(s.code)) continue;
    out[index.get(s.coder) ?? 0]?.push({ start: s.start - begin, end: s.end - begin, value: s.code });
  }
  return out;
}

/** One coder's segments merged per code (same-code overlaps become one unit), sorted by start. */
function mergeByCode(segments: Segment[]): Segment[] {
  const byCode = new Map<string, Segment[]>();
  for (const s of segments) {
    const list = byCode.get(s.value) ?? [];
    list.push(s);
    byCode.set(s.value, list);
  }
  return [...byCode.values()].flatMap(mergeOverlapping).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The layer of codes as given; `overlaps` tells whether some coder gave two codes to one position. */
export function codeLayer(c: UnitizingContinuum): Layered & { overlaps: boolean } {
  const segments = byCoder(c, () => true).map(mergeByCode);
  const overlaps = segments.some((list) => list.some((s, i) => i > 0 && s.start < (list[i - 1]?.end ?? 0)));
  return { length: c.length, segments, overlaps };
}

/** The binary layer: every kept span becomes value `valued`; overlapping spans merge. */
export function binaryLayer(c: UnitizingContinuum, keep: (code: string) => boolean, valued: string): Layered {
  return {
    length: c.length,
    segments: byCoder(c, keep).map((list) => mergeOverlapping(list.map((s) => ({ ...s, value: valued })))),
  };
}

/**
 * Length-weighted coincidence sums over all continua (Krippendorff et al. 2016, §3; 2019,
 * eqs. 32–33). Symbols: `ℓ_ck` observed coincidences, `ℓ_c.` their margins, `ℓ..` = Σ m·L.
 */
export interface Coincidences {
  /** ℓ.. : total coincidences, Σ over continua of m·L. */
  total: number;
  /** ℓ_c. for every value c (valued codes); the gap value φ is kept apart. */
  margin: Map<string, number>;
  /** ℓ_φ. : the gaps' margin. */
  gapMargin: number;
  /** ℓ_cc for every valued code c. */
  diagonal: Map<string, number>;
  /** ℓ_φφ. */
  gapDiagonal: number;
  /** Σ over units of value c of (length)²: a unit cannot be paired with itself. */
  unitSquares: Map<string, number>;
  /** ℓ*_c. : the part of ℓ_c. where the other coders also coded (valued × valued). */
  pairedMargin: Map<string, number>;
  /** Σ over units of value c of (ℓ*-contribution of that unit)²: eq. 36's self-pairing term. */
  pairedSquares: Map<string, number>;
  /** Number of valued units that entered. */
  units: number;
  /** Largest number of coders of a continuum that entered. */
  coders: number;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/**
 * One sweep over the sorted boundaries of all coders' segments in each continuum. Within an
 * elementary section of length d where n_c coders have value c (and n_V coders have any value),
 * the ordered pairs of distinct coders contribute d·n_c·(n_k − [c=k]) to ℓ_ck, scaled by
 * 1/(m − 1) so that ℓ.. = m·L. Continua with fewer than two coders are skipped.
 * O(S log S) for S segments in all.
 */
export function coincidences(layers: readonly Layered[]): Coincidences {
  const out: Coincidences = {
    total: 0,
    margin: new Map(),
    gapMargin: 0,
    diagonal: new Map(),
    gapDiagonal: 0,
    unitSquares: new Map(),
    pairedMargin: new Map(),
    pairedSquares: new Map(),
    units: 0,
    coders: 0,
  };
  for (const layer of layers) {
    const m = layer.segments.length;
    if (m < 2 || layer.length === 0) continue;
    out.coders = Math.max(out.coders, m);
    out.total += m * layer.length;
    const scale = 1 / (m - 1);

    const events: { pos: number; delta: 1 | -1 }[] = [];
    let codedLength = 0;
    for (const coderSegments of layer.segments) {
      for (const s of coderSegments) {
        events.push({ pos: s.start, delta: 1 }, { pos: s.end, delta: -1 });
        const len = s.end - s.start;
        codedLength += len;
        bump(out.margin, s.value, len);
        bump(out.unitSquares, s.value, len * len);
        out.units += 1;
      }
    }
    out.gapMargin += m * layer.length - codedLength;
    events.sort((a, b) => a.pos - b.pos);

    // Sweep: the number of coders with any value, n_V, is constant between event positions.
    // `integral` is the running ∫ n_V, recorded at each event position so that a unit's overlap
    // with the other coders' coded matter can be read off as a difference.
    let valuedCount = 0;
    let position = 0;
    let integral = 0;
    let gapPairs = 0;
    const integralAt = new Map<number, number>([[0, 0]]);
    for (const e of events) {
      const d = e.pos - position;
      if (d > 0) {
        const gaps = m - valuedCount;
        gapPairs += d * gaps * (gaps - 1);
        integral += d * valuedCount;
        position = e.pos;
        integralAt.set(position, integral);
      }
      valuedCount += e.delta;
    }
    gapPairs += (layer.length - position) * m * (m - 1);
    out.gapDiagonal += gapPairs * scale;

    // Per-value diagonal and paired margins, from each unit's overlap with same-valued and any-valued matter.
    const perValueDiagonal = perValueSameOverlap(layer);
    for (const [value, pairs] of perValueDiagonal) bump(out.diagonal, value, pairs * scale);
    for (const coderSegments of layer.segments) {
      for (const s of coderSegments) {
        const covered = (integralAt.get(s.end) ?? 0) - (integralAt.get(s.start) ?? 0) - (s.end - s.start);
        const paired = covered * scale;
        bump(out.pairedMargin, s.value, paired);
        bump(out.pairedSquares, s.value, paired * paired);
      }
    }
  }
  return out;
}

/**
 * Σ over ordered pairs of distinct coders of the length where both have value c, per value c:
 * a sweep per value (each value's events are a subset, so the total work stays O(S log S)).
 */
function perValueSameOverlap(layer: Layered): Map<string, number> {
  const byValue = new Map<string, { pos: number; delta: 1 | -1 }[]>();
  for (const coderSegments of layer.segments) {
    for (const s of coderSegments) {
      const list = byValue.get(s.value) ?? [];
      list.push({ pos: s.start, delta: 1 }, { pos: s.end, delta: -1 });
      byValue.set(s.value, list);
    }
  }
  const out = new Map<string, number>();
  for (const [value, events] of byValue) {
    events.sort((a, b) => a.pos - b.pos);
    let n = 0;
    let position = 0;
    let pairs = 0;
    for (const e of events) {
      pairs += (e.pos - position) * n * (n - 1);
      position = e.pos;
      n += e.delta;
    }
    out.set(value, pairs);
  }
  return out;
}
