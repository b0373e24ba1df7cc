import {describe, expect, it} from 'vitest'
import {crossSectionRegression} from '../../src/engine/cross-section-regression.js'
import type {RegressionFit, RegressionFailure} from '../../src/engine/cross-section-regression.js'
import {normal} from './random.js'

const f64 = (a: number[]) => Float64Array.from(a)

function fitted(r: RegressionFit | RegressionFailure): RegressionFit {
  if (!r.ok) throw new Error(r.message)
  return r
}

/** Gauss-Jordan inverse of a small square matrix (textbook; not the engine's QR). */
function inverse(A: number[][]): number[][] {
  const n = A.length
  const M = A.map((row, i) => [...row, ...Array.from({length: n}, (_, j) => (i === j ? 1 : 0))])
  for (let c = 0; c < n; c++) {
    let piv = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r
    ;[M[c], M[piv]] = [M[piv], M[c]]
    const d = M[c][c]
    for (let k = 0; k < 2 * n; k++) M[c][k] /= d
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = M[r][c]
        for (let k = 0; k < 2 * n; k++) M[r][k] -= f * M[c][k]
      }
  }
  return M.map((row) => row.slice(n))
}

/** Direct normal-equations computation: b, HC se, R^2 (weights w: rows scaled by sqrt(w)). */
function direct(y: number[], cols: number[][], kind: 'hc3' | 'hc1', w?: number[]) {
  const N = y.length
  const s = y.map((_, i) => Math.sqrt(w ? w[i] : 1))
  const X = y.map((_, i) => [s[i], ...cols.map((c) => s[i] * c[i])])
  const ys = y.map((v, i) => s[i] * v)
  const p = X[0].length
  const XtX = Array.from({length: p}, (_, a) =>
    Array.from({length: p}, (_, b) => X.reduce((t, r) => t + r[a] * r[b], 0)),
  )
  const inv = inverse(XtX)
  const Xty = Array.from({length: p}, (_, a) => X.reduce((t, r, i) => t + r[a] * ys[i], 0))
  const b = inv.map((row) => row.reduce((t, v, k) => t + v * Xty[k], 0))
  const u = X.map((r, i) => ys[i] - r.reduce((t, v, k) => t + v * b[k], 0))
  const h = X.map((r) => r.reduce((t, va, a) => t + va * r.reduce((q, vb, c) => q + inv[a][c] * vb, 0), 0))
  const om = u.map((ui, i) => (kind === 'hc3' ? ui ** 2 / (1 - h[i]) ** 2 : (N / (N - p)) * ui ** 2))
  const meat = Array.from({length: p}, (_, a) =>
    Array.from({length: p}, (_, c) => X.reduce((t, r, i) => t + r[a] * om[i] * r[c], 0)),
  )
  const se = Array.from({length: p}, (_, j) => {
    let v = 0
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) v += inv[j][a] * meat[a][c] * inv[j][c]
    return Math.sqrt(v)
  })
  const wt = w ?? y.map(() => 1)
  const ybar = y.reduce((t, v, i) => t + wt[i] * v, 0) / wt.reduce((t, v) => t + v, 0)
  const sst = y.reduce((t, v, i) => t + wt[i] * (v - ybar) ** 2, 0)
  const r2 = 1 - u.reduce((t, v) => t + v * v, 0) / sst
  return {b, se, r2}
}

describe('cross-sectional regression: worked example', () => {
  // y = [1, 3, 2, 5] on x = [0, 1, 2, 3]: slope Sxy/Sxx = 5.5/5 = 1.1, intercept 2.75 - 1.65 = 1.1,
  // u = -0.1, 0.8, -1.3, 0.6, SSR 2.7, SST 8.75, h = 0.7, 0.3, 0.3, 0.7.
  const y = f64([1, 3, 2, 5])
  const cols = [{name: 'x', values: f64([0, 1, 2, 3])}]
  it('coefficients, R^2 and HC3 / HC1 standard errors by hand', () => {
    const r = fitted(crossSectionRegression(y, cols))
    expect(r.terms.map((t) => t.name)).toEqual(['(intercept)', 'x'])
    expect(r.terms[0].coef).toBeCloseTo(1.1, 12)
    expect(r.terms[1].coef).toBeCloseTo(1.1, 12)
    expect(r.r2).toBeCloseTo(1 - 2.7 / 8.75, 12)
    expect(r.adjR2).toBeCloseTo(1 - ((2.7 / 8.75) * 3) / 2, 12)
    expect(r).toMatchObject({n: 4, p: 2, df: 2, se: 'hc3', weighted: false})
    // HC3 slope: sum (x - xbar)^2 u^2 / (1 - h)^2 / Sxx^2 = (0.25 + 0.16/0.49 + 0.4225/0.49 + 9) / 25
    expect(r.terms[1].se).toBeCloseTo(Math.sqrt((0.25 + 0.16 / 0.49 + 0.4225 / 0.49 + 9) / 25), 12)
    // HC1 slope: N/(N - p) sum (x - xbar)^2 u^2 / Sxx^2 = 2 * 1.415 / 25
    const r1 = fitted(crossSectionRegression(y, cols, {se: 'hc1'}))
    expect(r1.terms[1].se).toBeCloseTo(Math.sqrt((2 * 1.415) / 25), 12)
    expect(r1.terms[1].t).toBeCloseTo(1.1 / Math.sqrt((2 * 1.415) / 25), 10)
  })
})

