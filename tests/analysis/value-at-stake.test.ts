import {buildCalendar} from '../../src/engine/calendar.js'
import {describe, expect, it} from 'vitest'
import {closesFromBars, computeValueAtStake, dollarChange} from '../../src/analysis/value-at-stake.js'
import type {Bar} from '../../src/types.js'

const CAL = ['2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28']
const bar = (date: string, close: number | null, adjClose: number | null): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  adjClose,
  volume: null,
})

const X = [100, 110, 99, 90, 95].map((p, i) => bar(CAL[i], p, p * 0.98)) // raw and adjusted closes
const Y = [50, 40, 30, 20, 10].map((p, i) => bar(CAL[i], null, p)) // adjusted only

function run(car?: (s: string, e: string, w: [number, number]) => number | null) {
  return computeValueAtStake({
    calendar: buildCalendar(CAL),
    closes: closesFromBars(
      buildCalendar(CAL),
      new Map([
        ['X', X],
        ['Y', Y],
        ['Z', Y],
      ]),
    ),
    subjects: [
      {symbol: 'X', group: 'g', event: 'e', tradingDate: '2025-01-24'},
      {symbol: 'Y', group: 'g', event: 'e', tradingDate: '2025-01-24'},
      {symbol: 'Z', group: 'g', event: 'e', tradingDate: '2025-01-24'},
    ],
    windows: [
      [-1, 1],
      [0, 0],
      [0, 4],
    ],
    shares: [
      {symbol: 'X', shares: 1e9, source: 'test', current: false},
      {symbol: 'Y', shares: 2e9, source: 'live', current: true},
    ],
    car,
  })
}

describe('value at stake', () => {
  it('dollarChange = shares × (P_end − P_start)', () => {
    expect(dollarChange(24.49e9, 142.5732879638672, 118.38121032714844) / 1e9).toBeCloseTo(-592.464, 3) // (118.3812 - 142.5733) × 24.49
  })

  it('day 0 and windows from the close before the window to its last close, raw closes first', () => {
    const r = run((s, _e, w) => (s === 'X' && w[0] === 0 && w[1] === 0 ? -0.1 : null))
    const x0 = r.rows.find((x) => x.id === 'X' && x.window[0] === 0 && x.window[1] === 0)!
    expect(x0).toMatchObject({
      from: '2025-01-24',
      to: '2025-01-24',
      startPrice: 110,
      endPrice: 99,
      approximate: false,
      event: 'e',
      group: 'g',
    })
    expect(x0.change).toBeCloseTo(-11e9, 0)
    expect(x0.abnormalChange).toBeCloseTo(1e9 * 110 * -0.1, 0)
    const xw = r.rows.find((x) => x.id === 'X' && x.window[0] === -1)!
    expect(xw.change).toBeCloseTo(1e9 * (90 - 100), 0)
    expect(xw.from).toBe('2025-01-23')
    expect(xw.to).toBe('2025-01-27')
    // [0, 0] appears once although the study lists it
    expect(r.rows.filter((x) => x.id === 'X')).toHaveLength(2)
  })

  it('adjusted closes stand in, flagged approximate; group totals are sums', () => {
    const r = run()
    const y0 = r.rows.find((x) => x.id === 'Y' && x.window[0] === 0)!
    expect(y0.approximate).toBe(true)
    expect(y0.change).toBeCloseTo(2e9 * (30 - 40), 0)
    expect(y0.abnormalChange).toBeNull()
    const g0 = r.groups.find((x) => x.id === 'g' && x.window[0] === 0 && x.window[1] === 0)!
    expect(g0.change).toBeCloseTo(-11e9 + -20e9, 0)
    expect(g0.approximate).toBe(true)
    expect(g0.abnormalChange).toBeNull()
    expect(r.notes.join('\n')).toMatch(/approximate: no unadjusted close in the store for Y/)
    expect(r.notes.join('\n')).toMatch(/no shares outstanding given for Z/)
    expect(r.notes.join('\n')).toMatch(/current shares, not as of the event: Y/)
  })

  it('a window beyond the data is left out with a note', () => {
    const r = run()
    expect(r.rows.some((x) => x.window[1] === 4)).toBe(false)
    expect(r.notes.join('\n')).toMatch(/X e window \[0, 4\]/)
  })
})
