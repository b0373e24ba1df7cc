import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {parsePriceCsv} from '../../src/sources/csv.js'
import {importPaths} from '../../src/sources/import.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {COVID_DIR, haveSharedData, PRICES_DIR} from '../helpers/shared.js'

const HEADER = 'date,open,high,low,close,adj_close,volume'
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

describe('implausible values', () => {
  const parse = (rows: string, allowExtreme = false) =>
    parsePriceCsv(`${HEADER}\n${rows}\n`, 'X.csv', {allowExtreme, today: '2026-12-01'})

  it('refuses prices outside 1e-6..1e9 with FILE:LINE, unless allowed', () => {
    expect(() => parse('2020-01-02,,,,,1e308,')).toThrow(
      'X.csv:2: price 1e308 in column adj_close is outside 0.000001..1000000000; fix it, or pass --allow-extreme if it is real',
    )
    expect(() => parse('2020-01-02,,,,,1,\n2020-01-03,1e-300,,,,1,')).toThrow(/^X\.csv:3: price 1e-300 in column open/)
    expect(parse('2020-01-02,,,,,1e308,\n2020-01-03,,,,,1e-300,', true).bars).toHaveLength(2)
    // the limits themselves and a large volume are fine
    expect(parse('2020-01-02,0.000001,1000000000,,,1,99000000000000').bars).toHaveLength(1)
  })

  it('refuses dates outside 1900-01-01..tomorrow with FILE:LINE, unless allowed', () => {
    expect(() => parse('1899-12-29,,,,,1,')).toThrow(
      'X.csv:2: date 1899-12-29 is outside 1900-01-01..2026-12-02; fix it, or pass --allow-extreme',
    )
    expect(() => parse('2026-12-03,,,,,1,')).toThrow(/X\.csv:2: date 2026-12-03 is outside/)
    expect(parse('2026-12-02,,,,,1,').bars).toHaveLength(1)
    expect(parse('1899-12-29,,,,,1,\n2999-01-01,,,,,1,', true).bars).toHaveLength(2)
  })

  it('reports the printed precision of each column', () => {
    expect(parse('2020-01-02,1.5,,,1898.01001,2.5e-3,100').rounding).toEqual({
      open: 0.05,
      close: 0.000005,
      adjClose: 0.00005,
      volume: 0.5,
    })
  })
})

