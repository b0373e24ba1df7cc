import {describe, expect, it} from 'vitest'
import {runEventStudy} from '../../src/engine/event-study.js'
import {benchmarkRow} from '../../src/engine/factor-model.js'
import {pathAbnormalReturns} from '../../src/engine/ar-path.js'
import {marketOffset, returnsOffset} from '../../src/engine/row-offsets.js'
import {abnormalVolatility} from '../../src/engine/volatility.js'
import type {EngineOptions, EventPanel, ModelKind, RowFit} from '../../src/engine/types.js'
import {normal} from './random.js'

/**
 * Rows with their own day 0 on one calendar: the benchmark as n × days copies and as one calendar-long series
 * (NaN-padded beyond the calendar) read at each row's offset. Some rows run past the calendar's start or end.
 */
function layouts(seed: number) {
  const z = normal(seed)
  const calendar = 400
  const firstRel = -120
  const days = 131
  const cal = Float64Array.from({length: calendar}, () => 0.0003 + 0.012 * z())
  cal[200] = Number.NaN
  const starts = [-3, 0, 10, 57, 120, 199, 200, 250, 268, 272, 150, 33]
  const n = starts.length
  const returns = new Float64Array(n * days)
  const perRow = new Float64Array(n * days)
  for (let i = 0; i < n; i++) {
    const b = 1 + 0.4 * z()
    for (let j = 0; j < days; j++) {
      const c = starts[i] + j
      const m = c >= 0 && c < calendar ? cal[c] : Number.NaN
      perRow[i * days + j] = m
      // the benchmark lagged a day, so the thin-trading betas differ from the market model's
      const lag = c >= 1 && c <= calendar ? cal[c - 1] : 0
      returns[i * days + j] = 0.0002 + b * (0.6 * m + 0.4 * lag) + 0.01 * z() + (firstRel + j === 0 ? 0.02 : 0)
    }
  }
  const lo = Math.min(...starts)
  const hi = Math.max(...starts) + days
  const series = new Float64Array(hi - lo).fill(Number.NaN)
  series.set(cal.subarray(Math.max(0, lo), Math.min(calendar, hi)), Math.max(0, -lo))
  const calendarStart = Int32Array.from(starts)
  const base = {n, days, firstRel, returns, calendarStart}
  const a: EventPanel = {...base, market: perRow}
  const b: EventPanel = {...base, market: series, marketOffsets: Int32Array.from(starts, (s) => s - lo)}
  return {a, b}
}

/** The engine's options of these tests: two windows, the given estimation window, Dimson with two lags. */
function engineOptions(model: ModelKind, estimation: readonly [number, number] = [-120, -11]): EngineOptions {
  return {
    model,
    returns: 'simple',
    estimation,
    windows: [
      [0, 0],
      [-1, 5],
    ],
    minObservations: 30,
    lags: model === 'dimson' ? 2 : undefined,
  }
}

/** Every row of `column` read at its offset in panel `y` is the same days as in panel `x`. */
function expectSameRows(
  x: EventPanel,
  y: EventPanel,
  column: 'market' | 'returns',
  offset: (p: EventPanel, i: number) => number,
): void {
  for (let i = 0; i < x.n; i++) {
    const want = x[column].subarray(offset(x, i), offset(x, i) + x.days)
    const got = y[column].subarray(offset(y, i), offset(y, i) + y.days)
    expect([...got]).toEqual([...want])
  }
}

