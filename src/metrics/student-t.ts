/**
 * Quantiles of Student's t distribution (and of the standard normal, its limit), accurate to
 * about 1e-13, for the confidence intervals of the agreement coefficients. irrCAC builds its
 * intervals as `estimate ± qt(0.975, n − 1) · se`; this is the `qt` it needs.
 *
 * ```
 * P(T ≤ t) = 1 − ½ · I_{ν/(ν+t²)}(ν/2, ½)          for t ≥ 0   (I = regularisedIncompleteBeta)
 * Φ(z)     = ½ · Q(½, z²/2)                         for z ≤ 0   (Q = upper regularised gamma)
 * ```
 * The quantile is found by Newton's method on the CDF, kept inside a shrinking bracket
 * (bisection when a Newton step leaves it), so it converges for any `df > 0`.
 *
 * Reference: Abramowitz, M. & Stegun, I. A. (1964) *Handbook of Mathematical Functions*,
 * 26.7.1 (t distribution) and 26.5 (incomplete beta); continued fraction as in Press et al.
 * (2007) *Numerical Recipes*, 3rd ed., §6.4 (modified Lentz). Log-gamma by Lanczos (g = 7).
 *
 * @example
 * studentTQuantile(0.975, 1);  // => 12.706204736174707 (= tan(0.475π))
 * studentTQuantile(0.975, 19); // => 2.093024054408263 (R qt(0.975, 19))
 * studentTQuantile(0.975, Infinity); // => 1.959963984540054
 * @throws RangeError when p is not in (0, 1) or df is not > 0.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const normal = !Number.isFinite(df) || df > 1e7;
  const cdf = normal ? normalCdf : (t: number): number => studentTCdf(t, df);
  const pdf = normal
    ? (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI)
    : (t: number): number =>
        Math.exp(
          logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) -
            ((df + 1) / 2) * Math.log1p((t * t) / df),
        );
  let low = 0;
  let high = 1;
  while (cdf(high) < p) high *= 2;
  let t = (low + high) / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const error = cdf(t) - p;
    if (error === 0) return t;
    if (error > 0) high = t;
    else low = t;
    let next = t - error / pdf(t);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularisedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Standard normal CDF Φ(z), through the incomplete gamma function (no erf approximation). */
export function normalCdf(z: number): number {
  const tail = 0.5 * upperRegularisedGamma(0.5, (z * z) / 2);
  return z >= 0 ? 1 - tail : tail;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** I_x(a, b), the regularised incomplete beta function, by its continued fraction. */
export function regularisedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast only for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

const TINY = 1e-300;

function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    for (const numerator of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + numerator * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + numerator / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return h;
}

/** Q(a, x) = Γ(a, x) / Γ(a): series below a + 1, continued fraction above. */
function upperRegularisedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logFront);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return Math.exp(logFront) * h;
}
