/**
 * Property tests run with a fixed fast-check seed in `npm test`, so a CI run is repeatable; a long
 * fuzz run (`npm run fuzz`, INTERCODER_FUZZ_RUNS set) draws fresh seeds to explore further.
 */
import fc from "fast-check";

if (process.env["INTERCODER_FUZZ_RUNS"] === undefined) fc.configureGlobal({ seed: 20261129 });
