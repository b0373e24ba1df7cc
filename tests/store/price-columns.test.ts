// Prices as columns: bars to columns and back give the same bars (missing values as NaN in between, dividend and
// split present only where they are), and the arrays a transfer list needs.
import {describe, expect, it} from 'vitest'
import {buffersOf, columnsOfPrices, pricesOfColumns} from '../../src/store/price-columns.js'
import type {Bar} from '../../src/types.js'

const BARS: Bar[] = [
  {date: '1969-12-31', open: 1, high: 2, low: 0.5, close: 1.5, adjClose: 1.25, volume: null},
  {date: '2025-01-02', open: null, high: null, low: null, close: 3.1, adjClose: 3, volume: 0, dividend: 0.24},
  {date: '2025-01-03', open: 4, high: 4, low: 4, close: 4, adjClose: null, volume: 1e9, split: 10},
]

describe('price columns', () => {
  it('hold bars as day numbers and values, NaN where missing', () => {
    const c = columnsOfPrices(BARS)
    expect(Array.from(c.days)).toEqual([-1, 20090, 20091])
    expect(Array.from(c.close)).toEqual([1.5, 3.1, 4])
    expect(Array.from(c.volume)).toEqual([Number.NaN, 0, 1e9])
    expect(Array.from(c.dividend)).toEqual([Number.NaN, 0.24, Number.NaN])
    expect(Array.from(c.split)).toEqual([Number.NaN, Number.NaN, 10])
  })

  it('give the same bars back', () => {
    expect(pricesOfColumns(columnsOfPrices(BARS))).toEqual(BARS)
    expect(pricesOfColumns(columnsOfPrices([]))).toEqual([])
  })

  it('name their nine buffers for a transfer', () => {
    const c = columnsOfPrices(BARS)
    expect(buffersOf(c)).toHaveLength(9)
    expect(buffersOf(c)[0]).toBe(c.days.buffer)
  })
})
