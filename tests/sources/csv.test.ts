import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {formatPriceCsv, parsePriceCsv, symbolFromFile} from '../../src/sources/csv.js'
import {importPaths} from '../../src/sources/import.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR} from '../helpers/shared.js'

const SHARED_HEADER = 'date,open,high,low,close,adj_close,volume'

describe('parsePriceCsv: formats', () => {
  it('reads the shared format with empty fields as null', () => {
    const {bars, skipped} = parsePriceCsv(
      `${SHARED_HEADER}\n2025-01-24,148.3,148.9,141.8,,142.57,234657600\n2025-01-27,,,,,118.38,\n`,
      'NVDA.csv',
    )
    expect(skipped).toBe(0)
    expect(bars).toEqual([
      {date: '2025-01-24', open: 148.3, high: 148.9, low: 141.8, close: null, adjClose: 142.57, volume: 234657600},
      {date: '2025-01-27', open: null, high: null, low: null, close: null, adjClose: 118.38, volume: null},
    ])
  })

  it('reads Yahoo\'s download format, case-insensitive, with "null" cells, CRLF and a BOM', () => {
    const text =
      '\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\r\n2020-01-02,74.06,75.15,73.7975,75.0875,72.716,135480400\r\n2020-01-03,null,null,null,null,null,null\r\n2020-01-06,73.4475,74.99,73.1875,74.95,null,118387200\r\n'
    const {bars, skipped} = parsePriceCsv(text, 'AAPL.csv')
    expect(skipped).toBe(1) // the all-null day carries no price
    expect(bars).toEqual([
      {date: '2020-01-02', open: 74.06, high: 75.15, low: 73.7975, close: 75.0875, adjClose: 72.716, volume: 135480400},
      {date: '2020-01-06', open: 73.4475, high: 74.99, low: 73.1875, close: 74.95, adjClose: null, volume: 118387200},
    ])
  })

  it('sorts rows ascending, ignores extra columns and reads quoted cells', () => {
    const text = 'DATE,"Adj Close",Dividends\n2025-01-03,"3",0\n2025-01-01,1,0\n2025-01-02,2,0.5\n'
    const {bars} = parsePriceCsv(text, 'x.csv')
    expect(bars.map((b) => [b.date, b.adjClose])).toEqual([
      ['2025-01-01', 1],
      ['2025-01-02', 2],
      ['2025-01-03', 3],
    ])
    expect(bars[0].close).toBeNull()
  })

  it('reads scientific notation and writes back what it reads', () => {
    const {bars} = parsePriceCsv(`${SHARED_HEADER}\n2025-01-02,1e2,1.5E2,.5,100,99.5,1.3e8\n`, 'x.csv')
    expect(bars[0]).toMatchObject({open: 100, high: 150, low: 0.5, volume: 130_000_000})
    expect(parsePriceCsv(formatPriceCsv(bars), 'again.csv').bars).toEqual(bars)
  })

  it("reads yfinance's to_csv dates with a time and offset as their date", () => {
    const {bars} = parsePriceCsv(
      'Date,Close\n2020-01-02 00:00:00-05:00,10\n2020-07-01 00:00:00-04:00,11\n2020-07-02T00:00:00Z,12\n',
      'x.csv',
    )
    expect(bars.map((b) => b.date)).toEqual(['2020-01-02', '2020-07-01', '2020-07-02'])
    expect(() => parsePriceCsv('Date,Close\n2020-01-02 junk,10\n', 'x.csv')).toThrow(
      /x\.csv:2: unparseable date "2020-01-02 junk"/,
    )
  })

  it('takes the symbol from the file name', () => {
    expect(symbolFromFile('/a/b/NVDA.csv')).toBe('NVDA')
    expect(symbolFromFile('^gspc.CSV')).toBe('GSPC')
    expect(symbolFromFile('brk-b.csv')).toBe('BRK-B')
  })
})

