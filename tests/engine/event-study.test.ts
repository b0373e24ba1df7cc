import {describe, expect, it} from 'vitest'
import {runEventStudy} from '../../src/engine/event-study.js'
import {grank} from '../../src/engine/grank.js'
import {normalTwoSidedP, studentTTwoSidedP} from '../../src/engine/distributions.js'
import {TEST_NAMES} from '../../src/engine/types.js'
import type {EngineOptions, EngineResult, EventPanel, RowFit, TestBattery} from '../../src/engine/types.js'
import {numbers, synthetic} from './panel.js'
import {normal} from './random.js'
import {pearson} from './reference.js'

const close = (a: number | null | undefined, b: number, tol = 1e-10) => {
  expect(a).not.toBeNull()
  expect(a).not.toBeUndefined()
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
}

function expectNoNaN(r: EngineResult): void {
  for (const [path, v] of numbers(r)) if (!Number.isFinite(v)) throw new Error(`non-finite ${v} at ${path}`)
}

const OPTS: EngineOptions = {
  model: 'market',
  returns: 'simple',
  estimation: [-40, -6],
  windows: [
    [0, 0],
    [-1, 1],
  ],
  minObservations: 20,
}

// ---------------------------------------------------------------------------------------------------
// An independent computation, written from the methods document with plain arrays and loops.
// ---------------------------------------------------------------------------------------------------
interface Brute {
  fits: Array<{alpha: number; beta: number; sigma: number; L: number; meanRm: number; smm: number}>
  ar: number[][] // rows × event days
  sar: number[][]
  estAr: Array<Array<number | null>>
  car: number[][] // window × rows
  varCar: number[][]
  bhar: number[][]
}

function brute(panel: EventPanel, opts: EngineOptions, eventDays: number[]): Brute {
  const {n, days, firstRel} = panel
  const get = (a: Float64Array, i: number, t: number, shared: boolean) => a[(shared ? 0 : i * days) + t - firstRel]
  const shared = panel.market.length === days
  const out: Brute = {
    fits: [],
    ar: [],
    sar: [],
    estAr: [],
    car: opts.windows.map(() => []),
    varCar: opts.windows.map(() => []),
    bhar: opts.windows.map(() => []),
  }
  for (let i = 0; i < n; i++) {
    const xs: number[] = []
    const ys: number[] = []
    for (let t = opts.estimation[0]; t <= opts.estimation[1]; t++) {
      const y = get(panel.returns, i, t, false)
      const x = get(panel.market, i, t, shared)
      if (!Number.isNaN(y) && !Number.isNaN(x)) {
        xs.push(x)
        ys.push(y)
      }
    }
    const L = xs.length
    const mx = xs.reduce((s, v) => s + v, 0) / L
    const my = ys.reduce((s, v) => s + v, 0) / L
    let sxx = 0
    let sxy = 0
    for (let k = 0; k < L; k++) {
      sxx += (xs[k] - mx) ** 2
      sxy += (xs[k] - mx) * (ys[k] - my)
    }
    const beta = sxy / sxx
    const alpha = my - beta * mx
    const ssr = xs.reduce((s, x, k) => s + (ys[k] - alpha - beta * x) ** 2, 0)
    const sigma = Math.sqrt(ssr / (L - 2))
    out.fits.push({alpha, beta, sigma, L, meanRm: mx, smm: sxx})
    const est: Array<number | null> = []
    for (let t = opts.estimation[0]; t <= opts.estimation[1]; t++) {
      const y = get(panel.returns, i, t, false)
      const x = get(panel.market, i, t, shared)
      est.push(Number.isNaN(y) || Number.isNaN(x) ? null : y - alpha - beta * x)
    }
    out.estAr.push(est)
    const ar: number[] = []
    const sar: number[] = []
    for (const t of eventDays) {
      const x = get(panel.market, i, t, shared)
      const a = get(panel.returns, i, t, false) - alpha - beta * x
      ar.push(a)
      sar.push(a / (sigma * Math.sqrt(1 + 1 / L + (x - mx) ** 2 / sxx)))
    }
    out.ar.push(ar)
    out.sar.push(sar)
    opts.windows.forEach(([t1, t2], w) => {
      let car = 0
      let dev = 0
      let pr = 1
      let pe = 1
      for (let t = t1; t <= t2; t++) {
        const x = get(panel.market, i, t, shared)
        const y = get(panel.returns, i, t, false)
        car += y - alpha - beta * x
        dev += x - mx
        pr *= 1 + y
        pe *= 1 + alpha + beta * x
      }
      const T = t2 - t1 + 1
      out.car[w].push(car)
      out.varCar[w].push(sigma ** 2 * (T + T ** 2 / L + dev ** 2 / sxx))
      out.bhar[w].push(pr - pe)
    })
  }
  return out
}

