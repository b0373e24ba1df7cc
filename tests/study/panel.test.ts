import {describe, expect, it} from 'vitest'
import {runEventStudy} from '../../src/engine/event-study.js'
import {marketOffset, returnsOffset} from '../../src/engine/row-offsets.js'
import {buildEventPanel, calendarReturns, sliceRows} from '../../src/study/panel.js'
import {normal} from '../engine/random.js'

describe('calendarReturns', () => {
  it('computes simple returns across the holiday, and NaN for a missing day and the next', () => {
    const p = Float64Array.from([100, 110, 99, Number.NaN, 121])
    const r = calendarReturns(p, 'simple')
    expect(Number.isNaN(r[0])).toBe(true)
    expect(r[1]).toBeCloseTo(0.1, 14)
    expect(r[2]).toBeCloseTo(-0.1, 14) // 2025-01-17 -> 2025-01-21: the return over the holiday weekend
    expect(Number.isNaN(r[3])).toBe(true)
    expect(Number.isNaN(r[4])).toBe(true)
  })

  it('computes log returns', () => {
    const r = calendarReturns(Float64Array.from([100, 110, 121]), 'log')
    expect(r[1]).toBeCloseTo(Math.log(1.1), 14)
    expect(r[2]).toBeCloseTo(Math.log(1.1), 14)
  })

  it('writes the same returns over the prices themselves', () => {
    const prices = Float64Array.from([100, 110, 99, Number.NaN, 121, 133.1])
    for (const kind of ['simple', 'log'] as const) {
      const p = prices.slice()
      const r = calendarReturns(p, kind, p)
      expect(r).toBe(p)
      expect(Array.from(r)).toEqual(Array.from(calendarReturns(prices, kind)))
    }
  })
})

describe('buildEventPanel', () => {
  const market = Float64Array.from([Number.NaN, 0.01, 0.02, 0.03, 0.04])
  const a = Float64Array.from([Number.NaN, 0.1, 0.2, 0.3, 0.4])
  const b = Float64Array.from([Number.NaN, 1, 2, 3, 4])

  it('shares one benchmark row when all rows have the same day 0', () => {
    const p = buildEventPanel(
      [
        {returns: a, day0: 3},
        {returns: b, day0: 3},
      ],
      market,
      -2,
      1,
    )
    expect(p.n).toBe(2)
    expect(p.days).toBe(4)
    expect(p.firstRel).toBe(-2)
    expect(Array.from(p.returns)).toEqual([0.1, 0.2, 0.3, 0.4, 1, 2, 3, 4])
    expect(Array.from(p.market)).toEqual([0.01, 0.02, 0.03, 0.04])
    expect(Array.from(p.calendarStart)).toEqual([1, 1])
  })

  it('reads each row its own benchmark row at an offset in one calendar series when event dates differ, NaN outside the calendar', () => {
    const p = buildEventPanel(
      [
        {returns: a, day0: 2},
        {returns: b, day0: 4},
      ],
      market,
      -1,
      1,
    )
    expect(p.days).toBe(3)
    expect(Array.from(p.returns.subarray(0, 3))).toEqual([0.1, 0.2, 0.3])
    expect(Array.from(p.returns.subarray(3, 5))).toEqual([3, 4])
    expect(Number.isNaN(p.returns[5])).toBe(true)
    // calendar days 1..5, day 5 past the calendar's end
    expect(p.market.length).toBe(5)
    expect(Array.from(p.marketOffsets as Int32Array)).toEqual([0, 2])
    const row = (i: number) => Array.from(p.market.subarray(marketOffset(p, i), marketOffset(p, i) + 3))
    expect(row(0)).toEqual([0.01, 0.02, 0.03])
    expect(row(1)).toEqual([0.03, 0.04, Number.NaN])
    expect(Array.from(p.calendarStart)).toEqual([1, 3])
  })
  it('pads the calendar series with NaN for a row that starts before the calendar', () => {
    const p = buildEventPanel(
      [
        {returns: a, day0: 0},
        {returns: b, day0: 3},
      ],
      market,
      -2,
      0,
    )
    expect(Array.from(p.marketOffsets as Int32Array)).toEqual([0, 3])
    const row = (i: number) => Array.from(p.market.subarray(marketOffset(p, i), marketOffset(p, i) + 3))
    expect(row(0)).toEqual([Number.NaN, Number.NaN, Number.NaN])
    expect(row(1)).toEqual([0.01, 0.02, 0.03])
  })
})