describe('importPaths: merge by date and column', () => {
  it('stores each good file of a batch whole and none of a rejected one, even when a merge is refused mid-batch', () => {
    const {dir, store} = setup()
    const prices = path.join(dir, 'prices')
    mkdirSync(prices)
    writeFileSync(path.join(prices, 'A.csv'), `${HEADER}\n2020-01-02,,,,1,1,\n2020-01-03,,,,2,2,\n`)
    writeFileSync(path.join(prices, 'B.csv'), `${HEADER}\n2020-01-02,,,,1,1,\n2020-01-03,,,,-2,2,\n`)
    writeFileSync(path.join(prices, 'C.csv'), `${HEADER}\n2020-01-02,,,,3,3,\n`)
    writeFileSync(path.join(prices, 'D.csv'), `${HEADER}\n2020-01-02,,,,4,4,\n`)
    importPaths(store, [path.join(prices, 'D.csv')])
    // D now disagrees with the store: its merge fails inside the batch, after A's and C's writes.
    writeFileSync(path.join(prices, 'D.csv'), `${HEADER}\n2020-01-02,,,,5,5,\n2020-01-03,,,,6,6,\n`)
    const r = importPaths(store, [prices])
    expect(r.map((x) => [x.symbol, x.ok])).toEqual([
      ['A', true],
      ['B', false],
      ['C', true],
      ['D', false],
    ])
    expect(r[1].error).toMatch(/B\.csv:3: non-positive price -2/)
    expect(store.getBars('A')).toHaveLength(2)
    expect(store.hasSymbol('B')).toBe(false)
    expect(store.getBars('C')).toHaveLength(1)
    expect(store.getBars('D').map((b) => b.close)).toEqual([4])
    expect(store.getColumns(['D'], '2020-01-01', '2020-12-31').get('D')?.close).toEqual(Float64Array.from([4]))
    expect(store.fetchLog('D')[0]).toMatchObject({action: 'error', ok: false})
  })

  it('adds older days and fills empty columns, keeping every stored row', () => {
    const {dir, store} = setup()
    const a = path.join(dir, 'a.csv')
    writeFileSync(a, `${HEADER}\n2020-01-02,93.75,,,,94.9,80580000\n2020-01-03,93.22,,,,93.75,75288000\n`)
    importPaths(store, [a], {symbol: 'AMZN'})
    const b = path.join(dir, 'b.csv')
    writeFileSync(b, `${HEADER}\n2019-12-31,,,,1847.839966,,\n2020-01-02,,,,1898.01001,,\n`)
    const [r] = importPaths(store, [b], {symbol: 'AMZN'})
    expect(r).toMatchObject({ok: true, rows: 2, added: 1, filled: 1, replaced: false})
    expect(store.getBars('AMZN')).toEqual([
      {date: '2019-12-31', open: null, high: null, low: null, close: 1847.839966, adjClose: null, volume: null},
      {date: '2020-01-02', open: 93.75, high: null, low: null, close: 1898.01001, adjClose: 94.9, volume: 80580000},
      {date: '2020-01-03', open: 93.22, high: null, low: null, close: null, adjClose: 93.75, volume: 75288000},
    ])
    expect(store.fetchLog('AMZN')[0]).toMatchObject({action: 'merge', rows: 2, from: '2019-12-31', to: '2020-01-02'})
  })

  it('refuses a file whose values disagree, naming date, column and both values; --replace replaces', () => {
    const {dir, store} = setup()
    const a = path.join(dir, 'SPY.csv')
    writeFileSync(a, `${HEADER}\n2025-01-02,,,,,580.1,\n2025-01-03,,,,,585.2,\n`)
    importPaths(store, [a])
    const before = store.getBars('SPY')
    writeFileSync(a, `${HEADER}\n2025-01-03,,,,,582.3,\n2025-01-06,,,,,590,\n`)
    const [r] = importPaths(store, [a])
    expect(r).toMatchObject({ok: false, rows: 0})
    expect(r.error).toBe(
      `${a}: disagrees with the stored SPY on 2025-01-03, column adj_close: stored 585.2, this file 582.3 (another adjustment basis?); nothing imported. Pass --replace to replace the stored history of SPY with this file`,
    )
    expect(store.getBars('SPY')).toEqual(before)
    const [r2] = importPaths(store, [a], {replace: true})
    expect(r2).toMatchObject({ok: true, replaced: true, added: 2})
    expect(store.getBars('SPY').map((b) => [b.date, b.adjClose])).toEqual([
      ['2025-01-03', 582.3],
      ['2025-01-06', 590],
    ])
  })
})

describe.runIf(haveSharedData())('the two shared data sets in one store', () => {
  // prices/: AMZN adjusted (2026 basis) OHL + adj_close from 2020-01-02, no close; GSPC close = adj_close.
  // covid-2020/: closes only, unadjusted as of spring 2020, 2019-04-01..2020-03-31 (AMZN before its 2022 20:1 split).
  for (const order of [
    [PRICES_DIR, COVID_DIR],
    [COVID_DIR, PRICES_DIR],
  ]) {
    it(`keeps every row of both (${order.map((d) => path.basename(d)).join(' then ')})`, () => {
      const {store} = setup()
      for (const d of order) expect(importPaths(store, [d]).filter((r) => !r.ok)).toEqual([])
      const amzn = store.getBars('AMZN')
      expect(amzn).toHaveLength(1595 + 191) // 191 covid days before 2020-01-02
      expect([amzn[0].date, amzn[amzn.length - 1].date]).toEqual(['2019-04-01', '2026-05-07'])
      // 2020-01-02: the raw close of 2020 beside the adjusted prices of 2026 (a 20:1 split apart)
      expect(store.getBars('AMZN', '2020-01-02', '2020-01-02')[0]).toMatchObject({
        close: 1898.01001,
        adjClose: 94.90049743652344,
        open: 93.75,
      })
      expect(amzn.filter((b) => b.adjClose !== null)).toHaveLength(1595)
      expect(amzn.filter((b) => b.close !== null)).toHaveLength(253)
      const gspc = store.getBars('GSPC')
      expect(gspc).toHaveLength(1555 + 191)
      // the closes agree to 1e-6 on the 62 common days: the first file's value is kept
      const close = store.getBars('GSPC', '2020-01-02', '2020-01-02')[0].close
      expect(close).toBe(order[0] === PRICES_DIR ? 3257.85009765625 : 3257.850098)
    })
  }
})
