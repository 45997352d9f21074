/**
 * The one ordering of names intercoder uses wherever output must be deterministic: by Unicode
 * code point (the Delve spec's "code-point order", §10), never by locale, so a report is the same
 * on every machine. It differs from JavaScript's `<` (UTF-16 units) only for characters above
 * U+FFFF, which sort after every character of the Basic Multilingual Plane.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (U+D800–U+DFFF) starts a code point above U+FFFF, greater than any other unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Canonical order of scalar values (the order of alpha's value codes): numbers ascending, then
 * strings by UTF-16 unit. Used so that codes, and therefore the order of floating-point sums,
 * do not depend on input order.
 */
export function compareScalars(a: string | number, b: string | number): number {
  if (typeof a === "number") {
    if (typeof b === "number") return a - b;
    return -1;
  }
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
