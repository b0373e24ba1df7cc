import {describe, expect, it} from 'vitest'
import {checkPanel, eventColumns, eventWindowDays} from '../../src/engine/event-columns.js'
import type {EngineOptions, EventPanel} from '../../src/engine/types.js'

// 2 rows × 12 days, relative days -8..+3
const panel: EventPanel = {
  n: 2,
  days: 12,
  firstRel: -8,
  returns: new Float64Array(24),
  market: new Float64Array(12),
  calendarStart: Int32Array.from([100, 100]),
}
const opts: EngineOptions = {
  model: 'market',
  returns: 'simple',
  estimation: [-8, -4],
  windows: [
    [0, 2],
    [-1, 0],
  ],
  minObservations: 3,
}

describe('eventColumns', () => {
  it('lays out the estimation columns, the union of the windows and the ranked columns', () => {
    const c = eventColumns(panel, opts)
    expect([c.e0, c.E]).toEqual([0, 5])
    expect(Array.from(c.eventDays)).toEqual([-1, 0, 1, 2])
    expect(Array.from(c.eventCols)).toEqual([7, 8, 9, 10])
    // ranked: estimation columns 0..4 and the event columns 7..10 (5 and 6 are in neither)
    expect(Array.from(c.rankCols)).toEqual([0, 1, 2, 3, 4, 7, 8, 9, 10])
    expect(c.R).toBe(9)
    expect(c.rankPosOfCol[7]).toBe(5)
    expect(c.rankPosOfCol[5]).toBe(-1)
    expect(c.eventPosOfCol[9]).toBe(2)
    expect(c.eventPosOfCol[3]).toBe(-1)
    expect(c.windows).toEqual([
      {t1: 0, t2: 2, j0: 1, T: 3},
      {t1: -1, t2: 0, j0: 0, T: 2},
    ])
  })

  it('rejects a window outside the panel, naming it', () => {
    expect(() => checkPanel(panel, {...opts, windows: [[0, 4]]})).toThrow(/event window \[0, 4\]/)
  })
})

describe('eventWindowDays', () => {
  it('is the calendar span of the windows when rows are further apart than that, else Infinity', () => {
    expect(eventWindowDays(opts.windows, Int32Array.from([100, 100]))).toBe(Number.POSITIVE_INFINITY)
    expect(eventWindowDays(opts.windows, Int32Array.from([100, 104]))).toBe(4)
    expect(eventWindowDays([], Int32Array.from([100, 200]))).toBe(Number.POSITIVE_INFINITY)
  })
})
