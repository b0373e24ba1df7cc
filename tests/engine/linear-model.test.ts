import {describe, expect, it} from 'vitest'
import {
  fitLinearModel,
  invertSymmetric,
  isLinearFailure,
  linearCarVariance,
  linearPrediction,
  linearPredictionErrorFactor,
} from '../../src/engine/linear-model.js'
import type {LinearFit} from '../../src/engine/linear-model.js'
import {carVariance, fitModel, isExclusion, predictionErrorFactor} from '../../src/engine/models.js'
import {studentTTwoSidedP} from '../../src/engine/distributions.js'
import type {RowFit} from '../../src/engine/types.js'
import {normal} from './random.js'
import {expectRelClose as close} from './close.js'

/** Gauss-Jordan inverse with partial pivoting (the independent computation). */
function gaussInverse(A: number[][]): number[][] {
  const n = A.length
  const M = A.map((r, i) => [...r, ...A.map((_, j) => (i === j ? 1 : 0))])
  for (let c = 0; c < n; c++) {
    let piv = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r
    ;[M[c], M[piv]] = [M[piv], M[c]]
    const p = M[c][c]
    for (let j = 0; j < 2 * n; j++) M[c][j] /= p
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = M[r][c]
      for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j]
    }
  }
  return M.map((r) => r.slice(n))
}

/** Normal equations by hand: rows of [1, x...] where nothing is missing. */
function byHand(y: Float64Array, xs: Float64Array[]) {
  const rows: number[][] = []
  const ys: number[] = []
  for (let j = 0; j < y.length; j++) {
    const row = [1, ...xs.map((x) => x[j])]
    if (Number.isNaN(y[j]) || row.some(Number.isNaN)) continue
    rows.push(row)
    ys.push(y[j])
  }
  const d = xs.length + 1
  const xtx = Array.from({length: d}, (_, a) =>
    Array.from({length: d}, (_, b) => rows.reduce((s, r) => s + r[a] * r[b], 0)),
  )
  const xty = Array.from({length: d}, (_, a) => rows.reduce((s, r, i) => s + r[a] * ys[i], 0))
  const inv = gaussInverse(xtx)
  const b = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j], 0))
  const resid = rows.map((r, i) => ys[i] - r.reduce((s, v, j) => s + v * b[j], 0))
  const ssr = resid.reduce((s, e) => s + e * e, 0)
  const L = rows.length
  const my = ys.reduce((s, v) => s + v, 0) / L
  const syy = ys.reduce((s, v) => s + (v - my) ** 2, 0)
  return {b, inv, ssr, L, sigma2: ssr / (L - d), r2: 1 - ssr / syy}
}

function synthetic(seed: number, L: number, loadings: number[], alpha: number, noise: number) {
  const z = normal(seed)
  const xs = loadings.map(() => Float64Array.from({length: L}, () => 0.01 * z()))
  const y = Float64Array.from(
    {length: L},
    (_, j) => alpha + loadings.reduce((s, b, a) => s + b * xs[a][j], 0) + noise * z(),
  )
  return {y, xs}
}

const fitOf = (y: Float64Array, xs: Float64Array[]): LinearFit => {
  const f = fitLinearModel(
    y,
    0,
    xs.map((x) => ({x, off: 0})),
    y.length,
  )
  if (isLinearFailure(f)) throw new Error(f.reason)
  return f
}

