import {describe, expect, it} from 'vitest'
import {Cells, isSpace} from '../../src/sources/csv-cells.js'

describe('isSpace', () => {
  it('is true for exactly the characters String.prototype.trim removes', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const trims = String.fromCharCode(c).trim() === ''
      if (isSpace(c) !== trims) expect(isSpace(c), c.toString(16)).toBe(trims)
    }
  })
})

describe('Cells', () => {
  it('splits a line, plain or quoted, into trimmed cells: text, empty or null, number with its decimals', () => {
    const cells = new Cells(4)
    expect(cells.split(' 2025-01-02 ,1.25, NULL ,')).toBe(4)
    expect(cells.text(0)).toBe('2025-01-02')
    expect([cells.isEmpty(1), cells.isEmpty(2), cells.isEmpty(3)]).toEqual([false, true, true])
    const out = {decimals: 0}
    expect(cells.number(1, out)).toBe(1.25)
    expect(out.decimals).toBe(2)
    expect(cells.split('"2025-01-02","1,5", 7 ,"x"')).toBe(4)
    expect([cells.text(1), cells.number(2, out), cells.text(3)]).toEqual(['1,5', 7, 'x'])
    expect(cells.number(1, out)).toBeNaN()
  })
})
