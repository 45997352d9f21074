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
  rng.int = (n: number): number => {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new RangeError(`int(n) needs a positive integer n, got ${String(n)}`);
    }
    if (n <= 2097152) {
      // Lemire (2019): the 32×21-bit product is exact in a double; reject the biased low range.
      let product = uint32() * n;
      let low = product % TWO_POW_32;
      if (low < n) {
        const threshold = (TWO_POW_32 - n) % n;
        while (low < threshold) {
          product = uint32() * n;
          low = product % TWO_POW_32;
        }
      }
      return Math.floor(product / TWO_POW_32);
    }
    return Math.floor(rng() * n);
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
