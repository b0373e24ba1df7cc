import {describe, expect, it} from 'vitest'
import {
  boundToOffset,
  buildCalendar,
  dateAtOffset,
  firstOnOrAfter,
  lastOnOrBefore,
  resolveEventDay,
} from '../../src/engine/calendar.js'

// Week of MLK day 2025: Friday 17th, Monday 20th closed, Tue 21st .. Fri 24th, Mon 27th.
const cal = buildCalendar([
  '2025-01-21',
  '2025-01-17',
  '2025-01-22',
  '2025-01-23',
  '2025-01-24',
  '2025-01-27',
  '2025-01-22',
])

describe('trading calendar', () => {
  it('sorts and de-duplicates dates', () => {
    expect(cal.dates).toEqual(['2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27'])
    expect(cal.index.get('2025-01-22')).toBe(2)
  })

  it('finds neighbours of a closed day', () => {
    expect(firstOnOrAfter(cal, '2025-01-20')).toBe(1)
    expect(lastOnOrBefore(cal, '2025-01-20')).toBe(0)
    expect(firstOnOrAfter(cal, '2025-01-21')).toBe(1)
    expect(lastOnOrBefore(cal, '2025-01-21')).toBe(1)
    expect(firstOnOrAfter(cal, '2025-02-01')).toBe(-1)
    expect(lastOnOrBefore(cal, '2025-01-01')).toBe(-1)
  })
})

describe('resolveEventDay', () => {
  it('keeps an open day with shift 0', () => {
    expect(resolveEventDay(cal, '2025-01-27', 'next')).toEqual({
      kind: 'day',
      index: 5,
      tradingDate: '2025-01-27',
      shift: 0,
      note: null,
    })
  })

  it('moves a holiday to the next trading day (shift +1) with a note', () => {
    const r = resolveEventDay(cal, '2025-01-20', 'next')
    expect(r.kind).toBe('day')
    if (r.kind !== 'day') return
    expect(r.index).toBe(1)
    expect(r.tradingDate).toBe('2025-01-21')
    expect(r.shift).toBe(1)
    expect(r.note).toContain('market closed on 2025-01-20')
  })

  it('moves a weekend to the previous trading day (shift -1)', () => {
    const r = resolveEventDay(cal, '2025-01-25', 'previous')
    expect(r).toMatchObject({kind: 'day', index: 4, tradingDate: '2025-01-24', shift: -1})
  })

  it('skips or refuses a closed day per policy', () => {
    expect(resolveEventDay(cal, '2025-01-20', 'skip').kind).toBe('skip')
    const e = resolveEventDay(cal, '2025-01-20', 'error')
    expect(e.kind).toBe('error')
    if (e.kind === 'error') expect(e.reason).toContain('nonTradingDay')
  })

  it('refuses dates outside the data, whatever the policy', () => {
    expect(resolveEventDay(cal, '2025-01-10', 'next').kind).toBe('error')
    expect(resolveEventDay(cal, '2025-02-10', 'previous').kind).toBe('error')
    expect(resolveEventDay(buildCalendar([]), '2025-01-10', 'next').kind).toBe('error')
  })
})

describe('offsets and dates', () => {
  it('maps offsets to dates around day 0', () => {
    expect(dateAtOffset(cal, 1, 0)).toBe('2025-01-21')
    expect(dateAtOffset(cal, 1, -1)).toBe('2025-01-17')
    expect(dateAtOffset(cal, 1, 4)).toBe('2025-01-27')
    expect(dateAtOffset(cal, 1, 5)).toBeNull()
    expect(dateAtOffset(cal, 1, -2)).toBeNull()
  })

  it('resolves ISO bounds inward to trading days', () => {
    // day 0 = 2025-01-21 (index 1)
    expect(boundToOffset(cal, 1, '2025-01-20', 'from')).toBe(0) // first trading day >= 20th is the 21st
    expect(boundToOffset(cal, 1, '2025-01-20', 'to')).toBe(-1) // last trading day <= 20th is the 17th
    expect(boundToOffset(cal, 1, '2025-01-26', 'to')).toBe(3)
    expect(boundToOffset(cal, 1, '2025-01-27', 'to')).toBe(4)
    expect(boundToOffset(cal, 1, -3, 'from')).toBe(-3)
    expect(boundToOffset(cal, 1, '2025-03-01', 'from')).toBeNull()
    expect(boundToOffset(cal, 1, '2024-12-01', 'to')).toBeNull()
  })
})