describe('general linear model', () => {
  it('equals the normal equations solved by hand, with missing days skipped', () => {
    const {y, xs} = synthetic(7, 60, [1.1, 0.4, -0.3], 0.0005, 0.01)
    y[3] = Number.NaN
    xs[1][10] = Number.NaN
    const f = fitOf(y, xs)
    const h = byHand(y, xs)
    expect(f.L).toBe(58)
    expect(h.L).toBe(58)
    for (let a = 0; a < 4; a++) {
      close(f.coefficients[a], h.b[a], 1e-9)
      for (let b = 0; b < 4; b++) close(f.xtxInv[a * 4 + b], h.inv[a][b], 1e-9)
      close(f.se[a], Math.sqrt(h.sigma2 * h.inv[a][a]), 1e-9)
      close(f.t[a], f.coefficients[a] / f.se[a])
      close(f.p[a], studentTTwoSidedP(f.t[a], 54))
    }
    close(f.sigma2, h.sigma2, 1e-9)
    close(f.r2, h.r2, 1e-9)
    close(f.adjR2, 1 - ((1 - h.r2) * 57) / 54, 1e-9)
    // C_t = 1 + x_t (X'X)^-1 x_t' and Var(CAR) = sigma^2 (T + x_W (X'X)^-1 x_W')
    const xt = [0.02, -0.01, 0.005]
    const row = [1, ...xt]
    const q = (v: number[]) => v.reduce((s, va, a) => s + va * v.reduce((t, vb, b) => t + h.inv[a][b] * vb, 0), 0)
    close(linearPredictionErrorFactor(f, xt), 1 + q(row), 1e-9)
    const xW = [3, 0.01, 0.02, -0.03]
    close(linearCarVariance(f, 3, xW.slice(1)), h.sigma2 * (3 + q(xW)), 1e-9)
    close(
      linearPrediction(f, xt),
      row.reduce((s, v, a) => s + v * h.b[a], 0),
      1e-12,
    )
  })

  it('with one regressor equals the market model of models.ts to 1e-12', () => {
    const {y, xs} = synthetic(11, 120, [0.9], 0.0002, 0.015)
    y[5] = Number.NaN
    const f = fitOf(y, xs)
    const m = fitModel('market', y, 0, xs[0], 0, y.length, 30)
    if (isExclusion(m)) throw new Error(m.reason)
    const rf = m as RowFit
    close(f.coefficients[0], rf.alpha)
    close(f.coefficients[1], rf.beta)
    close(Math.sqrt(f.sigma2), rf.sigma)
    close(f.r2, rf.r2 as number)
    expect(f.L).toBe(rf.L)
    for (const rm of [-0.03, 0, 0.012])
      close(linearPredictionErrorFactor(f, [rm]), predictionErrorFactor('market', rf, rm))
    const T = 5
    const sumRm = 0.021
    close(linearCarVariance(f, T, [sumRm]), carVariance('market', rf, T, sumRm - T * rf.meanRm))
  })

  it('recovers known loadings from a seeded synthetic panel', () => {
    const loadings = [1.2, 0.5, -0.4, 0.3]
    const {y, xs} = synthetic(2024, 5000, loadings, 0.001, 0.005)
    const f = fitOf(y, xs)
    close(f.coefficients[0], 0.001, 0.2)
    for (let a = 0; a < 4; a++) {
      expect(Math.abs(f.coefficients[a + 1] - loadings[a])).toBeLessThan(4 * f.se[a + 1])
      expect(f.se[a + 1]).toBeLessThan(0.02)
    }
    close(Math.sqrt(f.sigma2), 0.005, 0.05)
  })

  it('rejects a true zero loading about 5% of the time at the 5% level', () => {
    let rejections = 0
    const runs = 2000
    for (let r = 0; r < runs; r++) {
      const {y, xs} = synthetic(100 + r, 40, [1, 0], 0, 0.01)
      if (fitOf(y, xs).p[2] < 0.05) rejections++
    }
    expect(rejections / runs).toBeGreaterThan(0.04)
    expect(rejections / runs).toBeLessThan(0.06)
  })

  it('fails with a reason on too few days or collinear regressors', () => {
    const y = Float64Array.from([1, 2, 3])
    const x = Float64Array.from([1, 2, 4])
    const f = fitLinearModel(
      y,
      0,
      [
        {x, off: 0},
        {x, off: 0},
      ],
      3,
    )
    expect(isLinearFailure(f) && f.code).toBe('too-few-observations')
    const y2 = Float64Array.from([1, 2, 3, 5, 4, 6])
    const x2 = Float64Array.from([1, 2, 4, 3, 5, 7])
    const g = fitLinearModel(
      y2,
      0,
      [
        {x: x2, off: 0},
        {x: x2.map((v) => 2 * v), off: 0},
      ],
      6,
    )
    expect(isLinearFailure(g) && g.code).toBe('singular-design')
  })

  it('inverts a 2 x 2 by hand', () => {
    const inv = invertSymmetric(Float64Array.from([4, 2, 2, 3]), 2) as Float64Array
    // det 8: [3, -2; -2, 4] / 8
    ;[3 / 8, -2 / 8, -2 / 8, 4 / 8].forEach((v, i) => close(inv[i], v))
  })
})
