import {describe, expect, it} from 'vitest'
import {parseCharacteristicsCsv, readCharacteristicsCsv} from '../../src/spec/characteristics-csv.js'
import {StudyValidationError} from '../../src/spec/issues.js'

describe('characteristics CSV', () => {
  it('reads symbol,name,value in any column order and case', () => {
    expect(
      parseCharacteristicsCsv('\uFEFFValue,Symbol,Name\n0.5, nvda ,exports\n\n-2e-1,AMD,exports\n', 'c.csv'),
    ).toEqual([
      {symbol: 'NVDA', name: 'exports', value: 0.5},
      {symbol: 'AMD', name: 'exports', value: -0.2},
    ])
  })

  it('names the line and column of each problem', () => {
    const {issues} = readCharacteristicsCsv('symbol,name,value\n,x,1\nNVDA,,1\nNVDA,x,NaN\nNVDA,sigma,1\n', 'c.csv')
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'symbol'],
      [3, 'name'],
      [4, 'value'],
      [5, 'name'],
    ])
    expect(() => parseCharacteristicsCsv('', 'c.csv')).toThrow(StudyValidationError)
    expect(() => parseCharacteristicsCsv('', 'c.csv')).toThrow(/c\.csv:1: no characteristics: the CSV is empty/)
  })
})
