import Ajv from 'ajv'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import type {StudyResult} from '../../src/result.js'
import type {CharacteristicValue, CrossSectionSpec, StudySpec} from '../../src/spec/types.js'
import {runStudy} from '../../src/study/run.js'
import type {Bar} from '../../src/types.js'
import {normal} from '../engine/random.js'
import {REPO} from '../helpers/shared.js'
import {MemStore, barsFromReturns, baseSpec, nonFinitePaths, weekdays} from './synthetic.js'

const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'study-result.schema.json'), 'utf8')) as object
const validate = new Ajv({allErrors: true, strict: false}).compile(schema)

const EVENT = '2025-01-02'
const N_PER_GROUP = 20
/** Planted day-0 abnormal return: -2% + 3% in group b + 1.5% per unit of the `exposure` characteristic. */
const G0 = -0.02
const G_B = 0.03
const G_X = 0.015

interface Panel {
  bars: Map<string, Bar[]>
  groups: StudySpec['groups']
  exposure: CharacteristicValue[]
}

/** Two groups of 20 securities on a seeded market; day 0 carries the planted cross-sectional effects. */
function panel(seed = 11): Panel {
  const z = normal(seed)
  const dates = weekdays('2024-01-01', 320, ['2024-12-25'])
  const e = dates.indexOf(EVENT)
  const rm = dates.map((_, i) => (i === 0 ? 0 : 0.0003 + 0.01 * z()))
  const bars = new Map<string, Bar[]>([['MKT', barsFromReturns(dates, rm, 4000)]])
  const groups: StudySpec['groups'] = [
    {id: 'a', label: null, symbols: []},
    {id: 'b', label: null, symbols: []},
  ]
  const exposure: CharacteristicValue[] = []
  for (let k = 0; k < 2 * N_PER_GROUP; k++) {
    const symbol = `S${String(k).padStart(2, '0')}`
    const g = k < N_PER_GROUP ? 0 : 1
    const x = z()
    const beta = 0.6 + 0.05 * k
    const planted = G0 + G_B * g + G_X * x
    // noise sd 0.5% on day 0 (heteroskedastic: larger in group b)
    const r = dates.map((_, i) => (i === 0 ? 0 : beta * rm[i] + (g ? 0.006 : 0.003) * z() + (i === e ? planted : 0)))
    bars.set(symbol, barsFromReturns(dates, r, 50))
    groups[g].symbols.push(symbol)
    exposure.push({symbol, name: 'exposure', value: x})
  }
  return {bars, groups, exposure}
}

const P = panel()
const store = new MemStore(P.bars)

function spec(crossSections: CrossSectionSpec[], over: Partial<StudySpec> = {}): StudySpec {
  return baseSpec({groups: P.groups, crossSections, characteristics: P.exposure, ...over})
}

function xs(id: string, on: CrossSectionSpec['on'], over: Partial<CrossSectionSpec> = {}): CrossSectionSpec {
  return {id, window: [0, 0], event: 'ev', on, weights: 'none', se: 'hc3', ...over}
}

/** Solves A b = c by Gauss-Jordan elimination with partial pivoting (A is k × k, row-major arrays). */
function solve(A: number[][], c: number[]): number[] {
  const k = c.length
  const M = A.map((row, i) => [...row, c[i]])
  for (let j = 0; j < k; j++) {
    let piv = j
    for (let i = j + 1; i < k; i++) if (Math.abs(M[i][j]) > Math.abs(M[piv][j])) piv = i
    ;[M[j], M[piv]] = [M[piv], M[j]]
    for (let i = 0; i < k; i++) {
      if (i === j) continue
      const f = M[i][j] / M[j][j]
      for (let m = j; m <= k; m++) M[i][m] -= f * M[j][m]
    }
  }
  return M.map((row, i) => row[k] / row[i])
}

function inverse(A: number[][]): number[][] {
  const k = A.length
  const cols = A.map((_, j) =>
    solve(
      A,
      A.map((__, i) => (i === j ? 1 : 0)),
    ),
  )
  return Array.from({length: k}, (_, i) => Array.from({length: k}, (__, j) => cols[j][i]))
}