const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
const sdev = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + (x - avg(v)) ** 2, 0) / (v.length - 1))
function ranks(v: number[]): number[] {
  return v.map((x) => v.filter((y) => y < x).length + (v.filter((y) => y === x).length + 1) / 2)
}

describe('runEventStudy against an independent computation', () => {
  const {panel} = synthetic({n: 7, firstRel: -40, lastRel: 3, seed: 5, planted: {0: 0.02}})
  // a missing estimation day in row 2 and row 5: L_i varies
  panel.returns[2 * panel.days + 3] = NaN
  panel.returns[5 * panel.days + 10] = NaN
  panel.returns[5 * panel.days + 11] = NaN
  const r = runEventStudy(panel, OPTS)
  const eventDays = [-1, 0, 1]
  const b = brute(panel, OPTS, eventDays)
  const N = 7

  it('fits, ARs, SARs, CAR, Var(CAR), BHAR and single-security t', () => {
    expect([...r.eventDays]).toEqual(eventDays)
    expect(r.nIncluded).toBe(N)
    for (let i = 0; i < N; i++) {
      const f = r.fits[i] as RowFit
      close(f.alpha, b.fits[i].alpha)
      close(f.beta, b.fits[i].beta)
      close(f.sigma, b.fits[i].sigma)
      expect(f.L).toBe(b.fits[i].L)
      expect(f.df).toBe(b.fits[i].L - 2)
      for (let j = 0; j < 3; j++) {
        close(r.ar[i * 3 + j], b.ar[i][j])
        close(r.sar[i * 3 + j], b.sar[i][j])
      }
      r.windows.forEach((w, k) => {
        close(w.car[i], b.car[k][i])
        close(w.varCar[i], b.varCar[k][i])
        close(w.scar[i], b.car[k][i] / Math.sqrt(b.varCar[k][i]))
        close(w.bhar[i], b.bhar[k][i])
        close(w.p[i], studentTTwoSidedP(w.t[i], b.fits[i].L - 2))
      })
    }
    expect(r.fits[2]?.L).toBe(34)
    expect(r.fits[5]?.L).toBe(33)
  })

  it('every test of the day-0 battery and of the [-1, 1] window', () => {
    const sumS2 = b.fits.reduce((s, f) => s + f.sigma ** 2, 0)
    const patellV = b.fits.reduce((s, f) => s + (f.L - 2) / (f.L - 4), 0)
    // BW1985: sd over estimation days of the cross-sectional mean AR (rows present that day)
    const E = OPTS.estimation[1] - OPTS.estimation[0] + 1
    const aarEst: number[] = []
    for (let k = 0; k < E; k++) {
      const v = b.estAr.map((row) => row[k]).filter((x): x is number => x !== null)
      aarEst.push(avg(v))
    }
    const sAar = sdev(aarEst)
    // generalized sign: share of positive estimation ARs
    const allEst = b.estAr.flat().filter((x): x is number => x !== null)
    const pHat = allEst.filter((x) => x > 0).length / allEst.length
    // KP: mean pairwise Pearson over common days
    let rs = 0
    let pairs = 0
    for (let i = 0; i < N; i++)
      for (let j = i + 1; j < N; j++) {
        rs += pearson(b.estAr[i], b.estAr[j])
        pairs++
      }
    const rBar = rs / pairs
    close(r.meanCorrelation, rBar)
    expect(r.correlationMethod).toBe('pairwise')
    const kpFactor = Math.sqrt((1 - rBar) / (1 + (N - 1) * rBar))
    // Corrado: ranks over estimation days (present) + event days, U = K / (M + 1)
    const dayList: number[] = []
    for (let t = OPTS.estimation[0]; t <= OPTS.estimation[1]; t++) dayList.push(t)
    dayList.push(...eventDays)
    const U: Array<Map<number, number>> = b.estAr.map((est, i) => {
      const vals: Array<[number, number]> = []
      est.forEach((x, k) => {
        if (x !== null) vals.push([OPTS.estimation[0] + k, x])
      })
      eventDays.forEach((t, j) => vals.push([t, b.ar[i][j]]))
      const K = ranks(vals.map((v) => v[1]))
      return new Map(vals.map(([t], k) => [t, K[k] / (vals.length + 1)]))
    })
    // each day weighted by its own N_t (Cowan 1992): D_t = sum_i (U_it - 0.5) / sqrt(N_t)
    const rankD = (t: number) => {
      const present = U.filter((m) => m.has(t))
      return present.reduce((s, m) => s + (m.get(t) as number) - 0.5, 0) / Math.sqrt(present.length)
    }
    const su = Math.sqrt(avg(dayList.map((t) => rankD(t) ** 2)))
    // Corrado-Zivney sign: G_it = sign(AR_it - median_i) over the same days, D_t = sum_i G_it / sqrt(N_t)
    const G: Array<Map<number, number>> = U.map((m, i) => {
      const vals = [...m.keys()].map((t) => {
        const j = eventDays.indexOf(t)
        return [t, j >= 0 ? b.ar[i][j] : (b.estAr[i][t - OPTS.estimation[0]] as number)] as const
      })
      const sorted = vals.map((v) => v[1]).sort((x, y) => x - y)
      const h = sorted.length / 2
      const med = sorted.length % 2 ? sorted[Math.floor(h)] : (sorted[h - 1] + sorted[h]) / 2
      return new Map(vals.map(([t, v]) => [t, Math.sign(v - med)]))
    })
    const signD = (t: number) => {
      const present = G.filter((m) => m.has(t))
      return present.reduce((s, m) => s + (m.get(t) as number), 0) / Math.sqrt(present.length)
    }
    const sg = Math.sqrt(avg(dayList.map((t) => signD(t) ** 2)))
    const wilcoxonExactP = (x: number[]) => {
      const K = ranks(x.map(Math.abs))
      const w = x.reduce((s, v, k) => s + (v > 0 ? K[k] : 0), 0)
      let lo = 0
      let hi = 0
      for (let mask = 0; mask < 2 ** x.length; mask++) {
        let s = 0
        for (let k = 0; k < x.length; k++) if (mask & (1 << k)) s += K[k]
        if (s <= w) lo++
        if (s >= w) hi++
      }
      return {w, p: Math.min(1, (2 * Math.min(lo, hi)) / 2 ** x.length)}
    }
    const check = (
      tests: TestBattery,
      values: number[],
      std: number[],
      T: number,
      corradoStat: number,
      signStat: number,
    ) => {
      const m = avg(values)
      const cst = m / (sdev(values) / Math.sqrt(N))
      close(tests.crossSectionalT.stat, cst)
      close(tests.crossSectionalT.p, studentTTwoSidedP(cst, N - 1))
      close(tests.brownWarner1980.stat, m / ((Math.sqrt(T) * Math.sqrt(sumS2)) / N))
      close(tests.brownWarner1985.stat, m / (Math.sqrt(T) * sAar))
      close(tests.patell.stat, std.reduce((s, v) => s + v, 0) / Math.sqrt(patellV))
      const bmpStat = avg(std) / (sdev(std) / Math.sqrt(N))
      close(tests.bmp.stat, bmpStat)
      close(tests.kolariPynnonen.stat, bmpStat * kpFactor)
      close(tests.corrado.stat, corradoStat)
      close(tests.corrado.p, normalTwoSidedP(corradoStat))
      close(tests.corradoSign.stat, signStat)
      close(tests.corradoSign.p, normalTwoSidedP(signStat))
      const w = values.filter((v) => v > 0).length
      close(tests.sign.stat, ((w / N - 0.5) * Math.sqrt(N)) / 0.5)
      close(tests.generalizedSign.stat, (w - N * pHat) / Math.sqrt(N * pHat * (1 - pHat)))
      const wx = wilcoxonExactP(values)
      close(tests.wilcoxon.stat, wx.w)
      close(tests.wilcoxon.p, wx.p)
      for (const name of TEST_NAMES) expect(tests[name].n).toBe(N)
    }
    const d0 = r.daily[1]
    expect(d0.t).toBe(0)
    close(d0.aar, avg(b.ar.map((a) => a[1])))
    check(
      d0.tests,
      b.ar.map((a) => a[1]),
      b.sar.map((a) => a[1]),
      1,
      rankD(0) / su,
      signD(0) / sg,
    )
    expect(d0.tests.grank.stat).toBeNull()
    expect(d0.tests.grank.note).toMatch(/window/)
    const w = r.windows[1]
    close(w.caar, avg(b.car[1]))
    const scar = b.car[1].map((c, i) => c / Math.sqrt(b.varCar[1][i]))
    const sum = (f: (t: number) => number) => [-1, 0, 1].reduce((s, t) => s + f(t), 0)
    const cowan = sum(rankD) / (Math.sqrt(3) * su)
    check(w.tests, b.car[1], scar, 3, cowan, sum(signD) / (Math.sqrt(3) * sg))
    // GRANK: the estimation ARs, sigma_i and SCAR_i of the included rows (grank.ts is tested on worked examples)
    const est = Float64Array.from(b.estAr.flat().map((x) => (x === null ? NaN : x)))
    const g = grank(est, N, E, Float64Array.from(b.fits.map((f) => f.sigma)), Float64Array.from(scar))
    close(w.tests.grank.stat, g.stat as number)
    close(w.tests.grank.p, g.p as number)
    expect(w.tests.grank.df).toBe(g.df)
  })

  it('leaves no NaN anywhere in the result', () => {
    expectNoNaN(r)
  })
})

