/**
 * The matching normalisation of `match-text.ts`: text in a canonical form for comparing an
 * excerpt with a transcript, with the original range of every character it produces, so that a
 * match in the normalised text maps back to offsets in the text as written.
 *
 * Rules: NFC per character with its combining marks; typographic quotes, primes and guillemets
 * to `'` and `"`; hyphens, en/em dashes and minus to `-`; the ellipsis character to `...`; soft
 * hyphens and zero-width characters dropped; every whitespace run to one space, none at either
 * end; case-folded (JavaScript's upper-then-lower mapping, so ß becomes ss).
 */

/** Text in the matching normalisation, with the original range of each of its characters. */
export interface NormalizedText {
  norm: string;
  /** `origStart[i]`..`origEnd[i]`: the UTF-16 range of the original text that `norm[i]` comes from. */
  origStart: Int32Array;
  origEnd: Int32Array;
}

const QUOTE_SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u2035]/gu;
const QUOTE_DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/gu;
const DASH = /[\u2010-\u2015\u2212]/gu;
const SPACE = /^[\s\u001c-\u001f\u0085]$/u;
const MARK = /^\p{M}$/u;
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/**
 * The matching normalisation of `text` (rules above), with the original range of every output
 * character. O(n).
 *
 * @example
 * normalizeForMatching("  \u201cHi\u201d,\n  Bob").norm // => "\"hi\", bob"
 */
export function normalizeForMatching(text: string): NormalizedText {
  const out = new NormalizedBuilder(text.length);
  let lastWasSpace = true; // no space at the start
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && (i + 1 >= n || text.charCodeAt(i + 1) < 0x300 || !MARK.test(String.fromCodePoint(text.codePointAt(i + 1)!)))) {
      // ASCII with no combining mark after it: the common case, without allocating.
      if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f)) {
        if (lastWasSpace) out.extendLast(i + 1);
        else out.push(32, i, i + 1);
        lastWasSpace = true;
      } else {
        out.push(c >= 65 && c <= 90 ? c + 32 : c, i, i + 1);
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    // A cluster: one code point and the combining marks that follow it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (j < n && text.charCodeAt(j) >= 0x300) {
      const cp = text.codePointAt(j)!;
      if (!MARK.test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const cluster = text.slice(i, j);
    if (j - i === 1 && INVISIBLE.has(c)) {
      if (lastWasSpace) out.extendLast(j);
    } else if (j - i === 1 && SPACE.test(cluster)) {
      if (lastWasSpace) out.extendLast(j);
      else out.push(32, i, j);
      lastWasSpace = true;
    } else {
      const mapped = cluster
        .normalize("NFC")
        .replace(QUOTE_SINGLE, "'")
        .replace(QUOTE_DOUBLE, '"')
        .replace(DASH, "-")
        .replace(/\u2026/gu, "...")
        .toUpperCase()
        .toLowerCase();
      for (let k = 0; k < mapped.length; k++) out.push(mapped.charCodeAt(k), i, j);
      lastWasSpace = false;
    }
    i = j;
  }
  if (lastWasSpace) out.pop();
  return out.finish();
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Decodes the buffer's UTF-16 units (a lone surrogate becomes U+FFFD, one unit for one, so positions hold). */
const UTF16 = new TextDecoder("utf-16le");

/** Growable UTF-16 buffer with the original range of each unit. */
class NormalizedBuilder {
  private units: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.units.length);
    this.ends = new Int32Array(this.units.length);
  }

  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /** The last unit (a space) also covers the original text up to `end`. */
  extendLast(end: number): void {
    if (this.length > 0) this.ends[this.length - 1] = end;
  }

  pop(): void {
    if (this.length > 0) this.length--;
  }

  private grow(): void {
    const size = this.units.length * 2;
    const units = new Uint16Array(size);
    units.set(this.units);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    [this.units, this.starts, this.ends] = [units, starts, ends];
  }

  finish(): NormalizedText {
    const units = this.units.subarray(0, this.length);
    let norm: string;
    if (LITTLE_ENDIAN) {
      norm = UTF16.decode(units);
    } else {
      norm = "";
      for (let k = 0; k < units.length; k += 8192) norm += String.fromCharCode(...units.subarray(k, k + 8192));
    }
    return { norm, origStart: this.starts.slice(0, this.length), origEnd: this.ends.slice(0, this.length) };
  }
}
