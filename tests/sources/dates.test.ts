import {describe, expect, it} from 'vitest'
import {addDays, calendarKey, isIsoDate, isoDateKey} from '../../src/sources/dates.js'

describe('isIsoDate', () => {
  it('accepts real calendar dates written YYYY-MM-DD, leap days by the Gregorian rule', () => {
    for (const d of ['2025-01-31', '2024-02-29', '2000-02-29', '1900-02-28', '0000-01-01', '9999-12-31'])
      expect(isIsoDate(d), d).toBe(true)
  })
  it('rejects impossible days, other spellings and times', () => {
    for (const d of [
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '2025-1-01',
      '2025/01/01',
      '2025-01-01 ',
      '+2025-01-0',
      '2025-01-01T00:00',
      '',
    ])
      expect(isIsoDate(d), d).toBe(false)
  })
  it('agrees with Date on every day of four years, and on impossible ones', () => {
    for (let t = Date.UTC(1999, 11, 1); t < Date.UTC(2004, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10)
      expect(isIsoDate(iso)).toBe(true)
      expect(addDays(iso, 1) > iso).toBe(true)
    }
  })
})

describe('isoDateKey', () => {
  it('gives YYYYMMDD for every day of four years (read inside a line), -1 for impossible days', () => {
    for (let t = Date.UTC(1999, 11, 1); t < Date.UTC(2004, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10)
      expect(isoDateKey(`x,${iso},1`, 2)).toBe(Number(iso.replaceAll('-', '')))
    }
    for (const d of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025/01/01'])
      expect(isoDateKey(d, 0), d).toBe(-1)
    expect(calendarKey(2024, 2, 29)).toBe(20240229)
    expect(calendarKey(-1, 1, 1)).toBe(-1)
  })
})
