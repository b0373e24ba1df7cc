// The factor tables of the store: a set written whole (replacing the old one, counting French's revisions),
// read back as rows or as typed arrays over a date range, listed; an old store without the tables reads as empty.
import Database from 'better-sqlite3'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {MissingDataError} from '../../src/errors.js'
import type {FactorSetInput} from '../../src/store/factors.js'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'

const open: PriceStore[] = []
function fresh(dir = path.join(tempDir(), 'cache')): PriceStore {
  const s = PriceStore.open(dir)
  open.push(s)
  return s
}
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

const COLUMNS = [
  {key: 'mkt_rf', name: 'Mkt-RF'},
  {key: 'rf', name: 'RF'},
]

function set(values: Array<Array<number | null>>, over: Partial<FactorSetInput> = {}): FactorSetInput {
  return {
    name: 'ff3',
    source: 'F-F_Research_Data_Factors_daily.csv',
    columns: COLUMNS,
    dates: ['2025-01-24', '2025-01-27', '2025-01-28'].slice(0, values.length),
    values,
    vintage: '202604',
    vintageLine: 'This file was created by using the 202604 CRSP database.',
    ...over,
  }
}

describe('factor tables', () => {
  it('writes a set and lists it with its columns, range, rows and vintage', () => {
    const s = fresh()
    const w = s.factors.replace(
      set([
        [-0.27, 0.02],
        [-1.49, 0.02],
        [0.92, 0.02],
      ]),
      '2026-05-01T00:00:00.000Z',
    )
    expect(w).toEqual({rows: 3, values: 6, replaced: false, previousVintage: null, changed: 0, added: 6, removed: 0})
    expect(s.factors.list()).toEqual([
      {
        name: 'ff3',
        columns: COLUMNS,
        firstDate: '2025-01-24',
        lastDate: '2025-01-28',
        rows: 3,
        vintage: '202604',
        vintageLine: 'This file was created by using the 202604 CRSP database.',
        source: 'F-F_Research_Data_Factors_daily.csv',
        writtenAt: '2026-05-01T00:00:00.000Z',
      },
    ])
  })

  it('reads rows over a range, missing values as null', () => {
    const s = fresh()
    s.factors.replace(
      set([
        [-0.27, 0.02],
        [null, 0.02],
        [0.92, 0.02],
      ]),
    )
    expect(s.factors.rows('ff3', '2025-01-27')).toEqual({
      columns: COLUMNS,
      dates: ['2025-01-27', '2025-01-28'],
      values: [
        [null, 0.02],
        [0.92, 0.02],
      ],
    })
  })

  it('reads columns as typed arrays, dropping and counting days a column lacks', () => {
    const s = fresh()
    s.factors.replace(
      set([
        [-0.27, 0.02],
        [null, 0.02],
        [0.92, 0.01],
      ]),
    )
    const r = s.factors.series('ff3', ['rf', 'mkt_rf'])
    expect(r.dates).toEqual(['2025-01-24', '2025-01-28'])
    expect(r.values).toEqual([Float64Array.from([0.02, 0.01]), Float64Array.from([-0.27, 0.92])])
    expect(r.dropped).toBe(1)
    expect(s.factors.series('ff3', ['rf']).dropped).toBe(0)
    expect(() => s.factors.series('ff3', ['mom'])).toThrow(/factor set ff3 has no column mom; it has mkt_rf, rf/)
    expect(() => s.factors.series('ff5', ['rf'])).toThrow(MissingDataError)
    expect(() => s.factors.rows('ff5')).toThrow(/no factor set ff5 in the store \(it has ff3\).*factors fetch ff5/)
  })

  it('a rewrite replaces the set whole and counts the values French revised', () => {
    const s = fresh()
    s.factors.replace(
      set(
        [
          [-0.27, 0.02],
          [-1.49, 0.02],
        ],
        {vintage: '202603'},
      ),
    )
    const w = s.factors.replace(
      set([
        [-0.26, 0.02],
        [null, 0.02],
        [0.92, 0.02],
      ]),
    )
    expect(w).toEqual({rows: 3, values: 5, replaced: true, previousVintage: '202603', changed: 1, added: 2, removed: 1})
    expect(s.factors.rows('ff3').values).toEqual([
      [-0.26, 0.02],
      [null, 0.02],
      [0.92, 0.02],
    ])
    expect(s.factors.get('ff3')?.vintage).toBe('202604')
  })

  it('a failed write leaves the stored set as it was', () => {
    const s = fresh()
    s.factors.replace(set([[-0.27, 0.02]]))
    // two equal dates break the primary key mid-write: the transaction rolls back
    const bad = set(
      [
        [1, 1],
        [2, 2],
      ],
      {dates: ['2025-02-03', '2025-02-03']},
    )
    expect(() => s.factors.replace(bad)).toThrow()
    expect(s.factors.rows('ff3').values).toEqual([[-0.27, 0.02]])
  })

  it('a read-only store refuses writes; a store from before factor sets lists none', () => {
    const dir = path.join(tempDir(), 'cache')
    fresh(dir).close()
    const db = new Database(path.join(dir, STORE_FILE))
    db.exec('DROP TABLE factor_values; DROP TABLE factor_sets')
    db.close()
    const r = PriceStore.open(dir, {mode: 'read'})
    open.push(r)
    expect(r.factors.list()).toEqual([])
    expect(r.factors.get('ff3')).toBeNull()
    expect(() => r.factors.replace(set([[1, 1]]))).toThrow(/read-only/)
    // opening for writing adds the tables
    const w = fresh(dir)
    expect(w.factors.list()).toEqual([])
  })
})
