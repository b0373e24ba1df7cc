// The packed series beside the bars: the same columns as the rows after every kind of write, dropped when the rows
// change outside aftershock, and an older store upgraded whole on its first write (read as rows until then).
import Database from 'better-sqlite3'
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import type {BarColumns} from '../../src/store/bar-source.js'
import {dayNumber, isoOfDay} from '../../src/store/days.js'
import {BLOCK_DAYS, ReusedColumns, strictlyAscending} from '../../src/store/series.js'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import type {Bar} from '../../src/types.js'
import {tempDir} from '../helpers/cli.js'
import {keptStores} from '../helpers/stores.js'

const keep = keptStores()
afterEach(() => {
  vi.restoreAllMocks()
})

const bar = (date: string, close: number | null, adjClose: number | null, volume: number | null = 100): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  adjClose,
  volume,
})

/** Columns as plain arrays, for toEqual (NaN equals NaN there). */
const plain = (c: BarColumns | undefined) =>
  c && {
    dates: Array.from(c.days, isoOfDay),
    close: Array.from(c.close),
    adjClose: Array.from(c.adjClose),
    volume: Array.from(c.volume),
  }

/** The columns read row by row with SQL of its own, independent of the store's readers. */
function rowsOf(file: string, symbol: string, from: string, to: string) {
  const db = new Database(file, {readonly: true})
  const rows = db
    .prepare('SELECT date, close, adj_close, volume FROM bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date')
    .raw()
    .all(symbol, from, to) as [string, number | null, number | null, number | null][]
  db.close()
  if (rows.length === 0) return undefined
  const nan = (x: number | null) => x ?? Number.NaN
  return {
    dates: rows.map((r) => r[0]),
    close: rows.map((r) => nan(r[1])),
    adjClose: rows.map((r) => nan(r[2])),
    volume: rows.map((r) => nan(r[3])),
  }
}

function packedSymbols(file: string): string[] {
  const db = new Database(file, {readonly: true})
  const out = db.prepare('SELECT DISTINCT symbol FROM series ORDER BY symbol').pluck().all() as string[]
  db.close()
  return out
}

function expectSameAsRows(s: PriceStore, symbol: string, from = '2025-01-01', to = '2025-12-31'): void {
  expect(plain(s.getColumns([symbol], from, to).get(symbol))).toEqual(rowsOf(s.file, symbol, from, to))
}

