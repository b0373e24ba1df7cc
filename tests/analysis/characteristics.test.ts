import {describe, expect, it} from 'vitest'
import {runup} from '../../src/analysis/characteristics.js'
import {buildCalendar} from '../../src/engine/calendar.js'

describe('run-up over a pre-event window', () => {
  const cal = buildCalendar(['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'])
  const prices = Float64Array.from([100, 110, Number.NaN, 99, 120])

  it('is P(t2) / P(t1 - 1) - 1', () => {
    // day 0 = 2025-01-10 (index 4); [-3, -1] runs from the close of day -4 (100) to day -1 (99)
    expect(runup(cal, prices, 4, [-3, -1])).toEqual({value: 99 / 100 - 1})
    expect(runup(cal, prices, 4, [-2, -1])).toEqual({value: 99 / 110 - 1})
  })

  it('says why when a price or the data is missing', () => {
    expect(runup(cal, prices, 4, [-1, -1])).toEqual({missing: 'no price on 2025-01-08 (start of run-up [-1, -1])'})
    expect(runup(cal, prices, 4, [-5, -1])).toEqual({missing: 'run-up [-5, -1] reaches past the data'})
  })
})