describe('parsePriceCsv: every bad row rejects the file with FILE:LINE: reason', () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      'unparseable date',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,1\n01/03/2025,1,1,1,1,1,1\n`,
      /^bad\.csv:3: unparseable date "01\/03\/2025"/,
    ],
    [
      'impossible calendar date',
      `${SHARED_HEADER}\n2025-02-30,1,1,1,1,1,1\n`,
      /^bad\.csv:2: unparseable date "2025-02-30"/,
    ],
    [
      'unparseable number',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,1\n2025-01-03,1,abc,1,1,1,1\n`,
      /^bad\.csv:3: unparseable number "abc" in column high/,
    ],
    [
      'number with junk',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,12.5x,1\n`,
      /^bad\.csv:2: unparseable number "12\.5x" in column adj_close$/,
    ],
    ['NaN text', `${SHARED_HEADER}\n2025-01-02,NaN,1,1,1,1,1\n`, /^bad\.csv:2: unparseable number "NaN"/],
    [
      'duplicate date',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,1\n2025-01-03,1,1,1,1,1,1\n2025-01-02,1,1,1,1,1,1\n`,
      /^bad\.csv:4: duplicate date 2025-01-02 \(also on line 2\)/,
    ],
    [
      'zero price',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,0,1\n`,
      /^bad\.csv:2: non-positive price 0 in column adj_close$/,
    ],
    [
      'negative price',
      `${SHARED_HEADER}\n2025-01-02,1,1,-3,1,1,1\n`,
      /^bad\.csv:2: non-positive price -3 in column low/,
    ],
    [
      'Yahoo header: the column named as written',
      'Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-02,1,1,1,1,x1,1\n',
      /^bad\.csv:2: unparseable number "x1" in column Adj Close$/,
    ],
    [
      'column twice, named as written',
      'date,Adj Close,adj_close\n2025-01-02,1,1\n',
      /^bad\.csv:1: column "adj_close" appears twice in the header \(also "Adj Close"\)/,
    ],
    ['negative volume', `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,-5\n`, /^bad\.csv:2: negative volume -5/],
    ['missing header', '2025-01-02,1,1,1,1,1,1\n', /^bad\.csv:1: missing header/],
    [
      'header without a price column',
      'date,open,volume\n2025-01-02,1,1\n',
      /^bad\.csv:1: the header has neither a close nor an adj_close column/,
    ],
    [
      'column twice',
      'date,close,Close\n2025-01-02,1,1\n',
      /^bad\.csv:1: column "Close" appears twice in the header \(also "close"\)/,
    ],
    ['empty file', '', /^bad\.csv:1: empty file/],
    [
      'too few fields',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1\n`,
      /^bad\.csv:2: expected 7 fields as in the header, found 6/,
    ],
    ['too many fields', `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,1,1\n`, /^bad\.csv:2: expected 7 fields/],
    [
      'blank line inside',
      `${SHARED_HEADER}\n2025-01-02,1,1,1,1,1,1\n\n2025-01-03,1,1,1,1,1,1\n`,
      /^bad\.csv:3: empty line inside the data/,
    ],
    [
      'volume without price',
      `${SHARED_HEADER}\n2025-01-02,,,,,,100\n`,
      /^bad\.csv:2: a row with a volume but no price/,
    ],
  ]
  for (const [name, text, re] of cases) {
    it(name, () => {
      let err: unknown
      try {
        parsePriceCsv(text, 'bad.csv')
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(InputError)
      expect((err as InputError).exitCode).toBe(2)
      expect((err as Error).message).toMatch(re)
    })
  }
})