/** OLS with HC3 and HC1 by the normal equations, written out: the independent check of the regression. */
function byHand(X: number[][], y: number[]): {b: number[]; hc3: number[]; hc1: number[]; r2: number} {
  const n = y.length
  const k = X[0].length
  const XtX = Array.from({length: k}, (_, a) =>
    Array.from({length: k}, (__, c) => X.reduce((s, r) => s + r[a] * r[c], 0)),
  )
  const Xty = Array.from({length: k}, (_, a) => X.reduce((s, r, i) => s + r[a] * y[i], 0))
  const b = solve(XtX, Xty)
  const inv = inverse(XtX)
  const u = y.map((yi, i) => yi - X[i].reduce((s, x, a) => s + x * b[a], 0))
  const h = X.map((r) => r.reduce((s, xa, a) => s + xa * r.reduce((t, xc, c) => t + inv[a][c] * xc, 0), 0))
  const sandwich = (w: number[]) =>
    Array.from({length: k}, (_, a) => {
      // diagonal of inv X' diag(w) X inv
      const row = inv[a]
      let v = 0
      for (let i = 0; i < n; i++) {
        const ra = X[i].reduce((s, x, c) => s + row[c] * x, 0)
        v += ra * ra * w[i]
      }
      return Math.sqrt(v)
    })
  const my = y.reduce((s, v) => s + v, 0) / n
  const sst = y.reduce((s, v) => s + (v - my) ** 2, 0)
  const ssr = u.reduce((s, v) => s + v * v, 0)
  return {
    b,
    hc3: sandwich(u.map((ui, i) => (ui * ui) / (1 - h[i]) ** 2)),
    hc1: sandwich(u.map((ui) => (n / (n - k)) * ui * ui)),
    r2: 1 - ssr / sst,
  }
}

/** CAR[0,0] and design rows [1, group b, exposure] of the result's securities, in result order. */
function dataOf(r: StudyResult): {X: number[][]; y: number[]} {
  const x = new Map(P.exposure.map((c) => [c.symbol, c.value]))
  const secs = r.securities.filter((s) => !s.excluded)
  return {
    X: secs.map((s) => [1, s.group === 'b' ? 1 : 0, x.get(s.symbol)!]),
    y: secs.map((s) => s.windows!.find((w) => w.window[0] === 0 && w.window[1] === 0)!.car),
  }
}