describe('runEventStudy on synthetic data with known parameters', () => {
  it('recovers alpha and beta and detects a planted CAR with every test', () => {
    const n = 400
    const {panel, alpha, beta, sigma} = synthetic({
      n,
      firstRel: -260,
      lastRel: 10,
      seed: 42,
      planted: {0: 0.02, 1: 0.01},
      sdMarket: 0.015,
    })
    const r = runEventStudy(panel, {
      model: 'market',
      returns: 'simple',
      estimation: [-260, -11],
      windows: [
        [0, 1],
        [-5, 5],
      ],
      minObservations: 100,
    })
    expect(r.nIncluded).toBe(n)
    expect(r.correlationMethod).toBe('aggregate')
    let sumErr = 0
    for (let i = 0; i < n; i++) {
      const f = r.fits[i] as RowFit
      const se = sigma[i] / (0.015 * Math.sqrt(250))
      expect(Math.abs(f.beta - beta[i])).toBeLessThan(5 * se)
      expect(Math.abs(f.alpha - alpha[i])).toBeLessThan(((5 * sigma[i]) / Math.sqrt(250)) * 1.1)
      expect(Math.abs(f.sigma / sigma[i] - 1)).toBeLessThan(0.3)
      sumErr += f.beta - beta[i]
    }
    expect(Math.abs(sumErr / n)).toBeLessThan(0.01)
    const w = r.windows[0]
    expect(Math.abs((w.caar as number) - 0.03)).toBeLessThan(0.003)
    for (const name of TEST_NAMES) {
      expect(w.tests[name].p, name).not.toBeNull()
      expect(w.tests[name].p as number, name).toBeLessThan(0.01)
      if (name === 'grank') continue // GRANK tests windows only
      expect(r.daily.find((d) => d.t === 0)?.tests[name].p as number, name).toBeLessThan(0.01)
    }
    // a day with nothing planted is not significant by the parametric t
    expect(r.daily.find((d) => d.t === -3)?.tests.crossSectionalT.p as number).toBeGreaterThan(0.001)
    expectNoNaN(r)
  })

  it('rejects at about the nominal rate on null data (200 studies of 20 securities)', () => {
    const reject: Record<string, number> = {}
    const studies = 200
    let rowRejects = 0
    let rows = 0
    for (let s = 0; s < studies; s++) {
      const {panel} = synthetic({n: 20, firstRel: -120, lastRel: 2, seed: 1000 + s})
      const r = runEventStudy(panel, {
        model: 'market',
        returns: 'simple',
        estimation: [-120, -21],
        windows: [[0, 2]],
        minObservations: 50,
      })
      for (const name of TEST_NAMES) {
        const p = r.windows[0].tests[name].p as number
        if (p < 0.05) reject[name] = (reject[name] ?? 0) + 1
      }
      for (let i = 0; i < 20; i++) {
        rows++
        if (r.windows[0].p[i] < 0.05) rowRejects++
      }
    }
    for (const name of TEST_NAMES) {
      const rate = (reject[name] ?? 0) / studies
      expect(rate, `${name} rejects ${rate}`).toBeLessThan(0.1)
    }
    // single-security t: 4000 rows, 5% expected
    expect(rowRejects / rows).toBeGreaterThan(0.03)
    expect(rowRejects / rows).toBeLessThan(0.07)
  })

  it('per-row market series (different event dates) give the same result as one shared row', () => {
    const {panel} = synthetic({n: 30, firstRel: -60, lastRel: 5, seed: 8, planted: {0: 0.01}})
    const per: EventPanel = {...panel, market: new Float64Array(panel.n * panel.days)}
    for (let i = 0; i < panel.n; i++) per.market.set(panel.market, i * panel.days)
    const opts: EngineOptions = {
      model: 'market',
      returns: 'log',
      estimation: [-60, -6],
      windows: [[0, 3]],
      minObservations: 30,
    }
    const a = runEventStudy(panel, opts)
    const b = runEventStudy(per, opts)
    expect([...b.windows[0].car]).toEqual([...a.windows[0].car])
    expect(b.windows[0].tests).toEqual(a.windows[0].tests)
  })

  it('other models: mean-adjusted (d = 1) and market-adjusted (d = 0)', () => {
    const {panel} = synthetic({n: 10, firstRel: -60, lastRel: 2, seed: 9})
    for (const [model, d] of [
      ['mean-adjusted', 1],
      ['market-adjusted', 0],
    ] as const) {
      const r = runEventStudy(panel, {
        model,
        returns: 'simple',
        estimation: [-60, -6],
        windows: [[0, 2]],
        minObservations: 30,
      })
      expect(r.d).toBe(d)
      const f = r.fits[0] as RowFit
      expect(f.df).toBe(55 - d)
      expect(f.r2).toBeNull()
      // CAR by hand for row 0
      let car = 0
      for (let t = 0; t <= 2; t++) {
        const c = t + 60
        car += panel.returns[c] - (model === 'mean-adjusted' ? f.alpha : panel.market[c])
      }
      close(r.windows[0].car[0], car)
      expectNoNaN(r)
    }
  })
})

