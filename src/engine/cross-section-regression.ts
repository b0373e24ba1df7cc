/**
 * Cross-sectional regression of CARs (docs/methods.md, "Cross-sectional regression"): OLS (or WLS) of y (N) on an
 * intercept and named columns, with White heteroskedasticity-consistent standard errors.
 *   b = (X'X)^{-1} X'y,  V = (X'X)^{-1} X' diag(w_i) X (X'X)^{-1},  u = y - X b,  h_ii = x_i' (X'X)^{-1} x_i
 *   HC3 (default; MacKinnon & White 1985): w_i = u_i^2 / (1 - h_ii)^2;   HC1: w_i = N / (N - p) u_i^2   (White 1980)
 *   t_j = b_j / se_j with N - p df, two-sided p;  R^2 = 1 - SSR / SST,  adjusted R^2 = 1 - (1 - R^2)(N - 1)/(N - p).
 * Weighted least squares with weights v_i: every row scaled by sqrt(v_i), then the same formulas (so HC uses the
 * weighted residuals and leverages), SST about the weighted mean. Computed by modified Gram-Schmidt, X = QR, so
 * a column that is (numerically) a linear combination of the intercept and earlier columns is found and named.
 */
import {studentTTwoSidedP} from './distributions.js'

export const INTERCEPT = '(intercept)'

export interface RegressionColumn {
  name: string
  values: Float64Array
}

export interface RegressionOptions {
  se?: 'hc3' | 'hc1'
  /** WLS weights (e.g. 1 / Var(CAR_i)); each must be finite and > 0. */
  weights?: Float64Array
}

export interface RegressionTerm {
  name: string
  coef: number
  se: number
  t: number
  p: number
}

export interface RegressionFit {
  ok: true
  n: number
  /** Number of coefficients, the intercept included. */
  p: number
  df: number
  se: 'hc3' | 'hc1'
  weighted: boolean
  terms: RegressionTerm[]
  r2: number
  adjR2: number
}

export interface RegressionFailure {
  ok: false
  code:
    | 'rank-deficient'
    | 'too-few-rows'
    | 'non-finite'
    | 'bad-weight'
    | 'constant-outcome'
    | 'perfect-fit'
    | 'leverage-one'
  message: string
  /** The offending column (rank-deficient, non-finite) or row index (non-finite, bad-weight, leverage-one). */
  column?: string
  row?: number
}

const RANK_TOL = 1e-10

export function crossSectionRegression(
  y: Float64Array,
  columns: readonly RegressionColumn[],
  options: RegressionOptions = {},
): RegressionFit | RegressionFailure {
  const N = y.length
  const names = [INTERCEPT, ...columns.map((c) => c.name)]
  const p = names.length
  const bad = checkInputs(y, columns, options.weights)
  if (bad) return bad
  const sw = Float64Array.from({length: N}, (_, i) => (options.weights ? Math.sqrt(options.weights[i]) : 1))
  // scaled design, column-major, and scaled outcome
  const X = new Float64Array(N * p)
  for (let i = 0; i < N; i++) X[i] = sw[i]
  columns.forEach((c, j) => {
    for (let i = 0; i < N; i++) X[(j + 1) * N + i] = sw[i] * c.values[i]
  })
  const ys = Float64Array.from(y, (v, i) => v * sw[i])
  const qr = gramSchmidt(X, N, p)
  if (typeof qr === 'number') return rankFailure(names, qr, N, columns)
  if (N - p < 1) {
    return {
      ok: false,
      code: 'too-few-rows',
      message: `${N} rows for ${p} coefficients: the regression needs more rows than coefficients`,
    }
  }
  return finish(qr, ys, y, options, names, N, p)
}

function checkInputs(
  y: Float64Array,
  columns: readonly RegressionColumn[],
  weights: Float64Array | undefined,
): RegressionFailure | null {
  const N = y.length
  for (let i = 0; i < N; i++)
    if (!Number.isFinite(y[i]))
      return {ok: false, code: 'non-finite', column: 'y', row: i, message: `y[${i}] is ${y[i]}`}
  for (const c of columns) {
    if (c.values.length !== N) throw new RangeError(`column ${c.name} has ${c.values.length} values, y has ${N}`)
    for (let i = 0; i < N; i++)
      if (!Number.isFinite(c.values[i]))
        return {ok: false, code: 'non-finite', column: c.name, row: i, message: `${c.name}[${i}] is ${c.values[i]}`}
  }
  if (weights) {
    if (weights.length !== N) throw new RangeError(`weights has ${weights.length} values, y has ${N}`)
    for (let i = 0; i < N; i++)
      if (!(Number.isFinite(weights[i]) && weights[i] > 0))
        return {
          ok: false,
          code: 'bad-weight',
          row: i,
          message: `weight ${i} is ${weights[i]}: weights must be finite and > 0`,
        }
  }
  return null
}

interface QR {
  Q: Float64Array // column-major N × p, orthonormal columns
  R: Float64Array // row-major p × p, upper triangular
}

/** Modified Gram-Schmidt with one re-orthogonalization; the index of the first dependent column, or Q and R. */
function gramSchmidt(X: Float64Array, N: number, p: number): QR | number {
  const Q = new Float64Array(N * p)
  const R = new Float64Array(p * p)
  for (let j = 0; j < p; j++) {
    const v = X.slice(j * N, (j + 1) * N)
    let norm0 = 0
    for (let i = 0; i < N; i++) norm0 += v[i] * v[i]
    norm0 = Math.sqrt(norm0)
    for (let pass = 0; pass < 2; pass++)
      for (let k = 0; k < j; k++) {
        let d = 0
        for (let i = 0; i < N; i++) d += Q[k * N + i] * v[i]
        R[k * p + j] += d
        for (let i = 0; i < N; i++) v[i] -= d * Q[k * N + i]
      }
    let norm = 0
    for (let i = 0; i < N; i++) norm += v[i] * v[i]
    norm = Math.sqrt(norm)
    if (!(norm > RANK_TOL * norm0) || norm0 === 0) return j
    R[j * p + j] = norm
    for (let i = 0; i < N; i++) Q[j * N + i] = v[i] / norm
  }
  return {Q, R}
}

