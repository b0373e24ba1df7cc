import {describe, expect, it} from 'vitest'
import {MISSING} from '../../src/report/format.js'
import {col, type Table} from '../../src/report/model.js'
import {cellText, toGrid} from '../../src/render/grid.js'

describe('cells drawn by column type', () => {
  it('formats each type, null as a dash, absent text as empty', () => {
    const row = {a: -0.1697, m: -5.924e11, w: [0, 4] as const, d: 3, b: false, s: null, x: undefined}
    expect(cellText(col('a', '', 'percent'), row)).toBe('-16.97%')
    expect(cellText(col('a', '', 'share', {digits: 1}), row)).toBe('-17.0%')
    expect(cellText(col('m', '', 'money'), row)).toBe('-$592.4bn')
    expect(cellText(col('w', '', 'window'), row)).toBe('[0,+4]')
    expect(cellText(col('d', '', 'day'), row)).toBe('+3')
    expect(cellText(col('b', '', 'boolean', {words: ['holds', 'FAILS']}), row)).toBe('FAILS')
    expect(cellText(col('s', '', 'stat'), row)).toBe(MISSING)
    expect(cellText(col('x', '', 'text'), row)).toBe('')
    expect(cellText(col('a', '', 'number', {typeFrom: 'u'}), {...row, u: 'percent'})).toBe('-16.97%')
    expect(cellText(col('a', '', 'percent', {unsigned: true}), row)).toBe('16.97%')
  })

  it("stars a statistic from its row's p, never a missing one", () => {
    const c = col('stat', '', 'stat', {p: 'p'})
    expect(cellText(c, {stat: -3.214, p: 0.001})).toBe('-3.21***')
    expect(cellText(c, {stat: 1.5, p: 0.07})).toBe('1.50*')
    expect(cellText(c, {stat: null, p: null})).toBe(MISSING)
  })

  it('turns a columns-layout table so each row becomes a column; hidden columns are left out', () => {
    const t: Table = {
      id: 't',
      layout: 'columns',
      columns: [
        col('window', 'Window', 'window'),
        col('caar', 'CAAR', 'percent'),
        col('t', 'CS t', 'stat', {p: 'p'}),
        col('p', 'p', 'p-value', {hidden: true}),
      ],
      rows: [
        {window: [0, 0], caar: -0.05, t: -3, p: 0.004},
        {window: [0, 4], caar: 0.01, t: 0.5, p: 0.6},
      ],
    }
    expect(toGrid(t)).toEqual({
      head: ['', '[0,0]', '[0,+4]'],
      rows: [
        ['CAAR', '-5.00%', '+1.00%'],
        ['CS t', '-3.00***', '0.50'],
      ],
      align: ['left', 'right', 'right'],
      wrap: [null, null, null],
    })
    expect(toGrid({...t, layout: 'rows'}).head).toEqual(['Window', 'CAAR', 'CS t'])
    // a subhead column goes under the header cell, not into the body
    const withDays: Table = {
      ...t,
      columns: [t.columns[0], col('days', 'Days', 'text', {subhead: true}), ...t.columns.slice(1)],
      rows: t.rows.map((r, i) => ({...r, days: i === 0 ? '2025-01-27' : '2025-01-27..2025-01-31'})),
    }
    expect(toGrid(withDays).head).toEqual(['', '[0,0]\n2025-01-27', '[0,+4]\n2025-01-27..2025-01-31'])
    expect(toGrid(withDays).rows.map((r) => r[0])).toEqual(['CAAR', 'CS t'])
  })
})
