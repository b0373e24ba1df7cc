/**
 * The three expected-return models, fitted on the estimation window E_i only (MacKinlay 1997, sec. 4;
 * Brown & Warner 1980, 1985):
 *   market model     E[R_it] = alpha_i + beta_i R_mt (OLS)    d = 2
 *   market-adjusted  E[R_it] = R_mt                           d = 0
 *   mean-adjusted    E[R_it] = mean of R_i over E_i           d = 1
 * sigma_i^2 = sum_E (AR - mean AR)^2 / (L_i - max(d, 1)); single-security t df = L_i - d.
 * The thin-trading betas (thin-trading.ts) give AR_it = R_it - a - beta R_mt too, and take the market model's C_it
 * and Var(CAR) with their own a, beta and sigma.
 */
import {olsWithMeans} from './ols.js'
import type {OlsFit} from './ols.js'
import type {Exclusion, ModelKind, RowFit} from './types.js'

export const MODEL_PARAMETERS: Readonly<Record<ModelKind, number>> = {
  market: 2,
  'market-adjusted': 0,
  'mean-adjusted': 1,
  'scholes-williams': 2,
  dimson: 4,
  factors: 4,
}

/**
 * d of a model: Dimson with k lags and leads has 2k + 2 parameters (intercept and 2k + 1 slopes), a factor model
 * 1 + its number of factors (MODEL_PARAMETERS holds Dimson's k = 1 and the three Fama-French factors).
 */
export function modelParameters(model: ModelKind, lags = 1, factors = 3): number {
  if (model === 'dimson') return 2 * lags + 2
  return model === 'factors' ? 1 + factors : MODEL_PARAMETERS[model]
}

/** Whether AR_it = R_it - alpha - beta R_mt with a fitted beta (the market model's C_it and Var(CAR) apply). */
function fittedOnMarket(model: ModelKind): boolean {
  return model === 'market' || model === 'scholes-williams' || model === 'dimson'
}

/** E[R_it] = alpha + beta R_mt (alpha = mean for mean-adjusted with beta 0; alpha 0, beta 1 for market-adjusted). */
export function expectedReturn(fit: RowFit, rm: number): number {
  return fit.alpha + fit.beta * rm
}

/**
 * Prediction-error factor C_it (Patell 1976; MacKinlay 1997 eq. 9):
 * market model 1 + 1/L + (R_mt - mean_Rm)^2 / S_mm; mean-adjusted 1 + 1/L; market-adjusted 1.
 */
export function predictionErrorFactor(model: ModelKind, fit: RowFit, rm: number): number {
  if (fittedOnMarket(model)) {
    const dm = rm - fit.meanRm
    return 1 + 1 / fit.L + (dm * dm) / fit.smm
  }
  return model === 'mean-adjusted' ? 1 + 1 / fit.L : 1
}

/**
 * Var(CAR_i) over a window of T days (MacKinlay 1997 eq. 15 written out per security):
 * market model sigma^2 (T + T^2/L + (sum_W (R_mt - mean_Rm))^2 / S_mm); mean-adjusted sigma^2 (T + T^2/L);
 * market-adjusted sigma^2 T. `sumDevRm` = sum over W of (R_mt - mean_Rm).
 */
export function carVariance(model: ModelKind, fit: RowFit, T: number, sumDevRm: number): number {
  const s2 = fit.sigma * fit.sigma
  if (fittedOnMarket(model)) return s2 * (T + (T * T) / fit.L + (sumDevRm * sumDevRm) / fit.smm)
  if (model === 'mean-adjusted') return s2 * (T + (T * T) / fit.L)
  return s2 * T
}

/**
 * Fits the model on y[yOff + k], x[xOff + k], k < count (estimation columns of one row), skipping days
 * where either return is missing. Returns the fit, or why the row must be excluded.
 */
export function fitModel(
  model: ModelKind,
  y: Float64Array,
  yOff: number,
  x: Float64Array,
  xOff: number,
  count: number,
  minObservations: number,
): RowFit | Exclusion {
  const d = MODEL_PARAMETERS[model]
  let L = 0
  let sx = 0
  let sy = 0
  let yMin = Infinity
  let yMax = -Infinity
  let xMin = Infinity
  let xMax = -Infinity
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) {
      L++
      sx += xv
      sy += yv
      if (yv < yMin) yMin = yv
      if (yv > yMax) yMax = yv
      if (xv < xMin) xMin = xv
      if (xv > xMax) xMax = xv
    }
  }
  // below d + 2 observations sigma or the t test has no degrees of freedom, whatever minObservations says
  const need = Math.max(minObservations, d + 2, 3)
  if (L < need) {
    return {code: 'too-few-observations', reason: `too few estimation observations: ${L} (at least ${need} needed)`}
  }
  if (yMin === yMax) return {code: 'constant-returns', reason: 'constant return series in the estimation window'}
  if (model === 'market' && xMin === xMax) {
    return {code: 'zero-market-variance', reason: 'zero market variance in the estimation window'}
  }
  let alpha: number
  let beta: number
  let r2: number | null = null
  let meanRm: number
  let smm: number
  let fitted: OlsFit | null = null
  if (model === 'market') {
    const f = olsWithMeans(y, yOff, x, xOff, count, L, sx / L, sy / L)
    fitted = f
    alpha = f.alpha
    beta = f.beta
    r2 = Number.isFinite(f.r2) ? f.r2 : null
    meanRm = f.meanX
    smm = f.sxx
  } else {
    meanRm = sx / L
    smm = 0
    for (let k = 0; k < count; k++) {
      const yv = y[yOff + k]
      const xv = x[xOff + k]
      if (yv === yv && xv === xv) smm += (xv - meanRm) * (xv - meanRm)
    }
    alpha = model === 'mean-adjusted' ? sy / L : 0
    beta = model === 'market-adjusted' ? 1 : 0
  }
  let sigma: number
  if (model === 'market') {
    // OLS residuals have mean 0: sigma^2 = SSR / (L - 2)
    sigma = (fitted as OlsFit).sigma
  } else {
    sigma = centredSd(y, yOff, x, xOff, count, alpha, beta, L, d)
  }
  // relative threshold: a perfect fit leaves only rounding noise
  if (!(sigma > 1e-12 * Math.max(Math.abs(yMax), Math.abs(yMin), 1e-300))) {
    return {
      code: 'zero-residual-variance',
      reason: 'zero abnormal-return variance in the estimation window (the model fits exactly)',
    }
  }
  return {alpha, beta, sigma, r2, L, df: L - d, meanRm, smm}
}

/** sd of the ARs y - alpha - beta x around their mean, divisor L - max(d, 1). */
function centredSd(
  y: Float64Array,
  yOff: number,
  x: Float64Array,
  xOff: number,
  count: number,
  alpha: number,
  beta: number,
  L: number,
  d: number,
): number {
  let sa = 0
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) sa += yv - alpha - beta * xv
  }
  const ma = sa / L
  let ss = 0
  for (let k = 0; k < count; k++) {
    const yv = y[yOff + k]
    const xv = x[xOff + k]
    if (yv === yv && xv === xv) {
      const e = yv - alpha - beta * xv - ma
      ss += e * e
    }
  }
  return Math.sqrt(ss / (L - Math.max(d, 1)))
}

export function isExclusion(x: RowFit | Exclusion): x is Exclusion {
  return (x as Exclusion).code !== undefined
}