describe('cross-sectional regression against a direct matrix computation', () => {
  const z = normal(5)
  const N = 25
  const x1 = Array.from({length: N}, () => z())
  const x2 = Array.from({length: N}, () => z() + 0.5 * x1[0])
  const d = Array.from({length: N}, (_, i) => (i % 3 === 0 ? 1 : 0))
  const y = x1.map((v, i) => 0.2 + 0.5 * v - 0.3 * x2[i] + 0.4 * d[i] + 0.5 * Math.abs(v) * z())
  const cols = [
    {name: 'x1', values: f64(x1)},
    {name: 'x2', values: f64(x2)},
    {name: 'group:b', values: f64(d)},
  ]
  for (const kind of ['hc3', 'hc1'] as const)
    for (const weighted of [false, true])
      it(`${kind}${weighted ? ', weighted' : ''}`, () => {
        const w = weighted ? Array.from({length: N}, () => 0.5 + Math.abs(z())) : undefined
        const r = fitted(crossSectionRegression(f64(y), cols, {se: kind, weights: w ? f64(w) : undefined}))
        const ref = direct(
          y,
          cols.map((c) => [...c.values]),
          kind,
          w,
        )
        r.terms.forEach((t, j) => {
          expect(Math.abs(t.coef - ref.b[j])).toBeLessThan(1e-10)
          expect(Math.abs(t.se - ref.se[j])).toBeLessThan(1e-10)
        })
        expect(Math.abs(r.r2 - ref.r2)).toBeLessThan(1e-10)
      })
})

describe('planted cross-sectional effects on a seeded synthetic panel are recovered', () => {
  it('group dummies and a characteristic, heteroskedastic errors', () => {
    const z = normal(9)
    const N = 600
    const group = Array.from({length: N}, (_, i) => i % 3)
    const runup = Array.from({length: N}, () => 0.2 * z())
    const beta = Array.from({length: N}, () => 1 + 0.3 * z())
    const car = group.map(
      (g, i) => 0.01 - 0.04 * (g === 1 ? 1 : 0) + 0.02 * (g === 2 ? 1 : 0) - 0.15 * runup[i] + 0.02 * beta[i] * z(),
    )
    const r = fitted(
      crossSectionRegression(f64(car), [
        {name: 'group:b', values: f64(group.map((g) => (g === 1 ? 1 : 0)))},
        {name: 'group:c', values: f64(group.map((g) => (g === 2 ? 1 : 0)))},
        {name: 'runup', values: f64(runup)},
        {name: 'beta', values: f64(beta)},
      ]),
    )
    const planted = [0.01, -0.04, 0.02, -0.15, 0]
    r.terms.forEach((t, j) => expect(Math.abs(t.coef - planted[j])).toBeLessThan(4 * t.se))
    expect(r.terms[1].p).toBeLessThan(1e-6)
    expect(r.terms[3].p).toBeLessThan(1e-6)
    expect(r.terms[4].p).toBeGreaterThan(0.001)
  })
})

describe('failures are typed and name the column', () => {
  const y = f64([0.1, -0.2, 0.05, 0.3, -0.1])
  it('a linear combination of earlier columns', () => {
    const a = f64([1, 2, 3, 4, 5])
    const b = f64([0, 1, 0, 1, 0])
    const r = crossSectionRegression(y, [
      {name: 'a', values: a},
      {name: 'b', values: b},
      {name: 'a+2b', values: a.map((v, i) => v + 2 * b[i])},
    ])
    expect(r).toMatchObject({ok: false, code: 'rank-deficient', column: 'a+2b'})
    expect((r as RegressionFailure).message).toMatch(/a\+2b is a linear combination of \(intercept\), a, b/)
  })
  it('a dummy that never varies', () => {
    const r = crossSectionRegression(y, [{name: 'group:b', values: f64([1, 1, 1, 1, 1])}])
    expect(r).toMatchObject({ok: false, code: 'rank-deficient', column: 'group:b'})
    expect((r as RegressionFailure).message).toMatch(/never varies/)
    expect(crossSectionRegression(y, [{name: 'zero', values: new Float64Array(5)}])).toMatchObject({column: 'zero'})
  })
  it('more columns than rows', () => {
    const z = normal(3)
    const cols = Array.from({length: 5}, (_, j) => ({name: `c${j}`, values: Float64Array.from({length: 5}, () => z())}))
    const r = crossSectionRegression(y, cols)
    expect(r).toMatchObject({ok: false, code: 'rank-deficient', column: 'c4'})
    expect((r as RegressionFailure).message).toMatch(/more coefficients than rows/)
    // exactly as many coefficients as rows: no degrees of freedom left
    expect(crossSectionRegression(y, cols.slice(0, 4))).toMatchObject({ok: false, code: 'too-few-rows'})
  })
  it('non-finite values, bad weights, leverage one under HC3', () => {
    expect(crossSectionRegression(f64([1, Number.NaN, 2]), [])).toMatchObject({code: 'non-finite', column: 'y', row: 1})
    expect(crossSectionRegression(y, [{name: 'x', values: f64([1, 2, 3, Number.POSITIVE_INFINITY, 5])}])).toMatchObject(
      {
        code: 'non-finite',
        column: 'x',
        row: 3,
      },
    )
    expect(crossSectionRegression(y, [], {weights: f64([1, 1, 0, 1, 1])})).toMatchObject({code: 'bad-weight', row: 2})
    const single = {name: 'only-row-0', values: f64([1, 0, 0, 0, 0])}
    expect(crossSectionRegression(y, [single])).toMatchObject({code: 'leverage-one', row: 0})
    expect(crossSectionRegression(y, [single], {se: 'hc1'})).toMatchObject({ok: true})
  })
})
