import {describe, expect, it} from 'vitest'
import {buildEventPanel, calendarReturns, sliceRows} from '../../src/study/panel.js'

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

  it('gives each row its own benchmark row when event dates differ, NaN outside the calendar', () => {
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
    expect(p.market.length).toBe(6)
    expect(Array.from(p.market.subarray(0, 3))).toEqual([0.01, 0.02, 0.03])
    expect(Array.from(p.market.subarray(3, 5))).toEqual([0.03, 0.04])
    expect(Array.from(p.calendarStart)).toEqual([1, 3])
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
