import {describe, expect, it} from 'vitest'
import {fitTable, fitWidths, verticalTable} from '../../src/render/fit-table.js'
import {blockWidth} from '../../src/render/text-width.js'

const plain = {head: [], border: []}
const table = {
  head: ['name', 'title', 'n'],
  rows: [
    ['covid-2020', 'Stay-at-home stocks in the COVID-19 crash week', '7'],
    ['deepseek-r1', 'The DeepSeek moment: AI chips, hyperscalers, data centres and power around R1', '23'],
  ],
  style: plain,
}

describe('fitWidths', () => {
  it('narrows the widest column first, never below its narrowest', () => {
    expect(fitWidths([10, 40, 5], [8, 10, 5], 40)).toEqual([10, 25, 5])
    expect(fitWidths([10, 40, 5], [8, 10, 5], 22)).toBeNull()
    expect(fitWidths([10, 12, 5], [8, 10, 5], 26)).toEqual([10, 11, 5])
  })
})

describe('fitTable', () => {
  it('draws a table that fits as it is, and one without a width as it is', () => {
    const whole = fitTable(table)
    expect(fitTable(table, 500)).toBe(whole)
    expect(blockWidth(whole)).toBeGreaterThan(80)
  })

  it('wraps long labels within cells to fit the width, keeping every word', () => {
    const fitted = fitTable(table, 60)
    for (const l of fitted.split('\n')) expect([...l].length).toBeLessThanOrEqual(60)
    expect(fitted).toMatch(/│ covid-2020 +│ Stay-at-home stocks/)
    const words = (s: string) => s.match(/[\w:,-]+/g)?.sort()
    expect(words(fitted)).toEqual(words(fitTable(table)))
  })

  it('drops to one block per row when even the narrowest wrapping does not fit', () => {
    const t = {head: ['symbol', 'from', 'to', 'rows'], rows: [['NVDA', '2020-01-02', '2026-05-07', '1595']]}
    expect(fitTable(t, 30)).toBe('symbol: NVDA\n  from: 2020-01-02\n  to: 2026-05-07\n  rows: 1595')
    expect(fitTable(t, 30)).toBe(verticalTable(t, 30))
  })

  it('a transposed table gives one block per column, its heading first', () => {
    const t = {
      head: ['', '[0,0]\n2025-01-21', '[-1,+1]\n2025-01-17..2025-01-22'],
      rows: [
        ['CAAR', '-0.38%', '+2.56%'],
        ['N', '1', '1'],
      ],
      transposed: true,
    }
    expect(verticalTable(t, 40)).toBe(
      '[0,0] 2025-01-21\n  CAAR: -0.38%\n  N: 1\n[-1,+1] 2025-01-17..2025-01-22\n  CAAR: +2.56%\n  N: 1',
    )
  })
})
