import {describe, expect, it} from 'vitest'
import {buildCalendar} from '../../src/engine/calendar.js'
import {ArDays} from '../../src/study/ar-days.js'

const cal = buildCalendar(['2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28'])

describe('ArDays', () => {
  it('gives each row back as written: t, the date of its calendar index, return, AR and SAR', () => {
    const days = new ArDays(cal)
    days.open(2)
    days.push(-1, 3, 0.01, 0.002, 0.1)
    days.push(0, 4, -0.17, -0.169, -8.5)
    const first = days.close()
    days.open(1)
    days.push(1, 5, 0.08, 0.079, 4)
    const second = days.close()
    expect(first()).toEqual([
      {t: -1, date: '2025-01-24', ret: 0.01, ar: 0.002, sar: 0.1},
      {t: 0, date: '2025-01-27', ret: -0.17, ar: -0.169, sar: -8.5},
    ])
    expect(second()).toEqual([{t: 1, date: '2025-01-28', ret: 0.08, ar: 0.079, sar: 4}])
  })

  it('keeps every bit of a value (the JSON of a row read back is the JSON of the numbers written)', () => {
    const values = [0.1 + 0.2, -1e-300, 5e-324, 1.7976931348623157e308, 123456789.12345679, 1 / 3]
    const days = new ArDays(cal)
    days.open(values.length)
    values.forEach((v, i) => days.push(i, i, v, -v, v / 3))
    const rows = days.close()()
    expect(rows.map((r) => [r.ret, r.ar, r.sar])).toEqual(values.map((v) => [v, -v, v / 3]))
    expect(JSON.stringify(rows)).toBe(
      JSON.stringify(values.map((v, i) => ({t: i, date: cal.dates[i], ret: v, ar: -v, sar: v / 3}))),
    )
  })

  it('keeps only the row read last built: the same array on a second read, new objects once another was read', () => {
    const days = new ArDays(cal)
    days.open(1)
    days.push(0, 0, 1, 2, 3)
    const read = days.close()
    days.open(1)
    days.push(1, 1, 4, 5, 6)
    const other = days.close()
    const a = read()
    expect(read()).toBe(a)
    expect(other()[0].ar).toBe(5)
    const b = read()
    expect(b).not.toBe(a)
    expect(b).toEqual(a)
  })

  it('keeps rows apart across slabs, and a row longer than a slab whole', () => {
    const days = new ArDays(cal)
    const readers = []
    // 3,000 rows of 3 days fill more than one slab of 4,096 days; then one row of 5,000 days.
    for (let r = 0; r < 3000; r++) {
      days.open(3)
      for (let j = 0; j < 3; j++) days.push(j, j, r, r + j, -r)
      readers.push(days.close())
    }
    days.open(5000)
    for (let j = 0; j < 5000; j++) days.push(j, j % 6, j, 0, 0)
    const long = days.close()
    readers.forEach((read, r) => {
      expect(read().map((x) => [x.t, x.ret, x.ar, x.sar])).toEqual([
        [0, r, r, -r],
        [1, r, r + 1, -r],
        [2, r, r + 2, -r],
      ])
    })
    const rows = long()
    expect(rows).toHaveLength(5000)
    expect(rows[4999]).toEqual({t: 4999, date: cal.dates[4999 % 6], ret: 4999, ar: 0, sar: 0})
  })

  it('an empty row reads as no days', () => {
    const days = new ArDays(cal)
    days.open(0)
    expect(days.close()()).toEqual([])
  })
})
