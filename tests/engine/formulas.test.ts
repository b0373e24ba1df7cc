import {describe, expect, it} from 'vitest'
import {mean, sd, variance} from '../../src/engine/stats.js'
import {ols} from '../../src/engine/ols.js'
import {carVariance, expectedReturn, fitModel, isExclusion, predictionErrorFactor} from '../../src/engine/models.js'
import {
  abnormalReturn,
  buyAndHoldAbnormalReturn,
  singleSecurityT,
  standardizedAbnormalReturn,
} from '../../src/engine/abnormal.js'
import {studentTTwoSidedP} from '../../src/engine/distributions.js'
import type {RowFit} from '../../src/engine/types.js'

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol)
const f64 = (xs: number[]) => Float64Array.from(xs)

describe('mean and variance', () => {
  it('hand case', () => {
    const x = f64([2, 4, 4, 4, 5, 5, 7, 9])
    close(mean(x), 5)
    close(variance(x), 32 / 7)
    close(variance(x, 8, 0), 4)
    close(sd(x, 8, 0), 2)
    close(mean(x, 3), 10 / 3)
  })
})

describe('OLS', () => {
  it('hand case: y = 2 + 0.7 x', () => {
    // x 1..4, y 2,4,5,4: S_xx 5, S_xy 3.5, beta 0.7, alpha 2, residuals -0.7 0.6 0.9 -0.8, SSR 2.3, S_yy 4.75
    const f = ols(f64([2, 4, 5, 4]), 0, f64([1, 2, 3, 4]), 0, 4)
    close(f.beta, 0.7)
    close(f.alpha, 2)
    close(f.ssr, 2.3)
    close(f.sigma, Math.sqrt(2.3 / 2))
    close(f.r2, 1 - 2.3 / 4.75)
    close(f.sxx, 5)
    close(f.meanX, 2.5)
    expect(f.L).toBe(4)
  })
  it('skips pairs with a missing value and reads at offsets', () => {
    const y = f64([99, 2, NaN, 4, 5, 4])
    const x = f64([1, 2, 3, 4, NaN, 99])
    // row starts at 1 (y) and 0 (x): pairs (2,1) (NaN,2) (4,3) (5,4) (4,NaN) -> y 2,4,5 on x 1,3,4
    const f = ols(y, 1, x, 0, 5)
    expect(f.L).toBe(3)
    // by hand: deviations of x and y are both -5/3, 1/3, 4/3 -> S_xx = S_xy = 14/3, beta 1, alpha 11/3 - 8/3 = 1
    close(f.beta, 1)
    close(f.alpha, 1)
    close(f.ssr, 0)
  })
})

