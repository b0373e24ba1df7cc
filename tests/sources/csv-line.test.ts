import {describe, expect, it} from 'vitest'
import {splitCsvLine} from '../../src/sources/csv-line.js'
import {parsePriceCsv} from '../../src/sources/csv.js'
import {readEventsCsv} from '../../src/spec/events-csv.js'

describe('splitCsvLine (shared by the price and events CSV readers)', () => {
  it('splits on commas, keeps empty fields, and keeps spaces unless asked to trim', () => {
    expect(splitCsvLine('a, b ,,c')).toEqual(['a', ' b ', '', 'c'])
    expect(splitCsvLine('a, b ,,c', {trim: true})).toEqual(['a', 'b', '', 'c'])
    expect(splitCsvLine('')).toEqual([''])
  })

  it('reads double-quoted fields with commas and "" quotes', () => {
    expect(splitCsvLine('x,"a, ""b""", c ')).toEqual(['x', 'a, "b"', ' c '])
    expect(splitCsvLine('x," a, b ",c', {trim: true})).toEqual(['x', 'a, b', 'c'])
    expect(splitCsvLine('"",""""')).toEqual(['', '"'])
  })

  it("keeps each reader's behaviour: events fields trimmed, price cells trimmed by the price reader", () => {
    const ev = readEventsCsv(' symbol , date ,label\n nvda , 2024-11-20 ," Q3, ""FY25"" "\n', 'x.csv')
    expect(ev.issues).toEqual([])
    expect(ev.events).toEqual([
      {id: 'NVDA-2024-11-20', date: '2024-11-20', label: 'Q3, "FY25"', symbol: 'NVDA', group: null},
    ])
    const p = parsePriceCsv('Date,"Close",Adj Close\n2024-01-02, 10 ,"9.5"\n', 'NVDA.csv')
    expect(p.bars[0]).toMatchObject({date: '2024-01-02', close: 10, adjClose: 9.5})
  })
})