describe('exclusions and small N', () => {
  it('excludes too few observations, constant series and a missing event-day return, naming the day', () => {
    const {panel} = synthetic({n: 8, firstRel: -60, lastRel: 3, seed: 3})
    const D = panel.days
    for (let c = 0; c < 40; c++) panel.returns[0 * D + c] = NaN // row 0: 15 estimation days left
    for (let c = 0; c < D; c++) panel.returns[1 * D + c] = 0.001 // row 1: constant
    panel.returns[2 * D + 61] = NaN // row 2: day +1 missing
    const opts: EngineOptions = {
      model: 'market',
      returns: 'simple',
      estimation: [-60, -6],
      windows: [[0, 2]],
      minObservations: 30,
    }
    const r = runEventStudy(panel, opts)
    expect(r.exclusions[0]?.code).toBe('too-few-observations')
    expect(r.exclusions[0]?.reason).toBe('too few estimation observations: 15 (at least 30 needed)')
    expect(r.exclusions[1]?.code).toBe('constant-returns')
    expect(r.exclusions[2]).toEqual({code: 'missing-event-return', reason: 'missing return on event day +1', day: 1})
    expect(r.fits[0]).toBeNull()
    expect([...r.included]).toEqual([0, 0, 0, 1, 1, 1, 1, 1])
    expect(r.nIncluded).toBe(5)
    expect(r.windows[0].n).toBe(5)
    expectNoNaN(r)
    // tests use the included rows only: same as a panel of those rows alone
    const sub: EventPanel = {
      n: 5,
      days: D,
      firstRel: panel.firstRel,
      returns: panel.returns.slice(3 * D),
      market: panel.market,
      calendarStart: new Int32Array(5),
    }
    const s = runEventStudy(sub, opts)
    expect(r.windows[0].tests).toEqual(s.windows[0].tests)
    expect(r.daily).toEqual(s.daily)
  })

  it('zero market variance excludes every row under the market model', () => {
    const {panel} = synthetic({n: 3, firstRel: -40, lastRel: 0, seed: 4})
    panel.market.fill(0.001)
    const r = runEventStudy(panel, {...OPTS, windows: [[0, 0]]})
    expect(r.exclusions.map((e) => e?.code)).toEqual([
      'zero-market-variance',
      'zero-market-variance',
      'zero-market-variance',
    ])
    expect(r.nIncluded).toBe(0)
    expect(r.daily[0].aar).toBeNull()
    expect(r.windows[0].caar).toBeNull()
    for (const name of TEST_NAMES)
      expect(r.windows[0].tests[name]).toEqual({stat: null, p: null, n: 0, note: 'no included securities'})
    expectNoNaN(r)
  })

  it('one security: every key present, its own t test, null with a note where N >= 2 is needed', () => {
    const {panel} = synthetic({n: 1, firstRel: -60, lastRel: 2, seed: 6, planted: {0: 0.05}})
    const r = runEventStudy(panel, {
      model: 'market',
      returns: 'simple',
      estimation: [-60, -6],
      windows: [[0, 2]],
      minObservations: 30,
    })
    const w = r.windows[0]
    expect(Object.keys(w.tests).sort()).toEqual([...TEST_NAMES].sort())
    close(w.tests.crossSectionalT.stat, w.t[0])
    close(w.tests.crossSectionalT.p, w.p[0])
    expect(w.tests.crossSectionalT.df).toBe((r.fits[0] as RowFit).df)
    expect(w.tests.crossSectionalT.note).toMatch(/own t test/)
    const day0 = r.daily.find((d) => d.t === 0) as (typeof r.daily)[number]
    close(day0.tests.crossSectionalT.stat, r.sar[r.eventDays.indexOf(0)])
    for (const name of ['bmp', 'kolariPynnonen', 'sign', 'generalizedSign', 'wilcoxon'] as const) {
      expect(w.tests[name].stat).toBeNull()
      expect(w.tests[name].p).toBeNull()
      expect(w.tests[name].note).toMatch(/at least 2/)
    }
    for (const name of ['brownWarner1980', 'brownWarner1985', 'patell', 'corrado'] as const)
      expect(w.tests[name].p).not.toBeNull()
    expect(r.meanCorrelation).toBeNull()
    expectNoNaN(r)
  })

  it('rejects windows outside the panel (a programming error: RangeError, not bad input)', () => {
    const {panel} = synthetic({n: 2, firstRel: -40, lastRel: 2, seed: 1})
    expect(() => runEventStudy(panel, {...OPTS, windows: [[0, 5]]})).toThrow(RangeError)
    expect(() => runEventStudy(panel, {...OPTS, windows: [[0, 5]]})).toThrow(/event window \[0, 5\]/)
    expect(() => runEventStudy(panel, {...OPTS, estimation: [-50, -6]})).toThrow(/estimation window/)
  })

  it('different event dates: rows aligned on calendar days for the correlation', () => {
    const {panel} = synthetic({n: 12, firstRel: -60, lastRel: 2, seed: 10, perRowMarket: true})
    panel.calendarStart = Int32Array.from({length: 12}, (_, i) => 100 + 7 * i)
    const r = runEventStudy(panel, {
      model: 'market',
      returns: 'simple',
      estimation: [-60, -6],
      windows: [[0, 2]],
      minObservations: 30,
    })
    expect(r.correlationMethod).toBe('pairwise')
    expect(Math.abs(r.meanCorrelation as number)).toBeLessThan(0.2)
    expectNoNaN(r)
  })
})