describe('packed series', () => {
  it('are cut from columns only when their days ascend strictly', () => {
    expect([[], [5], [1, 2, 9]].map((d) => strictlyAscending(Int32Array.from(d)))).toEqual([true, true, true])
    expect(
      [
        [2, 1],
        [1, 1],
        [1, 3, 2],
      ].map((d) => strictlyAscending(Int32Array.from(d))),
    ).toEqual([false, false, false])
  })

  it('match the rows after a replace, a first merge, a merge into stored days and an upsert, over any range', () => {
    const s = keep(PriceStore.open(tempDir()))
    s.replaceHistory('A', [bar('2025-01-03', 3, 3), bar('2025-01-02', 2, null, null), bar('2025-01-06', 6, 5.9)], {
      source: 't',
    })
    s.mergeHistory('B', [bar('2025-01-02', 1, 1), bar('2025-01-03', null, 1.1)], {source: 't'})
    s.mergeHistory('B', [bar('2025-01-03', 1.2, 1.1), bar('2025-01-07', 1.3, 1.3)], {source: 't'})
    s.upsertBars('A', [bar('2025-01-03', 3.5, 3.5), bar('2025-01-01', 1, 1)], {source: 't'})
    expect(packedSymbols(s.file)).toEqual(['A', 'B'])
    for (const sym of ['A', 'B']) {
      expectSameAsRows(s, sym)
      expectSameAsRows(s, sym, '2025-01-03', '2025-01-05')
      expectSameAsRows(s, sym, '2025-01-07', '2025-01-07')
    }
    expect(s.getColumns(['A'], '2025-02-01', '2025-03-01').has('A')).toBe(false)
    expect([s.firstDate('A'), s.lastDate('A'), s.firstDate('B'), s.lastDate('B')]).toEqual([
      '2025-01-01',
      '2025-01-06',
      '2025-01-02',
      '2025-01-07',
    ])
    expect([s.hasSymbol('a'), s.hasSymbol('C')]).toEqual([true, false])
  })

  it('are cut in blocks of 512 calendar days, and any range across them reads the same as the rows', () => {
    const s = keep(PriceStore.open(tempDir()))
    const days = Array.from({length: 1800}, (_, i) => isoOfDay(dayNumber('2019-01-01') + i)).filter((_, i) => i % 7 < 5)
    s.replaceHistory(
      'L',
      days.map((d, i) => bar(d, 10 + i, i % 11 === 0 ? null : 20 + i, i % 13 === 0 ? null : i)),
      {source: 't'},
    )
    const db = new Database(s.file, {readonly: true})
    const blocks = db
      .prepare("SELECT block, rows, first_date, last_date FROM series WHERE symbol = 'L' ORDER BY block")
      .all() as {block: number; rows: number; first_date: string; last_date: string}[]
    db.close()
    expect(blocks.length).toBe(5)
    expect(blocks.reduce((n, b) => n + b.rows, 0)).toBe(days.length)
    for (const b of blocks) expect(Math.floor(dayNumber(b.first_date) / BLOCK_DAYS)).toBe(b.block)
    const edges = blocks.flatMap((b) => [b.first_date, b.last_date])
    const ranges: [string, string][] = [
      ['2018-01-01', '2030-01-01'],
      [edges[1], edges[2]],
      [edges[2], edges[2]],
      [edges[1], edges[6]],
      ['2019-06-01', '2020-03-15'],
      [isoOfDay(dayNumber(edges[3]) + 1), isoOfDay(dayNumber(edges[4]) - 1)],
    ]
    for (const [from, to] of ranges) expectSameAsRows(s, 'L', from, to)
    expect([s.firstDate('L'), s.lastDate('L')]).toEqual([days[0], days[days.length - 1]])
    // Joined into lent memory, one read after the other: the same columns, the widest read's memory reused.
    const scratch = new ReusedColumns()
    const buffers = new Set<ArrayBufferLike>()
    for (const [from, to] of [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const c = s.getColumns(['L'], from, to, scratch).get('L')
      expect(plain(c), `${from}..${to}`).toEqual(rowsOf(s.file, 'L', from, to))
      if (c && c.days.length > BLOCK_DAYS) buffers.add(c.close.buffer)
    }
    expect(buffers.size).toBe(1)
  })

  it('are dropped when the rows change outside aftershock, and the rows are read instead', () => {
    const dir = tempDir()
    const s = keep(PriceStore.open(dir))
    s.replaceHistory('A', [bar('2025-01-02', 2, 2), bar('2025-01-03', 3, 3)], {source: 't'})
    s.replaceHistory('B', [bar('2025-01-02', 2, 2)], {source: 't'})
    const db = new Database(path.join(dir, STORE_FILE))
    db.prepare("UPDATE bars SET adj_close = 9 WHERE symbol = 'A' AND date = '2025-01-03'").run()
    db.prepare(
      "INSERT INTO bars (symbol, date, close, source, fetched_at) VALUES ('B', '2025-01-06', 7, 'sql', 'now')",
    ).run()
    db.close()
    expect(packedSymbols(s.file)).toEqual([])
    const c = s.getColumns(['A', 'B'], '2025-01-01', '2025-01-31')
    expect(Array.from(c.get('A')!.adjClose)).toEqual([2, 9])
    expect(Array.from(c.get('B')!.close)).toEqual([2, 7])
    expectSameAsRows(s, 'B')
    expect([s.lastDate('B'), String(s.hasSymbol('B'))]).toEqual(['2025-01-06', 'true'])
  })
})
