/**
 * A small seeded pseudo-random generator for the simulators (mulberry32, Tommy Ettinger's
 * public-domain 32-bit generator): same seed, same sequence, on every platform. Not for
 * statistics; the metrics' bootstrap has its own generator.
 */
export type Random = () => number;

/** A generator of floats in [0, 1) from a 32-bit integer seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** A Fisher–Yates shuffled copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `k` distinct items chosen at random, in their original order. */
export function sample<T>(items: readonly T[], k: number, random: Random): T[] {
  const chosen = new Set(shuffled(items.map((_, i) => i), random).slice(0, Math.max(0, Math.min(k, items.length))));
  return items.filter((_, i) => chosen.has(i));
}
