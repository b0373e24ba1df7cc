import {describe, expect, it} from 'vitest'
import {dayNumber, isoOfDay} from '../../src/store/days.js'

describe('day numbers', () => {
  it('count days since 1970-01-01 and give the ISO date back', () => {
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(dayNumber('1970-01-02')).toBe(1)
    expect(dayNumber('1969-12-31')).toBe(-1)
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2)
    for (const iso of ['1900-01-01', '2024-02-29', '2026-12-01', '0050-06-15', '9999-12-31'])
      expect(isoOfDay(dayNumber(iso))).toBe(iso)
  })
})
