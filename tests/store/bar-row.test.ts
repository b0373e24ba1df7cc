// A stored row as a Bar (dividend and split only where stored), and a value as columns hold it (NaN for none).
import {describe, expect, it} from 'vitest'
import {orNaN, toBar} from '../../src/store/bar-row.js'

describe('bar rows', () => {
  it('become bars, with dividend and split only where stored', () => {
    const row = {date: '2025-01-02', open: 1, high: 2, low: 0.5, close: 1.5, adj_close: 1.25, volume: null}
    expect(toBar({...row, dividend: null, split: null})).toEqual({
      date: '2025-01-02',
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      adjClose: 1.25,
      volume: null,
    })
    expect(toBar({...row, dividend: 0.2, split: 4})).toMatchObject({dividend: 0.2, split: 4})
  })

  it('hold a missing or non-finite value as NaN', () => {
    expect([orNaN(2.5), orNaN(0), orNaN(null), orNaN(undefined), orNaN(Number.POSITIVE_INFINITY)]).toEqual([
      2.5,
      0,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ])
  })
})
