/**
 * The general linear expected-return model: OLS of y on a column of ones and k regressors over the estimation
 * days where y and every regressor are present (factor models, Dimson's lags and leads; docs/methods.md,
 * "Factor models"). With X the L x d design (d = k + 1):
 *   b = (X'X)^-1 X'y,  sigma^2 = SSR / (L - d),  SE(b_j) = sqrt(sigma^2 [(X'X)^-1]_jj),  t_j = b_j / SE(b_j),
 *   p_j two-sided Student t with L - d df,  R^2 = 1 - SSR / S_yy,  adj R^2 = 1 - (1 - R^2)(L - 1)/(L - d).
 * Solved on centred regressors (S = Xc'Xc, k x k) for accuracy; (X'X)^-1 follows by the partitioned inverse:
 *   [1/L + m'S^-1 m, -m'S^-1; -S^-1 m, S^-1] with m the regressor means.
 */
import {studentTTwoSidedP} from './distributions.js'

/** One regressor: values read at x[off + j], j < count (a row of a larger array, read in place). */
export interface Regressor {
  x: Float64Array
  off: number
}

export interface LinearFit {
  /** Observations used (days with y and every regressor present). */
  L: number
  /** Parameters d = k + 1 (intercept first). */
  d: number
  /** b_0 (intercept), b_1..b_k. */
  coefficients: Float64Array
  /** (X'X)^-1, d x d row-major. */
  xtxInv: Float64Array
  sigma2: number
  se: Float64Array
  t: Float64Array
  p: Float64Array
  /** NaN when S_yy = 0. */
  r2: number
  adjR2: number
  ssr: number
  /** Regressor means over the L days (k). */
  means: Float64Array
  /** S^-1, the inverse of the centred cross-products (k x k row-major). */
  sInv: Float64Array
}

export interface LinearFailure {
  code: 'too-few-observations' | 'singular-design'
  reason: string
}

export function isLinearFailure(f: LinearFit | LinearFailure): f is LinearFailure {
  return (f as LinearFailure).code !== undefined
}

/** Whether day j has y and every regressor present. */
function present(y: Float64Array, yOff: number, xs: readonly Regressor[], j: number): boolean {
  const yv = y[yOff + j]
  if (yv !== yv) return false
  for (const r of xs) {
    const v = r.x[r.off + j]
    if (v !== v) return false
  }
  return true
}

/**
 * Fits y[yOff + j] on the regressors over j < count. Fails with a reason when fewer than d + 1 days are
 * complete (no residual degree of freedom) or the regressors are collinear over those days.
 */
