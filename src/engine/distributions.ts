/**
 * Reference distributions for the tests: standard normal, Student t and F.
 * Built on the log-gamma function (Lanczos), the regularized incomplete gamma (for erfc) and the
 * regularized incomplete beta (continued fraction, modified Lentz). Accurate to about 1e-12 in the
 * ranges an event study uses. References: Numerical Recipes (Press et al., 3rd ed., 6.1-6.4);
 * Abramowitz & Stegun 26.2, 26.5-26.7; Acklam's inverse normal algorithm.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]
const LN_SQRT_2PI = 0.9189385332046727

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0]
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i)
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Stirling correction lnΓ(x) - [(x - 1/2) ln x - x + ln √(2π)], x >= 10 (A&S 6.1.41; error < 1e-16). */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x)
  return (
    (1 / x) *
    (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156))))))
  )
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b), computed without the cancellation of large lnΓ values
 * (as R's lbeta: Stirling corrections when an argument is >= 10), so t and F stay accurate for large df.
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b)
  const q = Math.max(a, b)
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q))
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q)
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q))
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q)
}

const EPS = 1e-16
const TINY = 1e-300

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) (NR 6.2: series or continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  const lnPre = -x + a * Math.log(x) - logGamma(a)
  if (x < a + 1) {
    // series for P(a, x)
    let ap = a
    let sum = 1 / a
    let del = sum
    for (let n = 0; n < 10_000; n++) {
      ap += 1
      del *= x / ap
      sum += del
      if (Math.abs(del) < Math.abs(sum) * EPS) break
    }
    return 1 - sum * Math.exp(lnPre)
  }
  // continued fraction for Q(a, x)
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) break
  }
  return Math.exp(lnPre) * h
}

/** Complementary error function erfc(x) = Q(1/2, x^2) for x >= 0, 2 - erfc(-x) otherwise (A&S 7.1.2). */
export function erfc(x: number): number {
  if (x >= 0) return gammaQ(0.5, x * x)
  return 2 - gammaQ(0.5, x * x)
}

/** Standard normal cdf Φ(z) = erfc(-z/√2) / 2 (A&S 26.2.29). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

/** Two-sided p-value of a standard normal statistic: 2 Φ(-|z|) = erfc(|z|/√2). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2))
}

/** Inverse standard normal cdf (Acklam's rational approximation, refined by one Halley step: ~1e-15). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity
    if (p === 1) return Infinity
    return NaN
  }
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const pLow = 0.02425
  let x: number
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p))
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else if (p <= 1 - pLow) {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  }
  // Halley refinement
  const e = normalCdf(x) - p
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

/** Continued fraction of the incomplete beta (NR 6.4, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) break
  }
  return h
}

/**
 * Regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b) (NR 6.4).
 * `y` = 1 - x may be passed when it is known more precisely than 1 - x (avoids cancellation).
 */
export function incompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0
  if (y <= 0) return 1
  // ln x via log1p(-y) near 1: with a large a, a ln x would otherwise carry x's rounding error times a
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x)
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y)
  const lnFront = -logBeta(a, b) + a * lnX + b * lnY
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b
}

/** Above this many degrees of freedom Student t is replaced by the normal (difference ~1e-13). */
const T_NORMAL_DF = 1e12

/** Two-sided p-value of Student t with df degrees of freedom: P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2) (A&S 26.7.1). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (df > T_NORMAL_DF) return normalTwoSidedP(t)
  const t2 = t * t
  return Math.min(1, incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2)))
}

/** Student t cdf: P(T <= t) with df degrees of freedom (from the two-sided tail above). */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2
  return t >= 0 ? 1 - tail : tail
}

/** Student t quantile: the t with P(T <= t) = p (Newton on the cdf from the normal quantile, bisection guard). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN
  if (p === 0.5) return 0
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  let lo = 0
  let hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  let x = Math.min(Math.max(normalQuantile(p), lo), hi)
  const lnC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - p
    if (f > 0) hi = x
    else lo = x
    const dens = Math.exp(lnC - ((df + 1) / 2) * Math.log1p((x * x) / df))
    let next = x - f / dens
    if (!(next > lo && next < hi)) next = (lo + hi) / 2
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next
    x = next
  }
  return x
}

/** Upper tail of the F distribution: P(F > f) with (d1, d2) df = I_{d2/(d2 + d1 f)}(d2/2, d1/2) (A&S 26.6.2). */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1
  const den = d2 + d1 * f
  return incompleteBeta(d2 / den, d2 / 2, d1 / 2, (d1 * f) / den)
}
