// Stores older aftershock versions wrote: read as they are, upgraded whole to lean price rows behind the `bars` view
// on their first write (schema 1 also gains packed series, schema 2 keeps its own), with every row, value, source
// and fetch time as it was. A store of a newer schema is refused for writing, untouched.
import Database from 'better-sqlite3'
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {keptStores} from '../helpers/stores.js'
import {type OldRow, writeOldStore} from './old-stores.js'

const keep = keptStores()
afterEach(() => {
  vi.restoreAllMocks()
})

const ROWS: OldRow[] = [
  ['A', '1969-12-31', 1.5, 1.25, null, 'csv:a.csv', '2025-02-01T10:00:00.000Z'],
  ['A', '2025-01-02', 2, 2, 100, 'csv:a.csv', '2025-02-01T10:00:00.000Z'],
  ['A', '2025-01-03', 3, null, 200, 'yahoo', '2025-03-01T09:00:00.000Z'],
  ['B', '2025-01-02', 5, 4.5, 0, 'yahoo', '2025-03-01T09:00:00.000Z'],
  ['B', '2099-12-31', null, null, null, 'sql', 'now'],
]

const query = (file: string, sql: string): unknown[] => {
  const db = new Database(file, {readonly: true})
  const rows = db.prepare(sql).raw().all()
  db.close()
  return rows
}
const everyBar = (file: string) => query(file, 'SELECT * FROM bars ORDER BY symbol, date')
const version = (file: string) => query(file, "SELECT value FROM meta WHERE key = 'schema_version'")[0]
const packed = (file: string) => query(file, 'SELECT symbol, block, rows, days, close, adj_close, volume FROM series')
const kind = (file: string) => query(file, "SELECT type FROM sqlite_master WHERE name = 'bars'")[0]

describe.each([1, 2] as const)('a store of schema %i', (v) => {
  it('is read as it is, then upgraded whole on its first write, keeping every row, source and fetch time', () => {
    const dir = tempDir()
    const file = writeOldStore(dir, v, ROWS)
    const before = everyBar(file)
    const seriesBefore = v === 2 ? packed(file) : null
    const r = keep(PriceStore.open(dir, {mode: 'read'}))
    const read = {
      bars: r.getBars('A'),
      columns: Array.from(r.getColumns(['A'], '1969-01-01', '2025-12-31').get('A')!.close),
      list: r.listSecurities(),
    }
    r.close()
    expect(read.columns).toEqual([1.5, 2, 3])
    expect(version(file)).toEqual([String(v)])

    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    keep(PriceStore.open(dir)).close()
    expect(String(err.mock.calls[0]?.[0])).toMatch(`upgrading the price store ${file} to schema 3`)
    expect(version(file)).toEqual(['3'])
    expect(kind(file)).toEqual(['view'])
    expect(everyBar(file)).toEqual(before)
    expect(query(file, 'SELECT count(*) FROM writes')).toEqual([[3]])
    if (v === 2) expect(packed(file)).toEqual(seriesBefore)
    else expect(query(file, 'SELECT DISTINCT symbol FROM series ORDER BY symbol')).toEqual([['A'], ['B']])

    const s = keep(PriceStore.open(dir, {mode: 'read'}))
    expect(s.getBars('A')).toEqual(read.bars)
    expect(s.listSecurities()).toEqual(read.list)
    expect(Array.from(s.getColumns(['A'], '1969-01-01', '2025-12-31').get('A')!.close)).toEqual([1.5, 2, 3])
  })
})

describe('the schema version', () => {
  it('a new store is at 3, its bars a view', () => {
    const dir = tempDir()
    keep(PriceStore.open(dir)).close()
    const file = path.join(dir, STORE_FILE)
    expect([version(file), kind(file)]).toEqual([['3'], ['view']])
  })

  it('a store of a newer schema is refused for writing, untouched', () => {
    const dir = tempDir()
    keep(PriceStore.open(dir)).close()
    const file = path.join(dir, STORE_FILE)
    const db = new Database(file)
    db.prepare("UPDATE meta SET value = '4' WHERE key = 'schema_version'").run()
    db.close()
    expect(() => PriceStore.open(dir)).toThrow(
      /has schema 4, newer than this aftershock reads \(3\); upgrade aftershock/,
    )
    expect(version(file)).toEqual(['4'])
  })
})
