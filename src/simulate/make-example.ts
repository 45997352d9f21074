/**
 * The bundled example study `data/interview-35/`: the real Delve export as coder A and two
 * synthetic coders made from it by `perturbDelve` (see `perturb.ts` for what each step does).
 *
 * - `coder-a.txt`: the seed, byte for byte (`seeds/interview-35.txt`).
 * - `coder-b.txt`: `EXAMPLE_CODERS["coder-b"]`: seed 2; 40% of the applications of codes with a
 *   sibling use the sibling, 15% of all applications dropped, 25% of the excerpts extended by a
 *   turn, an extra code `MLP-vendor-lock-in` on 3 turns.
 * - `coder-c.txt`: `EXAMPLE_CODERS["coder-c"]`: seed 3; 20% sibling, 10% dropped, 30% extended,
 *   an extra code `Data-annotation-effort` on 2 turns; and the harmless copy differences
 *   (UTF-8 BOM, CRLF, trailing whitespace on every 5th line, the typo "matching learning" fixed to
 *   "machine learning" in its first occurrence).
 *
 * Pure: bytes in, bytes out; the CLI (`intercoder simulate`) writes the files.
 */
import { decodeUtf8 } from "../io/_text.js";
import { perturbDelveDetailed, type PerturbationChange, type PerturbOptions } from "./perturb.js";

/** The options that make the synthetic coders of the example study. */
export const EXAMPLE_CODERS: Readonly<Record<string, PerturbOptions>> = {
  "coder-b": { seed: 2, sibling: 0.4, drop: 0.15, extend: 0.25, extraCode: "MLP-vendor-lock-in", extraTurns: 3 },
  "coder-c": { seed: 3, sibling: 0.2, drop: 0.1, extend: 0.3, extraCode: "Data-annotation-effort", extraTurns: 2, harmless: true },
};

/** Folder of the example transcript inside `data/`. */
export const EXAMPLE_FOLDER = "interview-35";

/**
 * The example study's files, keyed by path relative to `data/`
 * (`interview-35/coder-a.txt`, `interview-35/coder-b.txt`, `interview-35/coder-c.txt`).
 */
export function makeExampleStudy(seedBytes: Uint8Array): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = { [`${EXAMPLE_FOLDER}/coder-a.txt`]: seedBytes.slice() };
  for (const [coder, text] of Object.entries(exampleCoderTexts(seedBytes))) {
    files[`${EXAMPLE_FOLDER}/${coder}.txt`] = new TextEncoder().encode(text.text);
  }
  return files;
}

/** Each synthetic coder's export text and the list of changes made to the seed's coding. */
export function exampleCoderTexts(seedBytes: Uint8Array): Record<string, { text: string; changes: PerturbationChange[] }> {
  const seed = decodeUtf8(seedBytes, "seeds/interview-35.txt");
  const out: Record<string, { text: string; changes: PerturbationChange[] }> = {};
  for (const [coder, options] of Object.entries(EXAMPLE_CODERS)) out[coder] = perturbDelveDetailed(seed, options);
  return out;
}
