import { IrrError } from "../../src/model/errors.js";

/** UTF-8 bytes of a string (importers take bytes). */
export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Run `fn` and return the `IrrError` it throws; fail if it throws nothing or another error. */
export function caught(fn: () => unknown): IrrError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IrrError) return e;
    throw e;
  }
  throw new Error("expected an IrrError");
}
