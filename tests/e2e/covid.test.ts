/**
 * End to end on ../shared/data/covid-2020: import with the built CLI, run `study run covid-2020 --json`, and check
 * the numbers against an independent computation written here with plain loops (not the engine).
 * Study: GSPC benchmark, log returns of closes, market model, estimation 2019-04-01..2020-03-13, window 2020-03-16..20.
 */
import Ajv from 'ajv'
import {readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StudyResult} from '../../src/result.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {COVID_DIR, haveSharedData, REPO} from '../helpers/shared.js'

const SYMBOLS = ['AMZN', 'ZM', 'UBER', 'NFLX', 'SHOP', 'FB', 'UPWK']
const EST_FROM = '2019-04-01'
const EST_TO = '2020-03-13'
const WIN_FROM = '2020-03-16'
const WIN_TO = '2020-03-20'

function readCloses(symbol: string): Map<string, number> {
  const lines = readFileSync(path.join(COVID_DIR, `${symbol}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
  const out = new Map<string, number>()
  for (const l of lines) {
    const f = l.split(',')
    if (f[4] !== '') out.set(f[0], Number(f[4]))
  }
  return out
}

interface Expected {
  alpha: number
  beta: number
  sigma: number
  L: number
  ar: number[]
  car: number
  varCar: number
}

/** The market model by hand: OLS on the estimation days where both log returns exist; AR, CAR and Var(CAR) per the methods doc. */
function independent(): {dates: string[]; bySymbol: Map<string, Expected>} {
  const gspc = readCloses('GSPC')
  const dates = [...gspc.keys()].sort()
  const logRet = (p: Map<string, number>): Map<string, number> => {
    const r = new Map<string, number>()
    for (let k = 1; k < dates.length; k++) {
      const a = p.get(dates[k - 1])
      const b = p.get(dates[k])
      if (a !== undefined && b !== undefined) r.set(dates[k], Math.log(b / a))
    }
    return r
  }
  const rm = logRet(gspc)
  const estDates = dates.filter((d) => d >= EST_FROM && d <= EST_TO)
  const winDates = dates.filter((d) => d >= WIN_FROM && d <= WIN_TO)
  const bySymbol = new Map<string, Expected>()
  for (const s of SYMBOLS) {
    const ri = logRet(readCloses(s))
    const xs: number[] = []
    const ys: number[] = []
    for (const d of estDates) {
      if (ri.has(d) && rm.has(d)) {
        xs.push(rm.get(d)!)
        ys.push(ri.get(d)!)
      }
    }
    const L = xs.length
    let mx = 0
    let my = 0
    for (let k = 0; k < L; k++) {
      mx += xs[k] / L
      my += ys[k] / L
    }
    let sxy = 0
    let sxx = 0
    for (let k = 0; k < L; k++) {
      sxy += (xs[k] - mx) * (ys[k] - my)
      sxx += (xs[k] - mx) ** 2
    }
    const beta = sxy / sxx
    const alpha = my - beta * mx
    let ssr = 0
    for (let k = 0; k < L; k++) ssr += (ys[k] - alpha - beta * xs[k]) ** 2
    const sigma = Math.sqrt(ssr / (L - 2))
    const ar = winDates.map((d) => ri.get(d)! - alpha - beta * rm.get(d)!)
    const car = ar.reduce((a, b) => a + b, 0)
    const T = winDates.length
    let dev = 0
    for (const d of winDates) dev += rm.get(d)! - mx
    const varCar = sigma * sigma * (T + (T * T) / L + (dev * dev) / sxx)
    bySymbol.set(s, {alpha, beta, sigma, L, ar, car, varCar})
  }
  return {dates: winDates, bySymbol}
}

const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length
const sd = (x: number[]): number => {
  const m = mean(x)
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1))
}

describe.runIf(haveSharedData())('study run covid-2020 (end to end, built CLI)', () => {
  const cache = tempDir('aftershock-covid-')
  let result: StudyResult
  let stderr = ''
  const exp = independent()

  beforeAll(() => {
    const imp = runCli(['import', COVID_DIR], {cacheDir: cache})
    expect(imp.code, imp.stderr).toBe(0)
    const r = runCli(['study', 'run', 'covid-2020', '--json', '--offline'], {cacheDir: cache})
    expect(r.code, r.stderr).toBe(0)
    stderr = r.stderr
    result = JSON.parse(r.stdout) as StudyResult
  }, 120_000)
  afterAll(() => rmSync(cache, {recursive: true, force: true}))

  it('prints one schema-valid JSON document, notes on stderr', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'schema', 'study-result.schema.json'), 'utf8')) as object
    const validate = new Ajv({allErrors: true, strict: false}).compile(schema)
    expect(validate(result), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(result.study.name).toBe('covid-2020')
    expect(result.dataAsOf).toBe('2020-03-31')
    expect(result.events).toEqual([
      {
        id: 'crash',
        label: 'COVID-19 crash week',
        symbol: null,
        date: WIN_FROM,
        tradingDate: WIN_FROM,
        shift: 0,
        note: null,
      },
    ])
    // the study asks for closes, the only prices of the data set: no fallback from adjusted closes
    expect(result.study.price).toBe('close')
    expect(result.notes.join('\n')).not.toMatch(/no adjusted closes/)
    expect(stderr).not.toMatch(/no adjusted closes/)
  })

  it('fits alpha, beta and sigma like the independent OLS', () => {
    for (const s of SYMBOLS) {
      const e = exp.bySymbol.get(s)!
      const got = result.securities.find((x) => x.symbol === s)!
      expect(got.excluded, s).toBeUndefined()
      expect(got.model!.n, s).toBe(e.L)
      expect(got.model!.alpha, s).toBeCloseTo(e.alpha, 12)
      expect(got.model!.beta, s).toBeCloseTo(e.beta, 10)
      expect(got.model!.sigma, s).toBeCloseTo(e.sigma, 12)
    }
    // ZM and UBER listed during the estimation window: fewer observations
    expect(exp.bySymbol.get('ZM')!.L).toBeLessThan(exp.bySymbol.get('AMZN')!.L)
    expect(exp.bySymbol.get('UBER')!.L).toBeLessThan(exp.bySymbol.get('ZM')!.L)
  })

  it('gives the same daily ARs and window CARs', () => {
    for (const s of SYMBOLS) {
      const e = exp.bySymbol.get(s)!
      const got = result.securities.find((x) => x.symbol === s)!
      // the window's days, then the days after it up to the end of the data (2020-03-31 = day +11), for path charts;
      // none before day 0: those days are in the estimation window
      expect(got.ar!.map((r) => r.t)).toEqual(Array.from({length: 12}, (_, k) => k))
      const inWindow = got.ar!.slice(0, 5)
      expect(inWindow.map((r) => r.date)).toEqual(exp.dates)
      inWindow.forEach((r, k) => expect(r.ar, `${s} ${r.date}`).toBeCloseTo(e.ar[k], 12))
      expect(got.ar![11].date).toBe('2020-03-31')
      const w = got.windows![0]
      expect(w.window).toEqual([0, 4])
      expect(w.car).toBeCloseTo(e.car, 12)
      expect(w.scar).toBeCloseTo(e.car / Math.sqrt(e.varCar), 9)
    }
  })

  it('gives the same CAAR and test statistics', () => {
    const g = result.groups[0]
    expect(g).toMatchObject({group: 'stay-at-home', event: 'crash', n: 7, excluded: 0})
    const w = g.windows[0]
    expect(w).toMatchObject({window: [0, 4], from: WIN_FROM, to: WIN_TO, n: 7})
    const cars = SYMBOLS.map((s) => exp.bySymbol.get(s)!.car)
    const scars = SYMBOLS.map((s) => {
      const e = exp.bySymbol.get(s)!
      return e.car / Math.sqrt(e.varCar)
    })
    const N = cars.length
    const caar = mean(cars)
    expect(w.caar).toBeCloseTo(caar, 12)
    // 1. cross-sectional t
    expect(w.tests.crossSectionalT.stat!).toBeCloseTo(caar / (sd(cars) / Math.sqrt(N)), 9)
    // 2. Brown-Warner 1980, window: CAAR / (sqrt(T) sqrt(sum sigma^2) / N)
    const sumVar = SYMBOLS.reduce((a, s) => a + exp.bySymbol.get(s)!.sigma ** 2, 0)
    expect(w.tests.brownWarner1980.stat!).toBeCloseTo(caar / ((Math.sqrt(5) * Math.sqrt(sumVar)) / N), 9)
    // 4. Patell Z, window: sum SCAR / sqrt(sum (L-2)/(L-4))
    const patellDen = Math.sqrt(
      SYMBOLS.reduce((a, s) => a + (exp.bySymbol.get(s)!.L - 2) / (exp.bySymbol.get(s)!.L - 4), 0),
    )
    expect(w.tests.patell.stat!).toBeCloseTo(scars.reduce((a, b) => a + b, 0) / patellDen, 9)
    // 5. BMP on SCAR
    expect(w.tests.bmp.stat!).toBeCloseTo(mean(scars) / (sd(scars) / Math.sqrt(N)), 9)
    // 8. sign test on CAR
    const pos = cars.filter((c) => c > 0).length
    expect(w.tests.sign.stat!).toBeCloseTo(((pos / N - 0.5) * Math.sqrt(N)) / 0.5, 12)
    // daily AAR on day 0
    const d0 = g.daily.find((d) => d.t === 0)!
    expect(d0.date).toBe(WIN_FROM)
    expect(d0.aar).toBeCloseTo(mean(SYMBOLS.map((s) => exp.bySymbol.get(s)!.ar[0])), 12)
    expect(g.daily.map((d) => d.date)).toEqual(exp.dates)
  })

  it('prints the human summary and long CSV from the same run', () => {
    const table = runCli(['study', 'run', 'covid-2020', '--offline'], {cacheDir: cache})
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toContain('Stay-at-home stocks (stay-at-home), event crash: N = 7')
    expect(table.stdout).toContain(`+${(result.groups[0].windows[0].caar * 100).toFixed(2)}%`)
    expect(table.stdout).not.toMatch(/\u001b\[/)
    const csv = runCli(['study', 'run', 'covid-2020', '--csv', '--offline'], {cacheDir: cache})
    expect(csv.code, csv.stderr).toBe(0)
    const lines = csv.stdout.trim().split('\n')
    expect(lines[0]).toBe('section,group,symbol,event,window,t,date,measure,value,text')
    const car = lines.find((l) => l.startsWith('security-window,stay-at-home,AMZN,crash,0..4,') && l.includes(',car,'))!
    expect(Number(car.split(',').at(-2))).toBeCloseTo(exp.bySymbol.get('AMZN')!.car, 12)
  })

  it('takes per-security events from stdin with --events - (estimation and windows as offsets)', () => {
    const csv = 'symbol,date,id\nAMZN,2020-03-16,amzn-crash\nNFLX,2020-03-16,nflx-crash\n'
    // covid-2020's dated estimation and window, as the offsets they resolve to on GSPC's calendar
    const cal = [...readCloses('GSPC').keys()].sort()
    const day0 = cal.indexOf(WIN_FROM)
    const estFrom = cal.findIndex((d) => d >= EST_FROM) - day0
    const estTo = cal.filter((d) => d <= EST_TO).length - 1 - day0
    const winTo = cal.filter((d) => d <= WIN_TO).length - 1 - day0
    const dir = tempDir('aftershock-covid-study-')
    const study = path.join(dir, 'covid-offsets.yaml')
    const text = readFileSync(path.join(REPO, 'studies', 'covid-2020.yaml'), 'utf8')
      .replace(`{ from: ${EST_FROM}, to: ${EST_TO},`, `{ from: ${estFrom}, to: ${estTo},`)
      .replace(`[[${WIN_FROM}, ${WIN_TO}]]`, `[[0, ${winTo}]]`)
    expect(text).toContain(`windows: [[0, ${winTo}]]`)
    writeFileSync(study, text)
    const r = runCli(['study', 'run', study, '--json', '--offline', '--live', '--events', '-'], {
      cacheDir: cache,
      input: csv,
    })
    rmSync(dir, {recursive: true, force: true})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as StudyResult
    expect(out.events.map((e) => [e.id, e.symbol])).toEqual([
      ['amzn-crash', 'AMZN'],
      ['nflx-crash', 'NFLX'],
    ])
    expect(out.groups).toHaveLength(1)
    expect(out.groups[0]).toMatchObject({group: 'stay-at-home', event: 'all', n: 2})
    expect(out.securities.find((s) => s.symbol === 'AMZN')!.windows![0].car).toBeCloseTo(
      exp.bySymbol.get('AMZN')!.car,
      12,
    )
  })

  it('exits 2 with the field named on bad input', () => {
    const bad = runCli(['study', 'run', 'covid-2020', '--json', '--offline', '--events', '-'], {
      cacheDir: cache,
      input: 'symbol,date\nAMZN,2020-03-16\nZM,2020-03-18\n',
    })
    expect(bad.code).toBe(2)
    // under --json the error is one document on stdout, nothing on stderr
    const message = (JSON.parse(bad.stdout) as {error: {code: string; message: string}}).error.message
    // covid-2020's dates are re-checked against the list events before anything runs
    expect(message).toMatch(
      /studies\/covid-2020\.yaml: estimation: events from a list \(--events - \(stdin\)\) have their own dates per security: write the estimation window as trading-day offsets/,
    )
    expect(message).toMatch(
      /studies\/covid-2020\.yaml: windows\[0\]: events from a list \(--events - \(stdin\)\) .*write windows as trading-day offsets/,
    )
    expect(bad.stderr).toBe('')
    const empty = tempDir('aftershock-empty-')
    try {
      // offline, the run only reads: a folder without a store is named as such, and no store is created
      const r = runCli(['study', 'run', 'covid-2020', '--offline', '--live'], {cacheDir: empty})
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/no price store at .*aftershock\.sqlite; import or fetch first/)
      expect(readdirSync(empty)).toEqual([])
    } finally {
      rmSync(empty, {recursive: true, force: true})
    }
  })
})
