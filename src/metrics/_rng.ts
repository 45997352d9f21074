/**
 * A small seeded pseudo-random generator, so that a bootstrap run with the same inputs and the
 * same seed gives the same digits on every machine and every Node version (`Math.random` is
 * neither seedable nor specified).
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 * generators", https://prng.di.unimi.it/), a 128-bit state updated with 32-bit integer
 * operations only, which JavaScript performs exactly. The state is filled from the seed with
 * splitmix32, so that nearby seeds (1, 2, 3) give unrelated streams.
 */

/** A seeded stream of uniform numbers. Calling it returns a number in [0, 1). */
export interface Rng {
  (): number;
  /** The next raw 32-bit output, as an unsigned integer in [0, 2^32). */
  uint32(): number;
  /** A uniform integer in [0, n), without modulo bias. `n` must be a positive integer. */
  int(n: number): number;
  /** Fill `out` with uniform integers in [0, n): the same numbers as `out.length` calls of `int(n)`. */
  fillInts(out: Int32Array, n: number): Int32Array;
}

/** The seed used when the caller gives none (the CLI's `--seed` default). */
export const DEFAULT_SEED = 20070101;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Create a generator from an integer seed (any safe integer; the same seed always gives the
 * same stream).
 *
 * @example
 * const rng = createRng(42);
 * rng();       // a number in [0, 1), identical on every run
 * rng.int(6);  // 0..5
 * @throws RangeError if `seed` is not a safe integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  }
  // splitmix32 over the low and high halves of the seed fills the 128-bit state.
  let sm = (seed % TWO_POW_32) | 0;
  const high = Math.floor(seed / TWO_POW_32) | 0;
  const next = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm ^ high;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  return rngFromState(next(), next(), next(), next());
}

/**
 * @internal xoshiro128** from an explicit 128-bit state (four 32-bit words), as in the
 * reference C code; used to check the published output sequence.
 */
export function rngFromState(a: number, b: number, c: number, d: number): Rng {
  let s0 = a | 0;
  let s1 = b | 0;
  let s2 = c | 0;
  let s3 = d | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const rng = ((): number => {
    // 53 random bits: 27 from one output, 26 from the next.
    const high27 = uint32() >>> 5;
    const low26 = uint32() >>> 6;
    return (high27 * 67108864 + low26) / TWO_POW_53;
  }) as Rng;
  rng.uint32 = uint32;
  const checked = (n: number): number => {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new RangeError(`int(n) needs a positive integer n, got ${String(n)}`);
    }
    return n;
  };
  // Lemire (2019): for n ≤ 2^21 the 32-bit × n product is exact in a double; the low 32 bits
  // decide acceptance, so there is no modulo bias. Larger n use 53 random bits.
  const draw = (n: number): number => {
    if (n > 2097152) return Math.floor(rng() * n);
    let product = uint32() * n;
    let high = Math.floor(product / TWO_POW_32);
    let low = product - high * TWO_POW_32;
    if (low < n) {
      const threshold = (TWO_POW_32 - n) % n;
      while (low < threshold) {
        product = uint32() * n;
        high = Math.floor(product / TWO_POW_32);
        low = product - high * TWO_POW_32;
      }
    }
    return high;
  };
  rng.int = (n: number): number => draw(checked(n));
  rng.fillInts = (out: Int32Array, n: number): Int32Array => {
    checked(n);
    if (n > 2097152) {
      for (let i = 0; i < out.length; i++) out[i] = draw(n);
      return out;
    }
    // The same steps as uint32() and draw(), on local copies of the state: a bootstrap draws
    // millions of indices, and locals stay in registers where closure variables do not.
    let a = s0;
    let b = s1;
    let c = s2;
    let d = s3;
    const threshold = (TWO_POW_32 - n) % n;
    for (let i = 0; i < out.length; ) {
      const word = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      const product = word * n;
      const high = Math.floor(product / TWO_POW_32);
      if (product - high * TWO_POW_32 >= threshold) out[i++] = high;
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
    return out;
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
