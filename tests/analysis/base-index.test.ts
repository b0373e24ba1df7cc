import {buildCalendar} from '../../src/engine/calendar.js'
import {describe, expect, it} from 'vitest'
import {
  baseValue,
  computeIndex,
  groupIndex,
  indexPricesFromBars,
  peakAndDrawdown,
} from '../../src/analysis/base-index.js'
import {InputError} from '../../src/errors.js'
import type {Bar} from '../../src/types.js'

const CAL = [
  '2023-01-02',
  '2023-01-03',
  '2023-01-04',
  '2023-01-05',
  '2023-01-06',
  '2023-01-09',
  '2023-01-10',
  '2023-01-11',
  '2023-01-12',
  '2023-01-13',
]

function bars(prices: Array<number | null>, field: 'adjClose' | 'close' = 'adjClose'): Bar[] {
  const out: Bar[] = []
  prices.forEach((p, i) => {
    if (p === null) return
    out.push({
      date: CAL[i],
      open: null,
      high: null,
      low: null,
      close: field === 'close' ? p : null,
      adjClose: field === 'adjClose' ? p : null,
      volume: null,
    })
  })
  return out
}

const A = [10, 20, 30, 40, 50, 30, 36, 40, 44, 40] // B = 20: I = 50 100 150 200 250 150 180 200 220 200
const B = [5, 5, 5, 5, 5, 5, 5, 5, 5, 10] // B = 5: I = 100 ... 100 200
const C = [null, null, 7, 7, 7, 7, 7, 7, 7, 7] // listed after the base period starts

function input(weighting: 'equal' | 'value' = 'equal', asOf = '2023-01-13') {
  const calendar = buildCalendar(CAL)
  // The prices are read from `bars` when asked: a test may change a symbol's bars first.
  const stored = new Map([
    ['A', bars(A)],
    ['B', bars(B)],
    ['C', bars(C)],
  ])
  return {
    index: {base: {from: '2023-01-01', to: '2023-01-04'}, asOf, weighting},
    calendar,
    groups: [{id: 'g', label: 'G', symbols: ['A', 'B', 'C']}],
    bars: stored,
    prices: indexPricesFromBars(calendar, stored),
    events: [{id: 'e1', tradingDate: '2023-01-10'}],
    shares: new Map([
      ['A', 1],
      ['B', 8],
      ['C', 3],
    ]),
  }
}

describe('base-period index formulas', () => {
  it('B_i is the mean over the base days, NaN when a base day lacks a price', () => {
    expect(baseValue(Float64Array.from([10, 20, 30, 99]), 0, 2)).toBe(20)
    expect(baseValue(Float64Array.from([Number.NaN, 20, 30]), 0, 2)).toBeNaN()
  })

  it('group index: equal mean, weights, and carries a member forward over a gap', () => {
    const a = Float64Array.from([100, 110, Number.NaN, 130])
    const b = Float64Array.from([100, 90, 80, 70])
    const eq = groupIndex([a, b], [1, 1], 0)
    expect([...eq.series]).toEqual([100, 100, 95, 100]) // day 2: a carries 110
    expect(eq.carried).toBe(1)
    const w = groupIndex([a, b], [3, 1], 0)
    expect(w.series[1]).toBeCloseTo((3 * 110 + 90) / 4, 12)
  })

  it('peak and drawdown', () => {
    const p = peakAndDrawdown(Float64Array.from([100, 130, 120, 117]), 0, 3)
    expect(p.peak).toBe(130)
    expect(p.peakIndex).toBe(1)
    expect(p.drawdown).toBeCloseTo(117 / 130 - 1, 12)
  })
})

