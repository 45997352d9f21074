/** Checks shared by the CLI tests that judge what a report says (bad input, fuzzing). */
import { expect } from "vitest";

/**
 * Every coefficient record `{ value, status }` in a JSON report is honest: a finite number with
 * status "ok", or null with status "undefined" and a reason. (JSON cannot hold NaN: a NaN would
 * have become a null without a reason, which this catches.) Returns the paths that are not.
 */
export function checkCoefficients(node: unknown, path = "$"): string[] {
  const bad: string[] = [];
  if (Array.isArray(node)) node.forEach((x, i) => bad.push(...checkCoefficients(x, `${path}[${i}]`)));
  else if (typeof node === "object" && node !== null) {
    const o = node as Record<string, unknown>;
    if ("value" in o && "status" in o) {
      const ok = o["status"] === "ok" && typeof o["value"] === "number" && Number.isFinite(o["value"]);
      const undef = o["status"] === "undefined" && o["value"] === null && typeof o["reason"] === "string" && o["reason"] !== "";
      if (!ok && !undef) bad.push(`${path}: ${JSON.stringify({ value: o["value"], status: o["status"], reason: o["reason"] })}`);
    }
    for (const [k, v] of Object.entries(o)) bad.push(...checkCoefficients(v, `${path}.${k}`));
  }
  return bad;
}

/** True when text (outside quoted input) shows a NaN or an infinity. */
export function hasNonFinite(text: string): boolean {
  return /\bNaN\b|-?Infinity\b/.test(text);
}

/** Markdown without its warnings section (warnings quote the input, and an input may say "NaN"). */
export function withoutWarnings(markdown: string): string {
  return markdown.replace(/## Warnings\n[\s\S]*?(?=\n## )/, "");
}

/** Standard error holds exactly one refusal: `intercoder: ... [CODE]`, a hint, no stack trace. Returns the code. */
export function expectOneMessage(stderr: string): string {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain("internal error");
  expect(stderr.match(/^intercoder:/gm)).toHaveLength(1);
  expect(stderr).toMatch(/\n {2}hint: \S/);
  const code = / \[([A-Z0-9_]+)\]\n/.exec(stderr);
  expect(code, stderr).not.toBeNull();
  return code![1]!;
}
