import {describe, expect, it} from 'vitest'
import {studySections} from '../../src/report/sections.js'
import {csvText, indexCsvRows, LONG_COLUMNS, renderCsvTables, renderStudyCsv} from '../../src/render/csv.js'
import {makeResult, withVolume} from '../report/fixtures.js'

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++]
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      out.push([...row, field])
      row = []
      field = ''
    } else field += ch
  }
  return out
}

const isNumber = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s))

describe('long CSV of a study', () => {
  const r = {...withVolume(), claims: makeResult({failingClaim: true}).claims}
  const records = parseCsv(renderStudyCsv(r))
  const [header, ...rows] = records
  const at = (name: (typeof LONG_COLUMNS)[number]): number => LONG_COLUMNS.indexOf(name)

  it('has the documented header and ten fields on every line', () => {
    expect(header).toEqual(['section', 'group', 'symbol', 'event', 'window', 't', 'date', 'measure', 'value', 'text'])
    for (const row of rows) expect(row).toHaveLength(10)
  })

  it('types value as a number: every value cell parses as a number or is empty, text holds the rest', () => {
    for (const row of rows) {
      const value = row[at('value')]
      const text = row[at('text')]
      expect(value === '' || isNumber(value), row.join(',')).toBe(true)
      expect(value !== '' && text !== '', row.join(',')).toBe(false)
    }
    expect(rows.some((x) => x[at('text')] !== '')).toBe(true)
  })

  it('writes the numbers at full precision from the full level', () => {
    const caar = rows.find(
      (x) => x[0] === 'group-window' && x[1] === 'chips' && x[3] === 'selloff' && x[4] === '0..0' && x[7] === 'caar',
    )!
    const g = r.groups.find((x) => x.group === 'chips' && x.event === 'selloff')!
    expect(Number(caar[at('value')])).toBe(g.windows[0].caar)
    expect(rows.find((x) => x[0] === 'group-window' && x[7] === 'kolariPynnonen.p')).toBeDefined()
    expect(rows.filter((x) => x[0] === 'day0' && x[7] === 'ar')).toHaveLength(18)
    expect(rows.filter((x) => x[0] === 'volume-day' && x[7] === 'meanAv')).toHaveLength(3)
    const holds = rows.find((x) => x[0] === 'claim' && x[7].endsWith(':holds'))!
    expect(holds[at('value')]).toBe('')
    expect(['true', 'false']).toContain(holds[at('text')])
  })

  it('writes the index alone in the same columns', () => {
    const text = csvText(indexCsvRows(r.index!))
    const [h, ...body] = parseCsv(text)
    expect(h).toEqual([...LONG_COLUMNS])
    const level = body.find((x) => x[0] === 'index' && x[1] === 'chips' && x[2] === '' && x[7] === 'level')!
    expect(Number(level[at('value')])).toBe(r.index!.groups.find((g) => g.id === 'chips')!.level)
    expect(body.filter((x) => x[0] === 'index-series' && x[1] === 'chips')).toHaveLength(r.index!.series.length)
  })
})

describe('tidy CSVs, one per table', () => {
  it('keys each table by id, one column per key, each column one type', () => {
    const sections = studySections(makeResult({failingClaim: true}), 'full')
    const files = renderCsvTables(sections)
    const ids = sections.flatMap((s) => s.tables.map((t) => t.id))
    expect([...files.keys()]).toEqual(ids)
    for (const [id, text] of files) {
      const [head, ...body] = parseCsv(text)
      for (const row of body) expect(row, id).toHaveLength(head.length)
      head.forEach((key, i) => {
        const cells = body.map((x) => x[i]).filter((c) => c !== '')
        const numeric = cells.filter(isNumber).length
        expect(numeric === 0 || numeric === cells.length, `${id}.${key}`).toBe(true)
      })
    }
    const gw = parseCsv(files.get('group-window')!)
    expect(gw[0].slice(0, 7)).toEqual(['window', 'group', 'event', 'date', 'caar', 'n', 'crossSectionalT.stat'])
  })
})
