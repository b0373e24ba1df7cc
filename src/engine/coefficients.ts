/**
 * What each row's fitted model reports: every coefficient with its standard error, t and two-sided p (Student t,
 * L_i - d df), and adjusted R^2 = 1 - (1 - R^2)(L_i - 1)/(L_i - d) (docs/methods.md, "Factor models").
 * Computed on demand from the RowFit, so the row pass allocates nothing for it.
 *   market:        SE(beta) = sigma / sqrt(S_mm), SE(alpha) = sigma sqrt(1/L + mean_Rm^2 / S_mm)
 *   mean-adjusted: SE(mean) = sigma / sqrt(L)
 *   Dimson:        the regression's coefficients, and beta = their sum with SE sqrt(sigma^2 1'V1), V the slope block
 *                  of (X'X)^-1
 *   factor model:  the regression's intercept and factor slopes
 *   Scholes-Williams: alpha and beta without standard errors (the estimator has no OLS covariance)
 */
import {studentTTwoSidedP} from './distributions.js'
import {modelParameters} from './models.js'
import type {ModelKind, RowFit} from './types.js'

export interface Coefficient {
  name: string
  value: number
  se: number | null
  t: number | null
  p: number | null
}

export interface ModelReport {
  coefficients: Coefficient[]
  adjR2: number | null
}

function tested(name: string, value: number, se: number, df: number): Coefficient {
  if (!(se > 0) || !Number.isFinite(se)) return {name, value, se: null, t: null, p: null}
  const t = value / se
  return {name, value, se, t, p: studentTTwoSidedP(t, df)}
}

/** adj R^2 with d parameters over L days; null when R^2 is undefined. */
export function adjustedR2(r2: number | null, L: number, d: number): number | null {
  return r2 === null || !Number.isFinite(r2) ? null : 1 - ((1 - r2) * (L - 1)) / (L - d)
}

/** Dimson's lag names: Rm(t-1), Rm(t), Rm(t+1), ... */
function lagName(k: number): string {
  return k === 0 ? 'Rm(t)' : `Rm(t${k > 0 ? '+' : ''}${k})`
}

/**
 * The coefficients and adjusted R^2 of one row's fit (see the module comment); a factor model's slopes are named
 * by `factorNames` (F1, F2, ... without).
 */
export function modelReport(model: ModelKind, fit: RowFit, factorNames?: readonly string[]): ModelReport {
  const {sigma, L, df} = fit
  if (model === 'market') {
    const seBeta = sigma / Math.sqrt(fit.smm)
    const seAlpha = sigma * Math.sqrt(1 / L + (fit.meanRm * fit.meanRm) / fit.smm)
    return {
      coefficients: [tested('alpha', fit.alpha, seAlpha, df), tested('beta', fit.beta, seBeta, df)],
      adjR2: adjustedR2(fit.r2, L, modelParameters(model)),
    }
  }
  if (model === 'mean-adjusted') {
    return {coefficients: [tested('mean', fit.alpha, sigma / Math.sqrt(L), df)], adjR2: null}
  }
  if (model === 'dimson' && fit.regression) {
    const g = fit.regression
    const k = (g.d - 2) / 2
    const coefficients = [tested('alpha', g.coefficients[0], g.se[0], df)]
    let v = 0
    for (let a = 1; a < g.d; a++) {
      coefficients.push(tested(lagName(a - 1 - k), g.coefficients[a], g.se[a], df))
      for (let b = 1; b < g.d; b++) v += g.xtxInv[a * g.d + b]
    }
    coefficients.push(tested('beta', fit.beta, Math.sqrt(g.sigma2 * v), df))
    return {coefficients, adjR2: g.adjR2}
  }
  if (model === 'factors' && fit.regression) {
    const g = fit.regression
    const coefficients = [tested('alpha', g.coefficients[0], g.se[0], df)]
    for (let a = 1; a < g.d; a++)
      coefficients.push(tested(factorNames?.[a - 1] ?? `F${a}`, g.coefficients[a], g.se[a], df))
    return {coefficients, adjR2: g.adjR2}
  }
  if (model === 'scholes-williams') {
    const bare = (name: string, value: number): Coefficient => ({name, value, se: null, t: null, p: null})
    return {coefficients: [bare('alpha', fit.alpha), bare('beta', fit.beta)], adjR2: null}
  }
  return {coefficients: [], adjR2: null}
}
