import {describe, expect, it} from 'vitest'
import {fitModel, isExclusion} from '../../src/engine/models.js'
import {ols} from '../../src/engine/ols.js'
import {fitDimson, fitScholesWilliams, marketAutocorrelation, shiftedMarket} from '../../src/engine/thin-trading.js'
import type {DimsonFit, ScholesWilliamsFit} from '../../src/engine/thin-trading.js'
import {normal} from './random.js'

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol)

/** A stock that trades with a one-day lag half the time: R_it = beta (0.5 m_t + 0.5 m_t-1) + e. */
function nonSynchronous(seed: number, days: number, beta: number) {
  const z = normal(seed)
  const m = Float64Array.from({length: days}, () => 0.01 * z())
  const y = Float64Array.from(
    {length: days},
    (_, t) => beta * (0.5 * m[t] + 0.5 * (t > 0 ? m[t - 1] : 0)) + 0.002 * z(),
  )
  return {m, y}
}

describe('Scholes-Williams beta', () => {
  it('matches the formula computed from the three slopes and rho_m by hand', () => {
    const {m, y} = nonSynchronous(5, 130, 1)
    // estimation days 10..119: the day before and after exist in the row
    const row = {m, off: 10, lo: 0, hi: 130}
    const f = fitScholesWilliams(y, 10, row, 110, 30) as ScholesWilliamsFit
    expect(isExclusion(f)).toBe(false)
    const slope = (k: number) => ols(y.subarray(10, 120), 0, m.subarray(10 + k, 120 + k), 0, 110).beta
    const ms = Array.from(m.subarray(10, 120))
    const mean = ms.reduce((s, v) => s + v, 0) / 110
    let num = 0
    let den = 0
    ms.forEach((v, j) => {
      den += (v - mean) ** 2
      if (j > 0) num += (v - mean) * (ms[j - 1] - mean)
    })
    const rho = num / den
    close(f.rhoM, rho)
    close(marketAutocorrelation(row, 110), rho)
    const b = (slope(-1) + slope(0) + slope(1)) / (1 + 2 * rho)
    close(f.beta, b)
    const ys = Array.from(y.subarray(10, 120))
    close(f.alpha, ys.reduce((s, v) => s + v, 0) / 110 - (b * ms.reduce((s, v) => s + v, 0)) / 110)
    const ss = ys.reduce((s, v, j) => s + (v - f.alpha - b * ms[j]) ** 2, 0)
    close(f.sigma, Math.sqrt(ss / 108))
    expect(f.df).toBe(108)
  })

  it('undoes the downward bias of OLS for a lagged trader', () => {
    const {m, y} = nonSynchronous(42, 3000, 1.2)
    const row = {m, off: 1, lo: 0, hi: 3000}
    const sw = fitScholesWilliams(y, 1, row, 2998, 30) as ScholesWilliamsFit
    const mm = fitModel('market', y, 1, m, 1, 2998, 30)
    if (isExclusion(mm)) throw new Error(mm.reason)
    expect(mm.beta).toBeLessThan(0.7)
    expect(Math.abs(sw.beta - 1.2)).toBeLessThan(0.05)
  })

  it('reads no market value outside the row', () => {
    const m = Float64Array.from([1, 2, 3, 4])
    const s = shiftedMarket({m, off: 1, lo: 1, hi: 4}, 3, -1)
    expect(Number.isNaN(s[0])).toBe(true)
    expect(Array.from(s.subarray(1))).toEqual([2, 3])
    expect(Number.isNaN(shiftedMarket({m, off: 1, lo: 1, hi: 4}, 3, 1)[2])).toBe(true)
  })
})

describe('Dimson beta', () => {
  it('is the sum of the lag and lead slopes of one regression', () => {
    const {m, y} = nonSynchronous(9, 200, 1)
    const row = {m, off: 2, lo: 0, hi: 200}
    const f = fitDimson(y, 2, row, 196, 30, 2) as DimsonFit
    expect(isExclusion(f)).toBe(false)
    expect(f.regression.d).toBe(6)
    const c = f.regression.coefficients
    close(f.beta, c[1] + c[2] + c[3] + c[4] + c[5])
    close(f.alpha, c[0])
    close(f.sigma, Math.sqrt(f.regression.sigma2))
    expect(f.df).toBe(196 - 6)
  })

  it('recovers the full beta of a lagged trader', () => {
    const {m, y} = nonSynchronous(43, 3000, 1.2)
    const f = fitDimson(y, 1, {m, off: 1, lo: 0, hi: 3000}, 2998, 30) as DimsonFit
    expect(Math.abs(f.beta - 1.2)).toBeLessThan(0.03)
    // the lag slope carries about half the beta
    expect(Math.abs(f.regression.coefficients[1] - 0.6)).toBeLessThan(0.03)
  })

  it('passes on the market model exclusion', () => {
    const y = new Float64Array(50).fill(0.01)
    const m = Float64Array.from({length: 50}, (_, i) => i / 100)
    const f = fitDimson(y, 0, {m, off: 0, lo: 0, hi: 50}, 50, 30)
    expect(isExclusion(f) && f.code).toBe('constant-returns')
  })
})
