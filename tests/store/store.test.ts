import Database from 'better-sqlite3'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {isoOfDay} from '../../src/store/days.js'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import {isValidSymbol, normalizeSymbol, yahooSymbol} from '../../src/store/symbols.js'
import type {Bar} from '../../src/types.js'
import {tempDir} from '../helpers/cli.js'

const bar = (date: string, adjClose: number, extra: Partial<Bar> = {}): Bar => ({
  date,
  open: null,
  high: null,
  low: null,
  close: null,
  adjClose,
  volume: null,
  ...extra,
})

const open: PriceStore[] = []
function fresh(): PriceStore {
  const s = PriceStore.open(path.join(tempDir(), 'cache'))
  open.push(s)
  return s
}
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

describe('symbols', () => {
  it('normalizes to upper case without a leading caret', () => {
    expect(normalizeSymbol('^gspc')).toBe('GSPC')
    expect(normalizeSymbol(' nvda ')).toBe('NVDA')
    expect(normalizeSymbol('BRK-B')).toBe('BRK-B')
  })
  it('spells known indexes and typed carets the Yahoo way', () => {
    expect(yahooSymbol('GSPC')).toBe('^GSPC')
    expect(yahooSymbol('vix')).toBe('^VIX')
    expect(yahooSymbol('^FTSE')).toBe('^FTSE')
    expect(yahooSymbol('NVDA')).toBe('NVDA')
    expect(yahooSymbol('SPY')).toBe('SPY')
  })
  it('rejects implausible symbols', () => {
    expect(isValidSymbol('NVDA')).toBe(true)
    expect(isValidSymbol('^GSPC')).toBe(true)
    expect(isValidSymbol('7203.T')).toBe(true)
    expect(isValidSymbol('')).toBe(false)
    expect(isValidSymbol('NV DA')).toBe(false)
    expect(isValidSymbol('../etc')).toBe(false)
  })
})