describe('market offsets: one calendar-long benchmark series read at each row offset', () => {
  const {a, b} = layouts(31)

  it('reads the same benchmark row as the per-row copy, NaN beyond the calendar', () => {
    expectSameRows(a, b, 'market', marketOffset)
  })

  it('gives identical results to the per-row layout under every return model', () => {
    const models: ModelKind[] = ['market', 'market-adjusted', 'mean-adjusted', 'scholes-williams', 'dimson']
    for (const model of models) {
      for (const estimation of [
        [-120, -11],
        [-100, -11],
      ] as const) {
        const x = runEventStudy(a, engineOptions(model, estimation))
        const y = runEventStudy(b, engineOptions(model, estimation))
        expect(y, `${model} ${estimation}`).toEqual(x)
        for (let i = 0; i < a.n; i++) {
          const f = x.fits[i] as RowFit | null
          if (!f) continue
          const p = benchmarkRow(a, f, i)
          const q = benchmarkRow(b, f, i)
          expect(q.m[q.off + 7]).toEqual(p.m[p.off + 7])
        }
      }
    }
  })

  it('rejects an offset whose row runs past the series', () => {
    const bad: EventPanel = {
      ...b,
      marketOffsets: Int32Array.from(b.marketOffsets as Int32Array, (o, i) => (i ? o : -1)),
    }
    expect(() => runEventStudy(bad, engineOptions('market'))).toThrow(/marketOffsets\[0\] = -1/)
  })
})

/**
 * The rows of panel `a` read in place from one shared buffer: each row's returns at a scattered offset, NaN between
 * rows (as the study leaves NaN around each security's days), in reverse order so offsets do not follow row order.
 */
function inPlace(a: EventPanel): EventPanel {
  const gap = 17
  const buffer = new Float64Array(a.n * (a.days + gap) + gap).fill(Number.NaN)
  const returnsOffsets = new Int32Array(a.n)
  for (let i = 0; i < a.n; i++) {
    const off = gap + (a.n - 1 - i) * (a.days + gap)
    buffer.set(a.returns.subarray(i * a.days, (i + 1) * a.days), off)
    returnsOffsets[i] = off
  }
  return {...a, returns: buffer, returnsOffsets}
}

describe('returns offsets: rows read in place from one shared buffer', () => {
  const {a, b} = layouts(47)

  it('reads the same returns as the n × days copy', () => {
    const c = inPlace(a)
    expectSameRows(a, c, 'returns', returnsOffset)
  })

  it('gives identical results, AR paths and volatility under every model, with either benchmark layout', () => {
    const models: ModelKind[] = ['market', 'market-adjusted', 'mean-adjusted', 'scholes-williams', 'dimson']
    for (const base of [a, b]) {
      const c = inPlace(base)
      for (const model of models) {
        const x = runEventStudy(base, engineOptions(model))
        const y = runEventStudy(c, engineOptions(model))
        expect(y, model).toEqual(x)
        for (let i = 0; i < base.n; i++) {
          const f = x.fits[i] as RowFit | null
          if (f)
            expect(pathAbnormalReturns(c, i, f, model, -12, 14)).toEqual(
              pathAbnormalReturns(base, i, f, model, -12, 14),
            )
        }
        const w = {window: [1, 10] as [number, number]}
        expect(abnormalVolatility(c, y, {model}, w)).toEqual(abnormalVolatility(base, x, {model}, w))
      }
    }
  })

  it('gives identical results under a factor model', () => {
    const z = normal(5)
    const smb = Float64Array.from(a.market, (m) => (Number.isNaN(m) ? m : 0.3 * m + 0.004 * z()))
    const withFactors: EventPanel = {...a, factors: [a.market, smb], factorNames: ['Mkt-RF', 'SMB']}
    const x = runEventStudy(withFactors, engineOptions('factors'))
    const y = runEventStudy(inPlace(withFactors), engineOptions('factors'))
    expect(y).toEqual(x)
    expect(x.nIncluded).toBeGreaterThan(0)
  })

  it('rejects an offset whose row runs past the buffer', () => {
    const c = inPlace(a)
    const bad: EventPanel = {
      ...c,
      returnsOffsets: Int32Array.from(c.returnsOffsets as Int32Array, (o, i) => (i ? o : c.returns.length - 3)),
    }
    expect(() => runEventStudy(bad, engineOptions('market'))).toThrow(/returnsOffsets\[0\] = \d+ reads returns/)
  })
})
