/**
 * How long the fuzz tests run. `npm test` runs each property a few hundred times (seconds in
 * all); `npm run fuzz` sets `INTERCODER_FUZZ_RUNS` (e.g. 20000) and every property runs that many
 * times, scaled down for the slow whole-pipeline properties.
 */

/** Runs for one property: `short` in a normal test run, `INTERCODER_FUZZ_RUNS × scale` in a long one. */
export function fuzzRuns(short: number, scale = 1): number {
  const raw = process.env["INTERCODER_FUZZ_RUNS"];
  const long = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(long) && long > 0 ? Math.max(1, Math.ceil(long * scale)) : short;
}