describe('computeIndex', () => {
  it('securities: level, since base, since event, peak, drawdown', () => {
    const r = computeIndex(input())
    const a = r.securities.find((s) => s.id === 'A')!
    expect(a.base).toBe(20)
    expect(a.level).toBeCloseTo(200, 12)
    expect(a.sinceBase).toBeCloseTo(1, 12)
    expect(a.peak).toBeCloseTo(250, 12)
    expect(a.peakDate).toBe('2023-01-06')
    expect(a.drawdown).toBeCloseTo(-0.2, 12)
    // last close before day 0 (2023-01-10) is 2023-01-09: 40 / 30 - 1
    expect(a.sinceEvent.e1).toBeCloseTo(40 / 30 - 1, 12)
    expect(a.excluded).toBeNull()
    expect(r.asOf).toBe('2023-01-13')
  })

  it('leaves a security without the whole base period out of the group, with the reason', () => {
    const r = computeIndex(input())
    const c = r.securities.find((s) => s.id === 'C')!
    expect(c.excluded).toMatch(/prices start 2023-01-04, after the base period 2023-01-02 .. 2023-01-04 began/)
    expect(c.level).toBeNull()
    expect(c.base).toBeNull()
    expect(c.sinceEvent.e1).toBeCloseTo(0, 12) // from its prices: 7 -> 7
    expect(r.notes.join('\n')).toMatch(/group g: C .* left out of the group index \(2 of 3 members/)
  })

  it('group index = equal mean of members in it, with peak and since-event', () => {
    const r = computeIndex(input())
    const g = r.groups.find((x) => x.id === 'g')!
    expect(g.level).toBeCloseTo(200, 12) // (200 + 200) / 2
    expect(g.peak).toBeCloseTo(200, 12)
    expect(g.peakDate).toBe('2023-01-13')
    expect(g.drawdown).toBeCloseTo(0, 12)
    expect(g.sinceEvent.e1).toBeCloseTo(200 / 125 - 1, 12) // day 5: (150 + 100) / 2
    // the series runs from the base period's first trading day to asOf
    expect(r.series).toHaveLength(10)
    expect(r.series[4]).toEqual({date: '2023-01-06', values: {A: 250, B: 100, C: null, g: 175}})
  })

  it('value weighting: w_i = shares_i × B_i', () => {
    const r = computeIndex(input('value'))
    const day4 = r.series[4].values.g!
    expect(day4).toBeCloseTo((100 * (1 * 50 + 8 * 5)) / (1 * 20 + 8 * 5), 12) // 150
    expect(r.weighting).toBe('value')
  })

  it('asOf on a closed day uses the last trading day before it and says so', () => {
    const r = computeIndex(input('equal', '2023-01-08'))
    expect(r.asOf).toBe('2023-01-06')
    expect(r.series.at(-1)!.date).toBe('2023-01-06')
    expect(r.notes[0]).toMatch(/not a trading day/)
    expect(r.securities.find((s) => s.id === 'A')!.level).toBeCloseTo(250, 12)
  })

  it('a base period without trading days is an input error naming index.base', () => {
    const i = input()
    i.index.base = {from: '2022-01-01', to: '2022-01-31'}
    expect(() => computeIndex(i)).toThrow(InputError)
    expect(() => computeIndex(i)).toThrow(/index\.base/)
  })

  it('the benchmark is a reference row with group null', () => {
    const i = {...input(), benchmark: 'B'}
    const r = computeIndex(i)
    expect(r.securities[0]).toMatchObject({id: 'B', group: null})
    expect(r.securities.filter((s) => s.id === 'B')).toHaveLength(2)
  })

  it('a security whose prices end before asOf has no level, and a note says why', () => {
    const inp = input()
    inp.bars.set('B', bars([5, 5, 5, 5, 5, 5, 5, 5, null, null]))
    const r = computeIndex(inp)
    const b = r.securities.find((x) => x.id === 'B')!
    expect(b.level).toBeNull()
    expect(b.excluded).toBeNull()
    expect(r.notes).toContain(
      'B: no price on 2023-01-13 (its prices end 2023-01-11); no level, returns or drawdown as of that day (`aftershock fetch` brings it up to date)',
    )
    expect(r.notes.filter((n) => n.startsWith('A:'))).toEqual([])
  })

  it('never emits NaN', () => {
    const json = JSON.stringify(computeIndex(input()))
    expect(json).not.toMatch(/NaN/)
    expect(JSON.parse(json).securities.find((s: {id: string}) => s.id === 'C').peak).toBeNull()
  })
})