describe('edge cases', () => {
  it('an empty panel gives null aggregates and null tests', () => {
    const panel: EventPanel = {
      n: 0,
      days: 50,
      firstRel: -45,
      returns: new Float64Array(0),
      market: new Float64Array(50),
      calendarStart: new Int32Array(0),
    }
    const r = runEventStudy(panel, OPTS)
    expect(r.nIncluded).toBe(0)
    expect(r.windows[1].caar).toBeNull()
    expect(r.daily.map((d) => d.aar)).toEqual([null, null, null])
    expect(r.windows[1].tests.wilcoxon.note).toBe('no included securities')
    expectNoNaN(r)
  })
  it('Patell is null with a note when an estimation window has 4 or fewer days', () => {
    const {panel} = synthetic({n: 3, firstRel: -10, lastRel: 0, seed: 12})
    const r = runEventStudy(panel, {
      model: 'market',
      returns: 'simple',
      estimation: [-4, -1],
      windows: [[0, 0]],
      minObservations: 4,
    })
    expect(r.nIncluded).toBe(3)
    expect(r.daily[0].tests.patell.stat).toBeNull()
    expect(r.daily[0].tests.patell.note).toMatch(/more than 4/)
    expectNoNaN(r)
  })
})

describe('Kolari-Pynnönen with list events (rows on different dates)', () => {
  const FIRST = -60
  const LAST = 4
  const opts: EngineOptions = {
    model: 'market',
    returns: 'simple',
    estimation: [-60, -6],
    windows: [
      [0, 0],
      [-1, 1],
      [0, 4],
    ],
    minObservations: 30,
  }
  // calendar-day series: a market, and four stocks sharing an industry factor besides the market
  const z = normal(77)
  const C = 2400
  const mkt = Array.from({length: C}, () => 0.0003 + 0.01 * z())
  const ind = Array.from({length: C}, () => 0.01 * z())
  const stocks = Array.from({length: 4}, () => mkt.map((m, c) => 0.0002 + 1.1 * m + ind[c] + 0.01 * z()))

  /** One row per (stock, event day 0 as a calendar index). */
  function listPanel(events: Array<[number, number]>): EventPanel {
    const days = LAST - FIRST + 1
    const n = events.length
    const returns = new Float64Array(n * days)
    const market = new Float64Array(n * days)
    events.forEach(([s, d0], i) => {
      for (let j = 0; j < days; j++) {
        returns[i * days + j] = stocks[s][d0 + FIRST + j]
        market[i * days + j] = mkt[d0 + FIRST + j]
      }
    })
    return {n, days, firstRel: FIRST, returns, market, calendarStart: Int32Array.from(events, ([, d0]) => d0 + FIRST)}
  }

  /** Brute force: mean over all pairs; Pearson of the estimation ARs on common days if event windows [-1, 4] meet, else 0. */
  function bruteForce(events: Array<[number, number]>, r: EngineResult): number {
    const est = events.map(([s, d0], i) => {
      const f = r.fits[i] as RowFit
      const out = new Map<number, number>()
      for (let t = -60; t <= -6; t++) out.set(d0 + t, stocks[s][d0 + t] - f.alpha - f.beta * mkt[d0 + t])
      return out
    })
    let sum = 0
    let pairs = 0
    for (let i = 0; i < events.length; i++)
      for (let j = i + 1; j < events.length; j++) {
        pairs++
        if (Math.abs(events[i][1] - events[j][1]) > 5) continue
        const common = [...est[i].keys()].filter((c) => est[j].has(c))
        sum += pearson(
          common.map((c) => est[i].get(c) as number),
          common.map((c) => est[j].get(c) as number),
        )
      }
    return sum / pairs
  }

  it('one stock, events a quarter apart: r = 0 and KP equals BMP', () => {
    const events: Array<[number, number]> = [100, 163, 226, 289, 352, 415, 478, 541].map((d) => [0, d])
    const r = runEventStudy(listPanel(events), opts)
    expect(r.meanCorrelation).toBe(0)
    for (const w of r.windows) expect(w.tests.kolariPynnonen.stat).toBe(w.tests.bmp.stat)
    for (const d of r.daily) expect(d.tests.kolariPynnonen.stat).toBe(d.tests.bmp.stat)
  })

  it('over 300 rows (the O(N·L) form): events a week apart never share a day, r = 0 and KP equals BMP', () => {
    const events: Array<[number, number]> = Array.from({length: 320}, (_, k) => [k % 4, 100 + 7 * k])
    const r = runEventStudy(listPanel(events), opts)
    expect(r.correlationMethod).toBe('aggregate')
    expect(r.meanCorrelation).toBe(0)
    for (const w of r.windows) expect(w.tests.kolariPynnonen.stat).toBe(w.tests.bmp.stat)
  })

  it('several stocks on one date: r is the plain mean pairwise correlation', () => {
    const events: Array<[number, number]> = [0, 1, 2, 3].map((s) => [s, 300])
    const r = runEventStudy(listPanel(events), opts)
    close(r.meanCorrelation, bruteForce(events, r), 1e-12)
    expect(r.meanCorrelation as number).toBeGreaterThan(0.2)
  })

  it('mixed dates: only pairs whose event windows share a day add their correlation', () => {
    const events: Array<[number, number]> = [
      [0, 300],
      [1, 300],
      [2, 303],
      [3, 306],
      [0, 400],
      [1, 402],
      [2, 600],
      [3, 700],
    ]
    const r = runEventStudy(listPanel(events), opts)
    const expected = bruteForce(events, r)
    close(r.meanCorrelation, expected, 1e-12)
    expect(expected).toBeGreaterThan(0)
  })
})
