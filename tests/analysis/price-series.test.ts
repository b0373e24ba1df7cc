import {describe, expect, it} from 'vitest'
import {buildCalendar} from '../../src/engine/calendar.js'
import {alignColumnPrices, alignColumns, alignPrices, alignSeries} from '../../src/analysis/price-series.js'
import type {BarColumns} from '../../src/store/bar-source.js'
import {dayNumber} from '../../src/store/days.js'
import type {Bar} from '../../src/types.js'

function bar(date: string, close: number | null, adjClose: number | null = close, volume: number | null = null): Bar {
  return {date, open: null, high: null, low: null, close, adjClose, volume}
}

// Benchmark trading days: a Monday holiday (2025-01-20) is not in it.
const cal = buildCalendar(['2025-01-16', '2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23'])

describe('alignSeries', () => {
  it('puts prices on calendar days, NaN where missing, ignoring off-calendar bars', () => {
    const s = alignSeries(
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
    const s = alignSeries('Y', [bar('2025-01-16', 10, null), bar('2025-01-17', 11, null)], cal, 'adjClose')
    expect(s.field).toBe('close')
    expect(s.note).toContain('Y')
    expect(s.prices[0]).toBe(10)
    expect(s.prices[1]).toBe(11)
  })

  it('does not mix fields: a day without an adjusted close is missing when others have one', () => {
    const s = alignSeries('Z', [bar('2025-01-16', 10, 9), bar('2025-01-17', 11, null)], cal, 'adjClose')
    expect(s.field).toBe('adjClose')
    expect(Number.isNaN(s.prices[1])).toBe(true)
  })

  it('uses close when asked, and keeps volume', () => {
    const s = alignSeries('V', [bar('2025-01-16', 10, 9, 100), bar('2025-01-17', 11, 10, null)], cal, 'close')
    expect(s.prices[0]).toBe(10)
    expect(s.volume).not.toBeNull()
    expect(s.volume![0]).toBe(100)
    expect(Number.isNaN(s.volume![1])).toBe(true)
  })

  it('has no dates when nothing is on the calendar', () => {
    const s = alignSeries('W', [bar('2024-01-02', 10)], cal, 'adjClose')
    expect(s.firstDate).toBeNull()
    expect(s.lastDate).toBeNull()
  })
})

describe('alignSeries: bars outside the calendar', () => {
  it('counts bars after the benchmark ends apart from holiday bars', () => {
    const s = alignSeries(
      'X',
      [bar('2025-01-20', 9), bar('2025-01-24', 10), bar('2025-01-27', 11), bar('2025-01-10', 8)],
      cal,
      'adjClose',
    )
    expect(s.offCalendar).toBe(1)
    expect(s.outside).toBe(3)
  })
})

/** The bars as a store's columns (NaN for a missing value). */
function columnsOf(bars: Bar[]): BarColumns {
  const col = (f: (b: Bar) => number | null) => Float64Array.from(bars, (b) => f(b) ?? Number.NaN)
  return {
    days: Int32Array.from(bars, (b) => dayNumber(b.date)),
    close: col((b) => b.close),
    adjClose: col((b) => b.adjClose),
    volume: col((b) => b.volume),
  }
}

describe('alignColumns', () => {
  const cases: [string, Bar[]][] = [
    [
      'adjusted closes, a day off the calendar',
      [bar('2025-01-16', 10, 9), bar('2025-01-20', 99), bar('2025-01-21', 11)],
    ],
    ['no adjusted closes: the close stands in', [bar('2025-01-16', 10, null), bar('2025-01-17', 11, null)]],
    ['a missing adjusted close among others', [bar('2025-01-16', 10, 9), bar('2025-01-17', 11, null)]],
    ['no price at all', [bar('2025-01-16', null, null)]],
    ['no bars', []],
    [
      'volume, negative and missing, and bars outside the calendar',
      [
        bar('2025-01-10', 8, 8, 5),
        bar('2025-01-16', 10, 10, 100),
        bar('2025-01-17', 0, -1, -3),
        bar('2025-01-21', 11, 11, null),
        bar('2025-01-30', 12, 12, 7),
      ],
    ],
  ]
  it.each(cases)('gives what alignSeries gives: %s', (_, bars) => {
    for (const field of ['adjClose', 'close'] as const)
      expect(alignColumns('X', columnsOf(bars), cal, field)).toEqual(alignSeries('X', bars, cal, field))
  })
  it.each(cases)('alignColumnPrices gives what alignPrices gives, field by field: %s', (_, bars) => {
    for (const field of ['adjClose', 'close'] as const)
      expect(alignColumnPrices(cal, columnsOf(bars), field)).toEqual(alignPrices(cal, bars, field))
  })
  it.each(cases)(
    'over a span [k0, k1] of the calendar, gives that part of the whole alignment, from k0: %s',
    (_, bars) => {
      const whole = alignSeries('X', bars, cal, 'adjClose')
      for (let k0 = 0; k0 < cal.dates.length; k0++)
        for (let k1 = k0 - 1; k1 < cal.dates.length; k1++) {
          const part = alignColumns('X', columnsOf(bars), cal, 'adjClose', [k0, k1])
          expect(part.start).toBe(k0)
          expect(Array.from(part.prices)).toEqual(Array.from(whole.prices.subarray(k0, k1 + 1)))
          if (whole.volume) expect(Array.from(part.volume ?? [])).toEqual(Array.from(whole.volume.subarray(k0, k1 + 1)))
        }
    },
  )
})