describe('buildEventPanel reading rows in place', () => {
  // Two securities of 5 days in one buffer, 3 NaN days before, between and after them (as ./securities.ts lays out).
  const margin = 3
  const buffer = new Float64Array(margin + 2 * (5 + margin)).fill(Number.NaN)
  const a = buffer.subarray(3, 8)
  const b = buffer.subarray(11, 16)
  a.set([Number.NaN, 0.1, 0.2, 0.3, 0.4])
  b.set([Number.NaN, 1, 2, 3, 4])
  const market = Float64Array.from([Number.NaN, 0.01, 0.02, 0.03, 0.04])
  const rowsOf = (p: ReturnType<typeof buildEventPanel>) =>
    Array.from({length: p.n}, (_, i) =>
      Array.from(p.returns.subarray(returnsOffset(p, i), returnsOffset(p, i) + p.days)),
    )

  it('reads each row where it is, NaN in the margins, the same rows as the copy', () => {
    const rows = [
      {returns: a, day0: 1, margin},
      {returns: b, day0: 4, margin},
      {returns: a, day0: 4, margin},
    ]
    const p = buildEventPanel(rows, market, -2, 1)
    expect(p.returns.buffer).toBe(buffer.buffer)
    expect(Array.from(p.returnsOffsets as Int32Array)).toEqual([3 - 1, 11 + 2, 3 + 2])
    const copy = buildEventPanel(
      rows.map(({returns, day0}) => ({returns, day0})),
      market,
      -2,
      1,
    )
    expect(copy.returnsOffsets).toBeUndefined()
    expect(rowsOf(p)).toEqual(rowsOf(copy))
    expect(rowsOf(p)[0]).toEqual([Number.NaN, Number.NaN, 0.1, 0.2])
    expect(rowsOf(p)[1]).toEqual([2, 3, 4, Number.NaN])
  })

  it('copies the rows when one would read past its margin, or the rows are in different buffers', () => {
    expect(buildEventPanel([{returns: b, day0: 4, margin}], market, -1, 3).returnsOffsets).toBeDefined()
    expect(buildEventPanel([{returns: b, day0: 4, margin}], market, -1, 4).returnsOffsets).toBeUndefined()
    expect(buildEventPanel([{returns: a, day0: 0, margin}], market, -3, 0).returnsOffsets).toBeDefined()
    expect(buildEventPanel([{returns: a, day0: 0, margin}], market, -4, 0).returnsOffsets).toBeUndefined()
    const own = Float64Array.from(a)
    const p = buildEventPanel(
      [
        {returns: a, day0: 2, margin},
        {returns: own, day0: 2, margin},
      ],
      market,
      -1,
      1,
    )
    expect(p.returnsOffsets).toBeUndefined()
    expect(rowsOf(p)).toEqual([
      [0.1, 0.2, 0.3],
      [0.1, 0.2, 0.3],
    ])
  })
})

describe('buildEventPanel with factors', () => {
  it("slices the factors and RF like the market: one shared row, or one per row's own day 0", () => {
    const cal = Float64Array.from({length: 10}, (_, i) => i / 100)
    const f = {names: ['mkt_rf'], values: [cal.map((x) => x + 1)], riskFree: cal.map((x) => x + 2)}
    const rows = [{returns: cal, day0: 5}]
    const shared = buildEventPanel([...rows, {returns: cal, day0: 5}], cal, -2, 1, f)
    expect(shared.factorNames).toEqual(['mkt_rf'])
    expect([...(shared.factors?.[0] ?? [])]).toEqual([1.03, 1.04, 1.05, 1.06])
    expect([...(shared.riskFree ?? [])]).toEqual([2.03, 2.04, 2.05, 2.06])
    const own = buildEventPanel([...rows, {returns: cal, day0: 8}], cal, -2, 2, {...f, riskFree: null})
    expect(own.factors?.[0]).toHaveLength(10)
    expect(own.factors?.[0][4]).toBeCloseTo(1.07, 12)
    expect(own.factors?.[0][5]).toBeCloseTo(1.06, 12)
    expect(Number.isNaN(own.factors?.[0][9] as number)).toBe(true) // day 10 is past the calendar
    expect(own.riskFree).toBeUndefined()
  })

  it('under the null (no abnormal return) a three-factor study rejects at 5% about 5% of the time', () => {
    const z = normal(2015)
    const days = 261 // estimation -250..-11, window [0, 0]
    const reps = 400
    let rejected = 0
    for (let r = 0; r < reps; r++) {
      const sd = [0.01, 0.005, 0.005]
      const values = sd.map((s) => Float64Array.from({length: days}, () => s * z()))
      const rf = new Float64Array(days).fill(0.0002)
      const rows = Array.from({length: 20}, () => {
        const b = [1 + 0.3 * z(), 0.5 * z(), 0.5 * z()]
        const returns = Float64Array.from({length: days}, (_, t) => {
          let x = rf[t] + 0.01 * z()
          for (let k = 0; k < 3; k++) x += b[k] * values[k][t]
          return x
        })
        return {returns, day0: 250}
      })
      const panel = buildEventPanel(rows, values[0], -250, 10, {names: ['mkt_rf', 'smb', 'hml'], values, riskFree: rf})
      const e = runEventStudy(panel, {
        model: 'factors',
        returns: 'simple',
        estimation: [-250, -11],
        windows: [[0, 0]],
        minObservations: 100,
      })
      if ((e.windows[0].tests.patell.p as number) < 0.05) rejected++
    }
    expect(rejected / reps).toBeGreaterThan(0.025)
    expect(rejected / reps).toBeLessThan(0.08)
  })
})

describe('sliceRows', () => {
  it('copies each row relative to its day 0, NaN where the range leaves the series on either side', () => {
    const s = new Float64Array([10, 11, 12, 13, 14])
    const out = sliceRows([s, s, s], [0, 2, 4], -1, 1)
    expect([...out]).toEqual([Number.NaN, 10, 11, 11, 12, 13, 13, 14, Number.NaN])
    // a row wholly outside the series
    expect([...sliceRows([s], [9], -1, 1)]).toEqual([Number.NaN, Number.NaN, Number.NaN])
  })
})