export function fitLinearModel(
  y: Float64Array,
  yOff: number,
  xs: readonly Regressor[],
  count: number,
): LinearFit | LinearFailure {
  const k = xs.length
  const d = k + 1
  const means = new Float64Array(k)
  let L = 0
  let my = 0
  for (let j = 0; j < count; j++) {
    if (!present(y, yOff, xs, j)) continue
    L++
    my += y[yOff + j]
    for (let a = 0; a < k; a++) means[a] += xs[a].x[xs[a].off + j]
  }
  if (L < d + 1) {
    return {code: 'too-few-observations', reason: `too few estimation observations: ${L} (at least ${d + 1} needed)`}
  }
  my /= L
  for (let a = 0; a < k; a++) means[a] /= L
  const S = new Float64Array(k * k)
  const sxy = new Float64Array(k)
  const dx = new Float64Array(k)
  let syy = 0
  for (let j = 0; j < count; j++) {
    if (!present(y, yOff, xs, j)) continue
    const dy = y[yOff + j] - my
    syy += dy * dy
    for (let a = 0; a < k; a++) dx[a] = xs[a].x[xs[a].off + j] - means[a]
    for (let a = 0; a < k; a++) {
      sxy[a] += dx[a] * dy
      for (let b = 0; b <= a; b++) S[a * k + b] += dx[a] * dx[b]
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) S[b * k + a] = S[a * k + b]
  const sInv = invertSymmetric(S, k)
  if (sInv === null) {
    return {
      code: 'singular-design',
      reason: 'the regressors are collinear (or one is constant) in the estimation window',
    }
  }
  const coefficients = new Float64Array(d)
  let b0 = my
  for (let a = 0; a < k; a++) {
    let s = 0
    for (let b = 0; b < k; b++) s += sInv[a * k + b] * sxy[b]
    coefficients[a + 1] = s
    b0 -= s * means[a]
  }
  coefficients[0] = b0
  let ssr = 0
  for (let j = 0; j < count; j++) {
    if (!present(y, yOff, xs, j)) continue
    let e = y[yOff + j] - b0
    for (let a = 0; a < k; a++) e -= coefficients[a + 1] * xs[a].x[xs[a].off + j]
    ssr += e * e
  }
  return finish(L, d, coefficients, means, sInv, ssr, syy)
}

/** Standard errors, t, p, R^2 and (X'X)^-1 from the solved fit. */
function finish(
  L: number,
  d: number,
  coefficients: Float64Array,
  means: Float64Array,
  sInv: Float64Array,
  ssr: number,
  syy: number,
): LinearFit {
  const k = d - 1
  const xtxInv = new Float64Array(d * d)
  let m00 = 1 / L
  for (let a = 0; a < k; a++) {
    let s = 0
    for (let b = 0; b < k; b++) {
      s += sInv[a * k + b] * means[b]
      xtxInv[(a + 1) * d + b + 1] = sInv[a * k + b]
    }
    // s = (S^-1 m)_a
    m00 += means[a] * s
    xtxInv[a + 1] = -s
    xtxInv[(a + 1) * d] = -s
  }
  xtxInv[0] = m00
  const df = L - d
  const sigma2 = ssr / df
  const se = new Float64Array(d)
  const t = new Float64Array(d)
  const p = new Float64Array(d)
  for (let j = 0; j < d; j++) {
    se[j] = Math.sqrt(sigma2 * xtxInv[j * d + j])
    t[j] = coefficients[j] / se[j]
    p[j] = studentTTwoSidedP(t[j], df)
  }
  const r2 = syy > 0 ? 1 - ssr / syy : Number.NaN
  const adjR2 = 1 - ((1 - r2) * (L - 1)) / df
  return {L, d, coefficients, xtxInv, sigma2, se, t, p, r2, adjR2, ssr, means, sInv}
}

/**
 * Inverse of a symmetric positive-definite k x k matrix by Cholesky (A = G G', A^-1 = G'^-1 G^-1); null when
 * a pivot falls below 1e-12 of its diagonal entry (collinear or constant regressors).
 */
export function invertSymmetric(A: Float64Array, k: number): Float64Array | null {
  const G = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * k + j]
      for (let c = 0; c < j; c++) s -= G[i * k + c] * G[j * k + c]
      if (i === j) {
        if (!(s > 1e-12 * A[i * k + i])) return null
        G[i * k + i] = Math.sqrt(s)
      } else G[i * k + j] = s / G[j * k + j]
    }
  }
  // H = G^-1 (lower triangular)
  const H = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    H[i * k + i] = 1 / G[i * k + i]
    for (let j = 0; j < i; j++) {
      let s = 0
      for (let c = j; c < i; c++) s += G[i * k + c] * H[c * k + j]
      H[i * k + j] = -s / G[i * k + i]
    }
  }
  const inv = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0
      for (let c = i; c < k; c++) s += H[c * k + i] * H[c * k + j]
      inv[i * k + j] = s
      inv[j * k + i] = s
    }
  }
  return inv
}

/** u' S^-1 u with u = v - scale * m (v, m of length k). */
function centredForm(fit: LinearFit, v: ArrayLike<number>, scale: number): number {
  const k = fit.d - 1
  let q = 0
  for (let a = 0; a < k; a++) {
    const ua = v[a] - scale * fit.means[a]
    for (let b = 0; b < k; b++) q += ua * fit.sInv[a * k + b] * (v[b] - scale * fit.means[b])
  }
  return q
}

/** Expected return b_0 + sum_a b_a x_a for one day's regressor values x (length k). */
export function linearPrediction(fit: LinearFit, x: ArrayLike<number>): number {
  let e = fit.coefficients[0]
  for (let a = 0; a < fit.d - 1; a++) e += fit.coefficients[a + 1] * x[a]
  return e
}

/**
 * Prediction-error factor C_t = 1 + x_t (X'X)^-1 x_t', x_t = (1, regressors of day t)
 * = 1 + 1/L + (x - m)' S^-1 (x - m) (Patell 1976; MacKinlay 1997 eq. 9 in matrix form).
 */
export function linearPredictionErrorFactor(fit: LinearFit, x: ArrayLike<number>): number {
  return 1 + 1 / fit.L + centredForm(fit, x, 1)
}

/**
 * Var(CAR) over a window of T days = sigma^2 (T + x_W (X'X)^-1 x_W'), x_W = (T, sum over W of the regressors)
 * = sigma^2 (T + T^2/L + (xSum - T m)' S^-1 (xSum - T m)).
 */
export function linearCarVariance(fit: LinearFit, T: number, xSum: ArrayLike<number>): number {
  return fit.sigma2 * (T + (T * T) / fit.L + centredForm(fit, xSum, T))
}
