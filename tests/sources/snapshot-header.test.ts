// A snapshot header's key=value lines: written with each value URI-encoded and none as `-`, read back to the same
// values, and a `covers` span read as its two dates or nothing.
import {describe, expect, it} from 'vitest'
import {coversSpan, headerLine, readHeaderLine} from '../../src/sources/snapshot-header.js'

describe('snapshot header lines', () => {
  it('write each value encoded, none as -', () => {
    expect(headerLine('symbol', 'SPY', {rows: 3, covers: 'all', source: 'csv:SPY data.csv', written: null})).toBe(
      '# symbol: SPY rows=3 covers=all source=csv%3ASPY%20data.csv written=-',
    )
  })

  it('read back the name and every value', () => {
    const line = headerLine('factors', 'ff3', {columns: 'mkt_rf:Mkt-RF,rf:RF', rows: 520, vintage: null})
    const {name, get} = readHeaderLine(line.slice('# factors: '.length))
    expect([name, get('columns'), get('rows'), get('vintage'), get('absent')]).toEqual([
      'ff3',
      'mkt_rf:Mkt-RF,rf:RF',
      '520',
      null,
      null,
    ])
  })

  it('read a covers span as its dates, anything else as nothing', () => {
    expect(coversSpan('2024-01-02..2026-01-30')).toEqual({from: '2024-01-02', to: '2026-01-30'})
    expect([coversSpan('all'), coversSpan(null), coversSpan('2024-01-02..')]).toEqual([null, null, null])
  })
})