function rankFailure(names: string[], j: number, N: number, columns: readonly RegressionColumn[]): RegressionFailure {
  const name = names[j]
  const values = columns[j - 1]?.values
  let message: string
  if (j >= N) message = `more coefficients than rows: ${name} is coefficient ${j + 1} with only ${N} rows`
  else if (values?.every((v) => v === values[0]))
    message = `${name} never varies (${values[0]} in every row): it duplicates the intercept`
  else message = `${name} is a linear combination of ${names.slice(0, j).join(', ')}`
  return {ok: false, code: 'rank-deficient', column: name, message: `rank-deficient design: ${message}`}
}

/** Coefficients, HC standard errors and fit statistics from X = QR. */
function finish(
  {Q, R}: QR,
  ys: Float64Array,
  y: Float64Array,
  options: RegressionOptions,
  names: string[],
  N: number,
  p: number,
): RegressionFit | RegressionFailure {
  const kind = options.se ?? 'hc3'
  const c = new Float64Array(p)
  for (let k = 0; k < p; k++) for (let i = 0; i < N; i++) c[k] += Q[k * N + i] * ys[i]
  const Rinv = upperInverse(R, p)
  const beta = new Float64Array(p)
  for (let j = 0; j < p; j++) for (let k = j; k < p; k++) beta[j] += Rinv[j * p + k] * c[k]
  // residuals u = ys - Q Q'ys, leverages h_i = ||row i of Q||^2
  const u = Float64Array.from(ys)
  const h = new Float64Array(N)
  for (let k = 0; k < p; k++)
    for (let i = 0; i < N; i++) {
      const q = Q[k * N + i]
      u[i] -= q * c[k]
      h[i] += q * q
    }
  let ssr = 0
  for (let i = 0; i < N; i++) ssr += u[i] * u[i]
  const sst = totalSumOfSquares(y, options.weights)
  if (!(sst > 0))
    return {ok: false, code: 'constant-outcome', message: 'y is the same in every row: nothing to explain'}
  if (!(ssr > RANK_TOL * RANK_TOL * sst))
    return {ok: false, code: 'perfect-fit', message: 'the design fits y exactly: no residual variance'}
  const omega = new Float64Array(N)
  for (let i = 0; i < N; i++) {
    if (kind === 'hc1') omega[i] = (N / (N - p)) * u[i] * u[i]
    else {
      const g = 1 - h[i]
      if (!(g > 1e-10))
        return {
          ok: false,
          code: 'leverage-one',
          row: i,
          message: `row ${i} has leverage 1 (it alone determines a coefficient): HC3 is undefined there; use HC1`,
        }
      omega[i] = (u[i] * u[i]) / (g * g)
    }
  }
  const V = sandwich(Q, Rinv, omega, N, p)
  const df = N - p
  const terms = names.map((name, j) => {
    const se = Math.sqrt(V[j * p + j])
    const t = beta[j] / se
    return {name, coef: beta[j], se, t, p: studentTTwoSidedP(t, df)}
  })
  const r2 = 1 - ssr / sst
  return {
    ok: true,
    n: N,
    p,
    df,
    se: kind,
    weighted: options.weights !== undefined,
    terms,
    r2,
    adjR2: 1 - ((1 - r2) * (N - 1)) / df,
  }
}

/** SST = sum w_i (y_i - ybar_w)^2 about the (weighted) mean. */
function totalSumOfSquares(y: Float64Array, w: Float64Array | undefined): number {
  let sw = 0
  let swy = 0
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1
    sw += wi
    swy += wi * y[i]
  }
  const m = swy / sw
  let s = 0
  for (let i = 0; i < y.length; i++) s += (w ? w[i] : 1) * (y[i] - m) * (y[i] - m)
  return s
}

/** Inverse of an upper-triangular p × p matrix (row-major), by back substitution. */
function upperInverse(R: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p)
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / R[j * p + j]
    for (let i = j - 1; i >= 0; i--) {
      let s = 0
      for (let k = i + 1; k <= j; k++) s += R[i * p + k] * inv[k * p + j]
      inv[i * p + j] = -s / R[i * p + i]
    }
  }
  return inv
}

/** V = R^{-1} (Q' diag(omega) Q) R^{-T}: the HC sandwich, as (X'X)^{-1} X' = R^{-1} Q'. */
function sandwich(Q: Float64Array, Rinv: Float64Array, omega: Float64Array, N: number, p: number): Float64Array {
  const M = new Float64Array(p * p)
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      let s = 0
      for (let i = 0; i < N; i++) s += Q[a * N + i] * omega[i] * Q[b * N + i]
      M[a * p + b] = s
      M[b * p + a] = s
    }
  const A = new Float64Array(p * p) // Rinv M
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0
      for (let k = i; k < p; k++) s += Rinv[i * p + k] * M[k * p + j]
      A[i * p + j] = s
    }
  const V = new Float64Array(p * p) // A Rinv'
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0
      for (let k = j; k < p; k++) s += A[i * p + k] * Rinv[j * p + k]
      V[i * p + j] = s
    }
  return V
}