describe('cross-sectional regressions of CARs in a study run', () => {
  it('match the normal equations by hand: coefficients, HC3 and HC1 standard errors, R²', async () => {
    const r = await runStudy(
      spec([xs('hc3', ['group', 'exposure'].map(term)), xs('hc1', ['group', 'exposure'].map(term), {se: 'hc1'})]),
      store,
      {offline: true},
    )
    const {X, y} = dataOf(r)
    const hand = byHand(X, y)
    const [a, b] = r.crossSections!
    expect(a.terms.map((t) => t.name)).toEqual(['(intercept)', 'group:b', 'exposure'])
    expect(a.base).toBe('a')
    expect(a.n).toBe(40)
    a.terms.forEach((t, j) => {
      expect(t.coef).toBeCloseTo(hand.b[j], 12)
      expect(t.se).toBeCloseTo(hand.hc3[j], 12)
      expect(b.terms[j].se).toBeCloseTo(hand.hc1[j], 12)
    })
    expect(a.r2).toBeCloseTo(hand.r2, 12)
    expect(nonFinitePaths(r)).toEqual([])
    expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
  })

  it('recover the planted effects of group and characteristic', async () => {
    const r = await runStudy(spec([xs('fit', [term('group'), term('exposure')])]), store, {offline: true})
    const [fit] = r.crossSections!
    const want = [G0, G_B, G_X]
    fit.terms.forEach((t, j) => {
      expect(Math.abs(t.coef! - want[j])).toBeLessThan(3 * t.se!)
    })
    expect(fit.terms[1].p).toBeLessThan(0.001)
    expect(fit.terms[2].p).toBeLessThan(0.001)
    expect(fit.r2).toBeGreaterThan(0.8)
  })

  it('weights by 1 / Var(CAR) and reads beta from the market model', async () => {
    const r = await runStudy(
      spec([xs('wls', [term('group'), term('exposure')], {weights: 'scar'}), xs('beta', [term('beta')])]),
      store,
      {offline: true},
    )
    const [wls, beta] = r.crossSections!
    expect(wls.weights).toBe('scar')
    // WLS = OLS on rows scaled by sqrt(v_i), v_i = 1 / Var(CAR_i) = (SCAR_i / CAR_i)^2
    const {X, y} = dataOf(r)
    const sw = r.securities.map((s) => Math.abs(s.windows![0].scar / s.windows![0].car))
    const hand = byHand(
      X.map((row, i) => row.map((v) => v * sw[i])),
      y.map((v, i) => v * sw[i]),
    )
    wls.terms.forEach((t, j) => {
      expect(t.coef).toBeCloseTo(hand.b[j], 10)
      expect(t.se).toBeCloseTo(hand.hc3[j], 10)
    })
    expect(Math.abs(wls.terms[1].coef! - G_B)).toBeLessThan(3 * wls.terms[1].se!)
    // beta is unrelated to the planted effect here, apart from its correlation with the group (k < 20 in a)
    expect(beta.terms.map((t) => t.name)).toEqual(['(intercept)', 'beta'])
    expect(beta.n).toBe(40)
  })

  it('leaves out securities without a characteristic, with why', async () => {
    const some = P.exposure.filter((c) => c.symbol !== 'S03')
    const r = await runStudy(spec([xs('x', [term('exposure')])], {characteristics: some}), store, {offline: true})
    expect(r.crossSections![0].n).toBe(39)
    expect(r.crossSections![0].excluded).toEqual([
      {symbol: 'S03', event: 'ev', reason: 'no exposure in the characteristics'},
    ])
  })

  it('refuses a rank-deficient design, naming the term', async () => {
    const twice = [...P.exposure, ...P.exposure.map((c) => ({...c, name: 'double', value: 2 * c.value}))]
    const run = runStudy(spec([xs('x', [term('exposure'), term('double')])], {characteristics: twice}), store, {
      offline: true,
    })
    await expect(run).rejects.toThrow(InputError)
    await expect(run).rejects.toThrow(/crossSection\[0\]\.on\[1\].*double/)
  })

  it('refuses group dummies when one group is left', async () => {
    const onlyA = P.exposure.filter((c) => P.groups[0].symbols.includes(c.symbol))
    const run = runStudy(spec([xs('x', [term('exposure'), term('group')])], {characteristics: onlyA}), store, {
      offline: true,
    })
    await expect(run).rejects.toThrow(/crossSection\[0\]\.on\[1\]: group: only a has security-events/)
  })

  it('needs the characteristics a column term names', async () => {
    const run = runStudy(spec([xs('x', [term('exposure')])], {characteristics: undefined}), store, {offline: true})
    await expect(run).rejects.toThrow(/on\[0\]: no characteristic "exposure" was given; .*--characteristics/)
    const given = await runStudy(spec([xs('x', [term('exposure')])], {characteristics: undefined}), store, {
      offline: true,
      characteristics: P.exposure,
    })
    expect(given.crossSections![0].n).toBe(40)
  })

  it('regresses on the run-up P(-1) / P(-21) - 1 read from the prices', async () => {
    const r = await runStudy(spec([xs('x', [{kind: 'runup', window: [-20, -1]}])]), store, {offline: true})
    const secs = r.securities.filter((s) => !s.excluded)
    const X = secs.map((s) => {
      const bars = P.bars.get(s.symbol)!
      const k = bars.findIndex((b) => b.date === EVENT)
      return [1, bars[k - 1].adjClose! / bars[k - 21].adjClose! - 1]
    })
    const y = secs.map((s) => s.windows![0].car)
    const hand = byHand(X, y)
    const [fit] = r.crossSections!
    expect(fit.terms[1].name).toBe('runup[-20,-1]')
    expect(fit.terms[1].coef).toBeCloseTo(hand.b[1], 12)
    expect(fit.terms[1].se).toBeCloseTo(hand.hc3[1], 12)
  })

  it('reads the index return and the market value at the base period from the index rows', async () => {
    const shares = P.exposure.map((c, k) => ({symbol: c.symbol, shares: 1e6 * (k + 1), source: 'test'}))
    const index = {base: {from: '2024-02-01', to: '2024-02-29'}, asOf: '2025-01-10', weighting: 'equal' as const}
    const r = await runStudy(
      spec([xs('x', [term('indexReturn'), term('logMarketValue')], {se: 'hc1'})], {shares, index}),
      store,
      {offline: true},
    )
    const secs = r.securities.filter((s) => !s.excluded)
    const X = secs.map((s) => {
      const row = r.index!.securities.find((x) => x.id === s.symbol)!
      const n = shares.find((x) => x.symbol === s.symbol)!.shares
      return [1, row.sinceBase!, Math.log(n * row.base!)]
    })
    const hand = byHand(
      X,
      secs.map((s) => s.windows![0].car),
    )
    const [fit] = r.crossSections!
    fit.terms.forEach((t, j) => {
      expect(t.coef).toBeCloseTo(hand.b[j], 10)
      expect(t.se).toBeCloseTo(hand.hc1[j], 10)
    })
  })
})

function term(name: string): CrossSectionSpec['on'][number] {
  if (name === 'group') return {kind: 'group'}
  if (['beta', 'sigma', 'marketValue', 'logMarketValue', 'indexReturn'].includes(name))
    return {kind: 'builtin', name: name as 'beta'}
  return {kind: 'column', name}
}
