import {describe, expect, it} from 'vitest'
import {buildCalendar} from '../../src/engine/calendar.js'
import {alignBars, buildEventPanel, calendarReturns} from '../../src/study/panel.js'
import type {Bar} from '../../src/types.js'

function bar(date: string, close: number | null, adjClose: number | null = close, volume: number | null = null): Bar {
  return {date, open: null, high: null, low: null, close, adjClose, volume}
}

// Benchmark trading days: a Monday holiday (2025-01-20) is not in it.
const cal = buildCalendar(['2025-01-16', '2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23'])

describe('alignBars', () => {
  it('puts prices on calendar days, NaN where missing, ignoring off-calendar bars', () => {
    const s = alignBars(
      'X',
      [bar('2025-01-16', 10, 9), bar('2025-01-20', 99, 99), bar('2025-01-21', 11, 10), bar('2025-01-23', 12, 11)],
      cal,
      'adjClose',
    )
    expect(s.field).toBe('adjClose')
    expect(Array.from(s.prices)).toEqual([9, Number.NaN, 10, Number.NaN, 11])
    expect(s.offCalendar).toBe(1)
    expect(s.firstDate).toBe('2025-01-16')
    expect(s.lastDate).toBe('2025-01-23')
    expect(s.note).toBeNull()
    expect(s.volume).toBeNull()
  })

  it('falls back to close when a security has no adjusted close at all, with a note', () => {
    const s = alignBars('Y', [bar('2025-01-16', 10, null), bar('2025-01-17', 11, null)], cal, 'adjClose')
    expect(s.field).toBe('close')
    expect(s.note).toContain('Y')
    expect(s.prices[0]).toBe(10)
    expect(s.prices[1]).toBe(11)
  })

  it('does not mix fields: a day without an adjusted close is missing when others have one', () => {
    const s = alignBars('Z', [bar('2025-01-16', 10, 9), bar('2025-01-17', 11, null)], cal, 'adjClose')
    expect(s.field).toBe('adjClose')
    expect(Number.isNaN(s.prices[1])).toBe(true)
  })

  it('uses close when asked, and keeps volume', () => {
    const s = alignBars('V', [bar('2025-01-16', 10, 9, 100), bar('2025-01-17', 11, 10, null)], cal, 'close')
    expect(s.prices[0]).toBe(10)
    expect(s.volume).not.toBeNull()
    expect(s.volume![0]).toBe(100)
    expect(Number.isNaN(s.volume![1])).toBe(true)
  })

  it('has no dates when nothing is on the calendar', () => {
    const s = alignBars('W', [bar('2024-01-02', 10)], cal, 'adjClose')
    expect(s.firstDate).toBeNull()
    expect(s.lastDate).toBeNull()
  })
})

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

describe('alignBars: bars outside the calendar', () => {
  it('counts bars after the benchmark ends apart from holiday bars', () => {
    const s = alignBars(
      'X',
      [bar('2025-01-20', 9), bar('2025-01-24', 10), bar('2025-01-27', 11), bar('2025-01-10', 8)],
      cal,
      'adjClose',
    )
    expect(s.offCalendar).toBe(1)
    expect(s.outside).toBe(3)
  })
})