describe('importPaths', () => {
  const stores: PriceStore[] = []
  afterEach(() => {
    for (const s of stores.splice(0)) s.close()
  })
  function setup(): {dir: string; store: PriceStore} {
    const dir = tempDir()
    const store = PriceStore.open(path.join(dir, 'cache'))
    stores.push(store)
    return {dir, store}
  }

  it('leaves the store unchanged for a rejected file, stores the good ones', () => {
    const {dir, store} = setup()
    const data = path.join(dir, 'data')
    mkdirSync(data)
    writeFileSync(path.join(data, 'AAA.csv'), `${SHARED_HEADER}\n2025-01-02,,,,,10,\n2025-01-03,,,,,11,\n`)
    writeFileSync(path.join(data, 'BBB.csv'), `${SHARED_HEADER}\n2025-01-02,,,,,20,\n`)
    expect(importPaths(store, [data]).every((r) => r.ok)).toBe(true)
    const before = store.getBars('BBB')

    // a new BBB.csv whose third row is bad: the old BBB history must survive whole
    writeFileSync(
      path.join(data, 'BBB.csv'),
      `${SHARED_HEADER}\n2025-01-06,,,,,21,\n2025-01-07,,,,,22,\n2025-01-08,,,,,-1,\n`,
    )
    writeFileSync(path.join(data, 'CCC.csv'), `${SHARED_HEADER}\n2025-01-02,,,,,30,\n`)
    const res = importPaths(store, [data])
    expect(res.map((r) => [r.symbol, r.ok, r.rows])).toEqual([
      ['AAA', true, 2],
      ['BBB', false, 0],
      ['CCC', true, 1],
    ])
    expect(res[1].error).toMatch(/BBB\.csv:4: non-positive price -1/)
    expect(store.getBars('BBB')).toEqual(before)
    expect(store.getBars('CCC')).toHaveLength(1)
    expect(store.fetchLog('BBB')[0]).toMatchObject({action: 'error', ok: false})
  })

  it('merges a re-import into the stored history, replaces it with replace, and honours --symbol for one file', () => {
    const {dir, store} = setup()
    const f = path.join(dir, 'download.csv')
    writeFileSync(f, 'Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-02,1,1,1,1,1,1\n')
    expect(importPaths(store, [f], {symbol: '^gspc'})[0]).toMatchObject({
      symbol: 'GSPC',
      ok: true,
      rows: 1,
      from: '2025-01-02',
      to: '2025-01-02',
    })
    writeFileSync(f, 'Date,Open,High,Low,Close,Adj Close,Volume\n2025-02-03,2,2,2,2,2,2\n')
    expect(importPaths(store, [f], {symbol: 'GSPC'})[0]).toMatchObject({ok: true, added: 1, replaced: false})
    expect(store.getBars('GSPC').map((b) => b.date)).toEqual(['2025-01-02', '2025-02-03'])
    writeFileSync(f, 'Date,Open,High,Low,Close,Adj Close,Volume\n2025-03-03,3,3,3,3,3,3\n')
    expect(importPaths(store, [f], {symbol: 'GSPC', replace: true})[0]).toMatchObject({ok: true, replaced: true})
    expect(store.getBars('GSPC').map((b) => b.date)).toEqual(['2025-03-03'])
    expect(store.listSecurities()[0].source).toBe('csv:download.csv')
  })

  it('a file whose rows all lack a price is rejected as such, not as having no rows', () => {
    const {dir, store} = setup()
    const f = path.join(dir, 'NULLS.csv')
    writeFileSync(
      f,
      'Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-02,null,null,null,null,null,null\n2025-01-03,null,null,null,null,null,null\n',
    )
    const [r] = importPaths(store, [f])
    expect(r).toMatchObject({ok: false, rows: 0})
    expect(r.error).toMatch(/NULLS\.csv: all 2 data rows lack a price \(every cell empty or null\); nothing to import/)
    const g = path.join(dir, 'HEADER.csv')
    writeFileSync(g, `${SHARED_HEADER}\n`)
    expect(importPaths(store, [g])[0].error).toMatch(/HEADER\.csv: no data rows below the header/)
    expect(store.listSecurities()).toEqual([])
  })

  it('refuses bad usage before touching the store', () => {
    const {dir, store} = setup()
    writeFileSync(path.join(dir, 'A.csv'), `${SHARED_HEADER}\n2025-01-02,,,,,1,\n`)
    writeFileSync(path.join(dir, 'B.csv'), `${SHARED_HEADER}\n2025-01-02,,,,,1,\n`)
    expect(() => importPaths(store, [path.join(dir, 'nope.csv')])).toThrow(/nope\.csv: no such file or folder/)
    expect(() => importPaths(store, [dir], {symbol: 'X'})).toThrow(/--symbol names one symbol, but 2 files/)
    const empty = path.join(dir, 'empty')
    mkdirSync(empty)
    expect(() => importPaths(store, [empty])).toThrow(/holds no \.csv files/)
    expect(store.listSecurities()).toEqual([])
  })

  it.runIf(haveSharedData())('imports all 37 shared files; NVDA fell 16.97% on 2025-01-27', () => {
    const {store} = setup()
    const res = importPaths(store, [PRICES_DIR])
    expect(res).toHaveLength(37)
    expect(res.filter((r) => !r.ok)).toEqual([])
    expect(store.listSecurities()).toHaveLength(37)
    const [a, b] = store.getBars('NVDA', '2025-01-24', '2025-01-27')
    expect(b.adjClose! / a.adjClose! - 1).toBeCloseTo(-0.1697, 4)
    expect(store.getBars('GSPC')[0]).toMatchObject({
      date: '2020-01-02',
      close: 3257.85009765625,
      adjClose: 3257.85009765625,
    })
    expect(store.getBars('NVDA')).toHaveLength(1595)
  })
})

describe('parsePriceCsv: cells', () => {
  it('trims what String.prototype.trim trims and nothing else (control characters stay, to be shown escaped)', () => {
    const text = `${SHARED_HEADER}\n2025-01-02,\u00a01.5\t, 2 ,\u30003\u2028,4,5,\ufeff6\n2025-01-03,,,,\u001b1,,\n`
    expect(() => parsePriceCsv(text, 'X.csv')).toThrow('X.csv:3: unparseable number "\u001b1" in column close')
    const {bars} = parsePriceCsv(text.split('\n').slice(0, 2).join('\n'), 'X.csv')
    expect(bars[0]).toMatchObject({open: 1.5, high: 2, low: 3, close: 4, adjClose: 5, volume: 6})
  })
})