describe('PriceStore', () => {
  it('creates the folder and a WAL-mode SQLite file with the tables, and reopens idempotently', () => {
    const dir = path.join(tempDir(), 'a', 'b')
    const s1 = PriceStore.open(dir)
    s1.replaceHistory('NVDA', [bar('2025-01-02', 1)], {source: 'test'})
    s1.close()
    const s2 = PriceStore.open(dir)
    expect(s2.getBars('NVDA')).toHaveLength(1)
    s2.close()
    const file = path.join(dir, STORE_FILE)
    expect(existsSync(file)).toBe(true)
    const db = new Database(file, {readonly: true})
    expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
    const objects = db
      .prepare("SELECT type || ' ' || name AS o FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
      .pluck()
      .all()
    expect(objects).toEqual(
      expect.arrayContaining([
        'view bars',
        'table fetch_log',
        'table meta',
        'table prices',
        'table securities',
        'table series',
        'table writes',
      ]),
    )
    db.close()
  })

  it('returns bars ascending, by range, under the normalized key', () => {
    const s = fresh()
    s.replaceHistory('^gspc', [bar('2025-01-03', 3), bar('2025-01-01', 1), bar('2025-01-02', 2)], {source: 'test'})
    expect(s.getBars('GSPC').map((b) => b.date)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03'])
    expect(s.getBars('^GSPC', '2025-01-02').map((b) => b.adjClose)).toEqual([2, 3])
    expect(s.getBars('gspc', undefined, '2025-01-02').map((b) => b.adjClose)).toEqual([1, 2])
    expect(s.getBars('gspc', '2025-01-02', '2025-01-02')).toEqual([bar('2025-01-02', 2)])
    expect(s.hasSymbol('GSPC')).toBe(true)
    expect(s.hasSymbol('NVDA')).toBe(false)
    expect(s.lastDate('GSPC')).toBe('2025-01-03')
    expect(s.firstDate('GSPC')).toBe('2025-01-01')
    expect(s.lastDate('NVDA')).toBeNull()
  })

  it('getColumns reads close, adjusted close and volume of many symbols over a range, NaN for a missing value', () => {
    const s = fresh()
    s.replaceHistory(
      '^gspc',
      [bar('2025-01-01', 1, {close: 1.5, volume: 10}), bar('2025-01-02', 2), bar('2025-01-03', 3, {volume: 30})],
      {source: 'test'},
    )
    s.replaceHistory('NVDA', [bar('2025-01-05', 5)], {source: 'test'})
    const c = s.getColumns(['^GSPC', 'NVDA', 'MSFT'], '2025-01-02', '2025-01-03')
    expect([...c.keys()]).toEqual(['^GSPC'])
    const g = c.get('^GSPC')!
    expect(Array.from(g.days, isoOfDay)).toEqual(['2025-01-02', '2025-01-03'])
    expect(Array.from(g.adjClose)).toEqual([2, 3])
    expect(Array.from(g.close)).toEqual([Number.NaN, Number.NaN])
    expect(Array.from(g.volume)).toEqual([Number.NaN, 30])
    expect(Array.from(s.getColumns(['gspc'], '2025-01-01', '2025-01-01').get('gspc')!.close)).toEqual([1.5])
  })

  it('replaceHistory drops the old days; upsertBars keeps them and overwrites the given days', () => {
    const s = fresh()
    s.replaceHistory('X', [bar('2025-01-01', 1), bar('2025-01-02', 2)], {source: 'a'})
    s.replaceHistory('X', [bar('2025-01-05', 5)], {source: 'b'})
    expect(s.getBars('X').map((b) => b.date)).toEqual(['2025-01-05'])
    s.upsertBars('X', [bar('2025-01-05', 50), bar('2025-01-06', 6)], {source: 'c'})
    expect(s.getBars('X').map((b) => [b.date, b.adjClose])).toEqual([
      ['2025-01-05', 50],
      ['2025-01-06', 6],
    ])
  })

  it('keeps dividends and splits, and stores NaN as null', () => {
    const s = fresh()
    s.replaceHistory(
      'X',
      [bar('2025-01-01', 1, {dividend: 0.25, split: 10, volume: Number.NaN, open: Number.POSITIVE_INFINITY})],
      {source: 'a'},
    )
    const [b] = s.getBars('X')
    expect(b.dividend).toBe(0.25)
    expect(b.split).toBe(10)
    expect(b.volume).toBeNull()
    expect(b.open).toBeNull()
  })

  it('lists securities with range, rows, source and last fetch', () => {
    const s = fresh()
    s.replaceHistory('B', [bar('2025-01-01', 1), bar('2025-01-02', 2)], {
      source: 'csv:B.csv',
      at: '2026-01-01T00:00:00.000Z',
    })
    s.replaceHistory('A', [bar('2024-12-31', 1)], {source: 'yahoo', at: '2026-01-02T00:00:00.000Z'})
    expect(s.listSecurities()).toEqual([
      {
        symbol: 'A',
        firstDate: '2024-12-31',
        lastDate: '2024-12-31',
        rows: 1,
        source: 'yahoo',
        lastFetch: '2026-01-02T00:00:00.000Z',
      },
      {
        symbol: 'B',
        firstDate: '2025-01-01',
        lastDate: '2025-01-02',
        rows: 2,
        source: 'csv:B.csv',
        lastFetch: '2026-01-01T00:00:00.000Z',
      },
    ])
  })

  it('logs every write and explicit entries, newest first', () => {
    const s = fresh()
    s.replaceHistory('X', [bar('2025-01-01', 1)], {source: 'yahoo'})
    s.upsertBars('X', [bar('2025-01-02', 2)], {source: 'yahoo'})
    s.logFetch({symbol: 'x', source: 'yahoo', action: 'error', ok: false, rows: 0, message: 'HTTP 500'})
    const log = s.fetchLog('X')
    expect(log.map((l) => [l.action, l.ok, l.rows])).toEqual([
      ['error', false, 0],
      ['append', true, 1],
      ['replace', true, 1],
    ])
    expect(log[1]).toMatchObject({from: '2025-01-02', to: '2025-01-02'})
    expect(log[0].message).toBe('HTTP 500')
  })

  it('stores shares outstanding with their date, and refuses nonsense', () => {
    const s = fresh()
    expect(s.getShares('NVDA')).toBeNull()
    s.setShares('nvda', 24.4e9, '2026-01-02T00:00:00Z')
    expect(s.getShares('NVDA')).toEqual({shares: 24.4e9, asOf: '2026-01-02T00:00:00Z'})
    s.replaceHistory('NVDA', [bar('2025-01-01', 1)], {source: 'yahoo'})
    expect(s.getShares('NVDA')?.shares).toBe(24.4e9) // a price write keeps the shares
    expect(() => s.setShares('NVDA', -1, 'x')).toThrow(/positive/)
  })

  it('rolls a failed write back whole', () => {
    const s = fresh()
    s.replaceHistory('X', [bar('2025-01-01', 1)], {source: 'a'})
    // a date that is not text makes the insert fail half way: nothing of it must stay
    const bad = [bar('2025-02-01', 2), {...bar('2025-02-02', 3), date: null as unknown as string}]
    expect(() => s.replaceHistory('X', bad, {source: 'b'})).toThrow()
    expect(s.getBars('X')).toEqual([bar('2025-01-01', 1)])
  })
})
