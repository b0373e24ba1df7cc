/**
 * Betas for thinly traded securities (docs/methods.md, "Thin trading"):
 * - Scholes & Williams (1977): b_SW = (b_-1 + b_0 + b_+1) / (1 + 2 rho_m), b_k the OLS slope of R_it on R_m,t+k
 *   over E_i (days where both are present), rho_m the first-order autocorrelation of R_m over E_i;
 *   a_SW = mean(R_i) - b_SW mean(R_m) over the days where R_it and R_mt are present. d = 2.
 * - Dimson (1979), k lags and leads: OLS of R_it on R_m,t-k .. R_m,t+k; beta = the sum of the 2k + 1 slopes,
 *   a = the intercept. sigma from that regression's residuals, d = 2k + 2.
 * Both give AR_it = R_it - a - beta R_mt; C_it and Var(CAR) take the market model's form with these a, beta.
 */
import {fitLinearModel, isLinearFailure} from './linear-model.js'
import type {LinearFit, Regressor} from './linear-model.js'
import {fitModel, isExclusion} from './models.js'
import {ols} from './ols.js'
import type {Exclusion, RowFit} from './types.js'

/** A market row read in place: the estimation window's first day is m[off]; only m[lo..hi) belong to the row. */
export interface MarketRow {
  m: Float64Array
  off: number
  lo: number
  hi: number
}

/** R_m,t+shift over the count estimation days, NaN where t + shift falls outside the row. */
export function shiftedMarket(row: MarketRow, count: number, shift: number): Float64Array {
  const out = new Float64Array(count)
  for (let j = 0; j < count; j++) {
    const i = row.off + j + shift
    out[j] = i >= row.lo && i < row.hi ? row.m[i] : Number.NaN
  }
  return out
}

/**
 * First-order autocorrelation of R_m over the count days from row.off:
 * sum (m_t - mean)(m_t-1 - mean) over consecutive present pairs / sum (m_t - mean)^2 over present days.
 */
export function marketAutocorrelation(row: MarketRow, count: number): number {
  let L = 0
  let s = 0
  for (let j = 0; j < count; j++) {
    const v = row.m[row.off + j]
    if (v === v) {
      L++
      s += v
    }
  }
  const mean = s / L
  let num = 0
  let den = 0
  for (let j = 0; j < count; j++) {
    const v = row.m[row.off + j] - mean
    if (v !== v) continue
    den += v * v
    if (j > 0) {
      const u = row.m[row.off + j - 1] - mean
      if (u === u) num += v * u
    }
  }
  return num / den
}

export interface ScholesWilliamsFit extends RowFit {
  /** b_-1, b_0, b_+1. */
  slopes: [number, number, number]
  rhoM: number
}

/** Scholes-Williams fit of y[yOff + j] (j < count) against the market row; excluded with a reason if it cannot be fitted. */
export function fitScholesWilliams(
  y: Float64Array,
  yOff: number,
  row: MarketRow,
  count: number,
  minObservations: number,
): ScholesWilliamsFit | Exclusion {
  const base = fitModel('market', y, yOff, row.m, row.off, count, minObservations)
  if (isExclusion(base)) return base
  const slopes: [number, number, number] = [0, base.beta, 0]
  for (const k of [-1, 1]) {
    const f = ols(y, yOff, shiftedMarket(row, count, k), 0, count)
    if (!Number.isFinite(f.beta)) return tooFew('a lagged or leading market return', f.L)
    slopes[k + 1] = f.beta
  }
  const rhoM = marketAutocorrelation(row, count)
  const beta = (slopes[0] + slopes[1] + slopes[2]) / (1 + 2 * rhoM)
  let sy = 0
  let sm = 0
  let L = 0
  for (let j = 0; j < count; j++) {
    const yv = y[yOff + j]
    const mv = row.m[row.off + j]
    if (yv === yv && mv === mv) {
      L++
      sy += yv
      sm += mv
    }
  }
  const alpha = sy / L - (beta * sm) / L
  let ss = 0
  for (let j = 0; j < count; j++) {
    const e = y[yOff + j] - alpha - beta * row.m[row.off + j]
    if (e === e) ss += e * e
  }
  const sigma = Math.sqrt(ss / (L - 2))
  return {...base, alpha, beta, sigma, r2: null, slopes, rhoM}
}

export interface DimsonFit extends RowFit {
  /** The regression on R_m,t-k .. R_m,t+k (coefficients: intercept, then lags -k..+k). */
  regression: LinearFit
}

/** Dimson fit with `lags` lags and leads (default 1); excluded with a reason if it cannot be fitted. */
export function fitDimson(
  y: Float64Array,
  yOff: number,
  row: MarketRow,
  count: number,
  minObservations: number,
  lags = 1,
): DimsonFit | Exclusion {
  const base = fitModel('market', y, yOff, row.m, row.off, count, minObservations)
  if (isExclusion(base)) return base
  const xs: Regressor[] = []
  for (let k = -lags; k <= lags; k++) xs.push({x: shiftedMarket(row, count, k), off: 0})
  const regression = fitLinearModel(y, yOff, xs, count)
  if (isLinearFailure(regression)) {
    return regression.code === 'too-few-observations'
      ? {code: 'too-few-observations', reason: regression.reason}
      : {code: 'zero-market-variance', reason: regression.reason}
  }
  let beta = 0
  for (let j = 1; j < regression.d; j++) beta += regression.coefficients[j]
  return {
    ...base,
    alpha: regression.coefficients[0],
    beta,
    sigma: Math.sqrt(regression.sigma2),
    r2: Number.isFinite(regression.r2) ? regression.r2 : null,
    L: regression.L,
    df: regression.L - regression.d,
    regression,
  }
}

function tooFew(what: string, L: number): Exclusion {
  return {code: 'too-few-observations', reason: `too few estimation days with ${what}: ${L}`}
}
