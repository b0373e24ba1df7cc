/**
 * Factor models (Fama-French 3 and 5, Carhart, any factor set; docs/methods.md, "Factor models"):
 *   R_it - RF_t = a_i + sum_k b_ik F_kt + e_it, OLS on E_i (linear-model.ts), d = 1 + k,
 *   AR_it = R_it - (RF_t + a_i + sum_k b_ik F_kt).
 * The engine then treats each row like the market model with alpha = a_i, beta = 1 and, as the row's "market",
 * its systematic return RF_t + sum_k b_ik F_kt (NaN on days missing a factor): ARs, BHAR and the estimation-window
 * aggregates follow unchanged. C_it and Var(CAR) take the general form (factorPredictionErrorFactor,
 * factorCarVariance).
 */
import {fitLinearModel, isLinearFailure, linearCarVariance, linearPredictionErrorFactor} from './linear-model.js'
import type {Regressor} from './linear-model.js'
import {marketOffset, returnsOffset} from './row-offsets.js'
import {fitModel, isExclusion} from './models.js'
import {standardizedAbnormalReturn} from './abnormal.js'
import type {EngineOptions, EventPanel, Exclusion, ModelKind, RowFit} from './types.js'

export interface FactorFits {
  fits: Array<RowFit | Exclusion>
  /** Per row n × days: RF_t + sum_k b_ik F_kt (NaN for excluded rows and days missing a factor). */
  systematic: Float64Array
}

/** Offset of row i's column 0 in an array laid out like `market` (shared row or n × days). */
function rowOffset(a: Float64Array, days: number, i: number): number {
  return a.length === days ? 0 : i * days
}

/** Checks the panel's factor arrays: present for the factor model, each laid out like `market`. */
export function checkFactors(panel: EventPanel): void {
  const {n, days} = panel
  const fs = panel.factors ?? []
  if (fs.length === 0) throw new RangeError('engine panel: the factor model needs at least one factor regressor')
  for (const a of [...fs, ...(panel.riskFree ? [panel.riskFree] : [])]) {
    if (a.length !== days && a.length !== n * days) {
      throw new RangeError(`engine panel: a factor row has ${a.length} values, expected ${days} or ${n * days}`)
    }
  }
}

/** Fits every row's factor model on its estimation columns [e0, e0 + E) and builds its systematic returns. */
export function fitFactorModels(panel: EventPanel, opts: EngineOptions, e0: number, E: number): FactorFits {
  checkFactors(panel)
  const {n, days, returns} = panel
  const fs = panel.factors as Float64Array[]
  const rf = panel.riskFree
  const k = fs.length
  const systematic = new Float64Array(n * days).fill(Number.NaN)
  const excess = new Float64Array(E)
  const xs: Regressor[] = fs.map((x) => ({x, off: 0}))
  const fits: Array<RowFit | Exclusion> = []
  for (let i = 0; i < n; i++) {
    const rOff = i * days
    const yOff = returnsOffset(panel, i) + e0
    const rfOff = rf ? rowOffset(rf, days, i) : 0
    for (let j = 0; j < E; j++) excess[j] = returns[yOff + j] - (rf ? rf[rfOff + e0 + j] : 0)
    for (let a = 0; a < k; a++) xs[a].off = rowOffset(fs[a], days, i) + e0
    // the market model's screens (too few days, constant returns) on the first factor
    const base = fitModel('market', excess, 0, fs[0], xs[0].off, E, opts.minObservations)
    if (isExclusion(base)) {
      fits.push(base)
      continue
    }
    const g = fitLinearModel(excess, 0, xs, E)
    if (isLinearFailure(g)) {
      fits.push({code: g.code === 'too-few-observations' ? g.code : 'zero-market-variance', reason: g.reason})
      continue
    }
    for (let t = 0; t < days; t++) {
      let s = rf ? rf[rfOff + t] : 0
      for (let a = 0; a < k; a++) s += g.coefficients[a + 1] * fs[a][rowOffset(fs[a], days, i) + t]
      systematic[rOff + t] = s
    }
    const r2 = Number.isFinite(g.r2) ? g.r2 : null
    fits.push({
      systematic: systematic.subarray(rOff, rOff + days),
      alpha: g.coefficients[0],
      beta: 1,
      sigma: Math.sqrt(g.sigma2),
      r2,
      L: g.L,
      df: g.L - g.d,
      meanRm: 0,
      smm: 0,
      regression: g,
    })
  }
  return {fits, systematic}
}

/** The factor values of row i on column c into out (length k). */
function factorRow(panel: EventPanel, i: number, c: number, out: Float64Array): void {
  const fs = panel.factors as Float64Array[]
  for (let a = 0; a < fs.length; a++) out[a] = fs[a][rowOffset(fs[a], panel.days, i) + c]
}

/** C_it = 1 + x_t (X'X)^-1 x_t' on column c of row i. */
export function factorPredictionErrorFactor(
  panel: EventPanel,
  fit: RowFit,
  i: number,
  c: number,
  x: Float64Array,
): number {
  factorRow(panel, i, c, x)
  return linearPredictionErrorFactor(fit.regression as NonNullable<RowFit['regression']>, x)
}

/** Var(CAR) over the columns cols[j0..j0 + T) of row i: sigma^2 (T + x_W (X'X)^-1 x_W'). */
export function factorCarVariance(
  panel: EventPanel,
  fit: RowFit,
  i: number,
  cols: Int32Array,
  j0: number,
  T: number,
  x: Float64Array,
  sum: Float64Array,
): number {
  sum.fill(0)
  for (let j = j0; j < j0 + T; j++) {
    factorRow(panel, i, cols[j], x)
    for (let a = 0; a < x.length; a++) sum[a] += x[a]
  }
  return linearCarVariance(fit.regression as NonNullable<RowFit['regression']>, T, sum)
}

/**
 * The benchmark row that AR = R - alpha - beta R_m reads for row i: the factor model's systematic returns, else the
 * panel's market (shared or per row). Read it at off + column.
 */
export function benchmarkRow(panel: EventPanel, fit: RowFit, i: number): {m: Float64Array; off: number} {
  if (fit.systematic) return {m: fit.systematic, off: 0}
  return {m: panel.market, off: marketOffset(panel, i)}
}

/** SAR of row i on column c under any model: the factor model's general C_it, else abnormal.ts's. */
export function rowStandardizedAr(
  panel: EventPanel,
  model: ModelKind,
  fit: RowFit,
  i: number,
  c: number,
  ar: number,
  rm: number,
  x: Float64Array,
): number {
  if (model === 'factors' && fit.regression) {
    return ar / (fit.sigma * Math.sqrt(factorPredictionErrorFactor(panel, fit, i, c, x)))
  }
  return standardizedAbnormalReturn(model, fit, ar, rm)
}
