// The lean price rows behind the `bars` view: what the store writes reads back through the view with the columns
// users always had; users' own inserts, updates and deletes through the view land in `prices` (and drop the packed
// series); a date that is no date is refused; each write (source, time) is stored once however many rows it wrote.
import Database from 'better-sqlite3'
import {describe, expect, it} from 'vitest'
import {PriceStore} from '../../src/store/store.js'
import type {Bar} from '../../src/types.js'
import {tempDir} from '../helpers/cli.js'
import {keptStores} from '../helpers/stores.js'

const keep = keptStores()
const store = (): PriceStore => keep(PriceStore.open(tempDir()))

const bar = (date: string, close: number, extra: Partial<Bar> = {}): Bar => ({
  date,
  open: close - 1,
  high: close + 1,
  low: close - 2,
  close,
  adjClose: close / 2,
  volume: 1000,
  ...extra,
})

function sql(file: string, text: string, readonly = true): unknown[] {
  const db = new Database(file, {readonly})
  const stmt = db.prepare(text)
  const out = stmt.reader ? stmt.raw().all() : [stmt.run().changes]
  db.close()
  return out
}

describe('the bars view', () => {
  it('reads what the store wrote, with dates as text and each row its source and fetch time', () => {
    const s = store()
    s.replaceHistory('OLD', [bar('1965-03-01', 10), bar('2099-12-31', 11, {dividend: 0.5, split: 2})], {
      source: 'csv:old.csv',
      at: '2026-01-01T00:00:00.000Z',
    })
    s.upsertBars('OLD', [bar('2000-02-29', 12)], {source: 'yahoo', at: '2026-02-01T00:00:00.000Z'})
    expect(sql(s.file, 'SELECT * FROM bars ORDER BY date')).toEqual([
      ['OLD', '1965-03-01', 9, 11, 8, 10, 5, 1000, null, null, 'csv:old.csv', '2026-01-01T00:00:00.000Z'],
      ['OLD', '2000-02-29', 11, 13, 10, 12, 6, 1000, null, null, 'yahoo', '2026-02-01T00:00:00.000Z'],
      ['OLD', '2099-12-31', 10, 12, 9, 11, 5.5, 1000, 0.5, 2, 'csv:old.csv', '2026-01-01T00:00:00.000Z'],
    ])
    expect(s.getBars('OLD').map((b) => b.date)).toEqual(['1965-03-01', '2000-02-29', '2099-12-31'])
    expect(s.getBars('OLD', '1999-01-01', '2000-02-29').map((b) => b.close)).toEqual([12])
    expect(sql(s.file, 'SELECT day FROM prices ORDER BY day')).toEqual([[-1767], [11016], [47481]])
  })

  it('stores each write once, however many rows and symbols it wrote', () => {
    const s = store()
    const at = '2026-01-01T00:00:00.000Z'
    s.batch(() => {
      for (const sym of ['A', 'B', 'C'])
        s.replaceHistory(sym, [bar('2025-01-02', 1), bar('2025-01-03', 2)], {source: 'csv', at})
    })
    s.replaceHistory('D', [bar('2025-01-02', 1)], {source: 'yahoo', at})
    expect(sql(s.file, 'SELECT id, source, fetched_at FROM writes')).toEqual([
      [1, 'csv', at],
      [2, 'yahoo', at],
    ])
    expect(sql(s.file, 'SELECT symbol, count(*), min(write_id), max(write_id) FROM prices GROUP BY symbol')).toEqual([
      ['A', 2, 1, 1],
      ['B', 2, 1, 1],
      ['C', 2, 1, 1],
      ['D', 1, 2, 2],
    ])
  })

  it("takes users' inserts, updates and deletes, which drop the symbol's packed series", () => {
    const s = store()
    s.replaceHistory('A', [bar('2025-01-02', 2), bar('2025-01-03', 3)], {source: 't', at: 'then'})
    const packed = () => sql(s.file, "SELECT count(*) FROM series WHERE symbol = 'A'")[0]
    expect(packed()).toEqual([1])
    sql(
      s.file,
      "INSERT INTO bars (symbol, date, close, source, fetched_at) VALUES ('A', '2025-01-06', 7, 'me', 'now')",
      false,
    )
    expect(packed()).toEqual([0])
    sql(
      s.file,
      "UPDATE bars SET close = 30, source = 'me', fetched_at = 'later' WHERE symbol = 'A' AND date = '2025-01-03'",
      false,
    )
    sql(s.file, "DELETE FROM bars WHERE symbol = 'A' AND date = '2025-01-02'", false)
    expect(sql(s.file, "SELECT date, close, source, fetched_at FROM bars WHERE symbol = 'A' ORDER BY date")).toEqual([
      ['2025-01-03', 30, 'me', 'later'],
      ['2025-01-06', 7, 'me', 'now'],
    ])
    expect(Array.from(s.getColumns(['A'], '2025-01-01', '2025-01-31').get('A')!.close)).toEqual([30, 7])
    expect(s.listSecurities().map((x) => [x.symbol, x.firstDate, x.lastDate, x.rows])).toEqual([
      ['A', '2025-01-03', '2025-01-06', 2],
    ])
  })

  it('lists every symbol as a scan of its rows would, packed or not, also one only a user inserted', () => {
    const s = store()
    s.replaceHistory('A', [bar('2025-01-02', 2), bar('2026-03-03', 3)], {source: 'csv:a.csv', at: 't1'})
    s.replaceHistory('B', [bar('1999-12-31', 2)], {source: 'yahoo', at: 't2'})
    s.replaceHistory('C', [bar('2025-01-02', 5)], {source: 'yahoo', at: 't2'})
    const insert = (sym: string, date: string) =>
      sql(
        s.file,
        `INSERT INTO bars (symbol, date, close, source, fetched_at) VALUES ('${sym}', '${date}', 1, 'me', 'now')`,
        false,
      )
    insert('B', '2025-01-06')
    insert('N', '2025-01-07')
    insert('N', '2024-12-31')
    sql(s.file, "DELETE FROM bars WHERE symbol = 'C'", false)
    expect(sql(s.file, 'SELECT DISTINCT symbol FROM series ORDER BY symbol')).toEqual([['A']])
    const scan = sql(
      s.file,
      `SELECT b.symbol, min(b.date), max(b.date), count(*), u.source, u.last_fetch
       FROM bars b LEFT JOIN securities u ON u.symbol = b.symbol GROUP BY b.symbol ORDER BY b.symbol`,
    )
    expect(s.listSecurities().map((x) => [x.symbol, x.firstDate, x.lastDate, x.rows, x.source, x.lastFetch])).toEqual(
      scan,
    )
    expect(scan.map((r) => (r as unknown[])[0])).toEqual(['A', 'B', 'N'])
  })

  it('refuses a row whose date is no date, naming the column', () => {
    const s = store()
    expect(() =>
      sql(
        s.file,
        "INSERT INTO bars (symbol, date, close, source, fetched_at) VALUES ('A', 'soon', 1, 'me', 'now')",
        false,
      ),
    ).toThrow(/NOT NULL constraint failed: prices\.day/)
    expect(sql(s.file, 'SELECT count(*) FROM prices')).toEqual([[0]])
  })
})