describe('models', () => {
  const fit: RowFit = {alpha: 0.001, beta: 1.2, sigma: 2, r2: 0.5, L: 10, df: 8, meanRm: 2.5, smm: 0.5}
  it('expected return and prediction-error factor C_it', () => {
    close(expectedReturn(fit, 0.01), 0.001 + 0.012)
    // 1 + 1/10 + (3 - 2.5)^2 / 0.5 = 1.6
    close(predictionErrorFactor('market', fit, 3), 1.6)
    close(predictionErrorFactor('mean-adjusted', fit, 3), 1.1)
    close(predictionErrorFactor('market-adjusted', fit, 3), 1)
  })
  it('Var(CAR) per model', () => {
    // sigma^2 (T + T^2/L + sumDev^2/S_mm) = 4 (3 + 0.9 + 1/0.5) = 23.6
    close(carVariance('market', fit, 3, 1), 23.6)
    close(carVariance('mean-adjusted', fit, 3, 1), 4 * 3.9)
    close(carVariance('market-adjusted', fit, 3, 1), 12)
  })
  it('fits the market model and reports d, df, S_mm', () => {
    const f = fitModel('market', f64([2, 4, 5, 4]), 0, f64([1, 2, 3, 4]), 0, 4, 3)
    expect(isExclusion(f)).toBe(false)
    const r = f as RowFit
    close(r.beta, 0.7)
    close(r.sigma, Math.sqrt(1.15))
    expect(r.df).toBe(2)
    close(r.smm, 5)
  })
  it('mean-adjusted: alpha = mean, sigma with divisor L - 1; market-adjusted: AR = R - Rm, divisor L - 1', () => {
    const y = f64([0.01, 0.03, -0.02, 0.02])
    const x = f64([0.0, 0.01, 0.01, -0.01])
    const m = fitModel('mean-adjusted', y, 0, x, 0, 4, 3) as RowFit
    close(m.alpha, 0.01)
    close(m.beta, 0)
    close(m.sigma, Math.sqrt((0 + 0.0004 + 0.0009 + 0.0001) / 3))
    expect(m.df).toBe(3)
    const a = fitModel('market-adjusted', y, 0, x, 0, 4, 3) as RowFit
    // AR = 0.01, 0.02, -0.03, 0.03; mean 0.0075
    const ars = [0.01, 0.02, -0.03, 0.03]
    close(a.sigma, Math.sqrt(ars.reduce((s, v) => s + (v - 0.0075) ** 2, 0) / 3))
    expect(a.df).toBe(4)
    expect(a.r2).toBeNull()
  })
  it('exclusions: too few observations, constant returns, zero market variance, exact fit', () => {
    const few = fitModel('market', f64([1, 2, NaN, 4]), 0, f64([1, 2, 3, 4]), 0, 4, 4)
    expect(isExclusion(few) && few.code).toBe('too-few-observations')
    expect(isExclusion(few) && few.reason).toMatch(/3 \(at least 4/)
    const flat = fitModel('market', f64([0.01, 0.01, 0.01, 0.01]), 0, f64([1, 2, 3, 4]), 0, 4, 3)
    expect(isExclusion(flat) && flat.code).toBe('constant-returns')
    const flatM = fitModel('market', f64([1, 2, 3, 5]), 0, f64([0.02, 0.02, 0.02, 0.02]), 0, 4, 3)
    expect(isExclusion(flatM) && flatM.code).toBe('zero-market-variance')
    // mean-adjusted does not need market variance
    expect(isExclusion(fitModel('mean-adjusted', f64([1, 2, 3, 5]), 0, f64([0.02, 0.02, 0.02, 0.02]), 0, 4, 3))).toBe(
      false,
    )
    const exactFit = fitModel('market', f64([0.02, 0.04, 0.06, 0.08]), 0, f64([0.01, 0.02, 0.03, 0.04]), 0, 4, 3)
    expect(isExclusion(exactFit) && exactFit.code).toBe('zero-residual-variance')
  })
})

describe('abnormal returns', () => {
  const fit: RowFit = {alpha: 0.01, beta: 1, sigma: 0.02, r2: null, L: 10, df: 8, meanRm: 0, smm: 0.004}
  it('AR and SAR', () => {
    close(abnormalReturn(fit, 0.05, 0.02), 0.02)
    // C = 1 + 0.1 + 0.0004 / 0.004 = 1.2
    close(standardizedAbnormalReturn('market', fit, 0.02, 0.02), 0.02 / (0.02 * Math.sqrt(1.2)))
  })
  it('BHAR: simple returns compound; log returns convert by exp(r) - 1', () => {
    const r = f64([0.1, -0.05])
    const m = f64([0.02, 0.0])
    // E = 0.03, 0.01: 1.1 * 0.95 - 1.03 * 1.01
    close(buyAndHoldAbnormalReturn('simple', fit, r, 0, m, 0, 2), 1.1 * 0.95 - 1.03 * 1.01)
    // log: (e^0.1 e^-0.05) - (e^0.03 e^0.01)
    close(buyAndHoldAbnormalReturn('log', fit, r, 0, m, 0, 2), Math.exp(0.05) - Math.exp(0.04))
  })
  it('single-security t', () => {
    const {t, p} = singleSecurityT(0.06, 0.0009, 20)
    close(t, 2)
    close(p, studentTTwoSidedP(2, 20))
  })
})
