import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {runEventStudy} from '../../src/engine/event-study.js'
import {abnormalVolatility} from '../../src/engine/volatility.js'
import {TEST_NAMES} from '../../src/engine/types.js'
import type {RowFit} from '../../src/engine/types.js'
import {COVID_DIR, haveSharedData} from '../helpers/shared.js'
import {numbers} from './panel.js'

const SYMBOLS = ['AMZN', 'ZM', 'UBER', 'NFLX', 'SHOP', 'FB', 'UPWK']

function closes(symbol: string): Map<string, number> {
  const lines = readFileSync(path.join(COVID_DIR, `${symbol}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  return new Map(
    lines
      .map((l) => l.split(','))
      .filter((c) => c[4] !== '')
      .map((c) => [c[0], Number(c[4])]),
  )
}

describe.runIf(haveSharedData())('engine on the real covid-2020 closes (../shared)', () => {
  it('estimates every stay-at-home stock (varying L_i after IPOs) and yields finite results', () => {
    const gspc = closes('GSPC')
    const dates = [...gspc.keys()].sort()
    const day0 = dates.indexOf('2020-03-16')
    // column j = return on dates[j + 1]; relative day = j + 1 - day0
    const days = dates.length - 1
    const firstRel = 1 - day0
    const logRet = (m: Map<string, number>) =>
      Float64Array.from({length: days}, (_, j) => {
        const a = m.get(dates[j])
        const b = m.get(dates[j + 1])
        return a !== undefined && b !== undefined ? Math.log(b / a) : NaN
      })
    const market = logRet(gspc)
    const returns = new Float64Array(SYMBOLS.length * days)
    SYMBOLS.forEach((s, i) => returns.set(logRet(closes(s)), i * days))
    const estTo = dates.indexOf('2020-03-13') - day0
    const panel = {n: SYMBOLS.length, days, firstRel, returns, market, calendarStart: new Int32Array(SYMBOLS.length)}
    const r = runEventStudy(panel, {
      model: 'market',
      returns: 'log',
      estimation: [firstRel, estTo],
      windows: [[0, 4]],
      minObservations: 100,
    })
    expect(r.nIncluded).toBe(7)
    for (const [p, v] of numbers(r)) if (!Number.isFinite(v)) throw new Error(`non-finite at ${p}`)
    // UBER listed on 2019-05-10: fewer estimation days than AMZN
    expect((r.fits[2] as RowFit).L).toBeLessThan((r.fits[0] as RowFit).L)
    // AMZN's beta by a direct OLS over the same days
    const xs: number[] = []
    const ys: number[] = []
    for (let t = firstRel; t <= estTo; t++) {
      const x = market[t - firstRel]
      const y = returns[t - firstRel]
      if (!Number.isNaN(x) && !Number.isNaN(y)) {
        xs.push(x)
        ys.push(y)
      }
    }
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length
    const my = ys.reduce((s, v) => s + v, 0) / ys.length
    const beta = xs.reduce((s, x, k) => s + (x - mx) * (ys[k] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0)
    expect(Math.abs((r.fits[0] as RowFit).beta - beta)).toBeLessThan(1e-12)
    for (const f of r.fits) expect((f as RowFit).beta).toBeGreaterThan(0.2)
    for (const name of TEST_NAMES) expect(r.windows[0].tests[name].n).toBe(7)
    expect(r.meanCorrelation as number).toBeGreaterThan(-0.2)
    expect(r.meanCorrelation as number).toBeLessThan(1)
    // March 2020: volatility rose for the group
    const v = abnormalVolatility(panel, r, {window: [0, 4]})
    expect(v.group.meanRatio as number).toBeGreaterThan(1)
  })
})
