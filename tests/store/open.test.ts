import Database from 'better-sqlite3'
import {existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {AftershockError, EXIT} from '../../src/errors.js'
import {ensureCacheDir, NEW_STORE_PAGE_BYTES} from '../../src/store/open.js'
import {PriceStore, STORE_FILE} from '../../src/store/store.js'
import type {Bar} from '../../src/types.js'
import {tempDir} from '../helpers/cli.js'
import {keptStores} from '../helpers/stores.js'
import {damagePriceRows} from '../helpers/damage.js'

const keep = keptStores()

/** A store of two symbols with 3000 days each, closed. */
function storeOfTwo(dir: string): string {
  const s = PriceStore.open(dir)
  for (const sym of ['AAA', 'BBB']) {
    const bars: Bar[] = Array.from({length: 3000}, (_, i) => {
      const date = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10)
      return {date, open: 1, high: 1, low: 1, close: 1 + i, adjClose: 1 + i, volume: 100}
    })
    s.replaceHistory(sym, bars, {source: 'test'})
  }
  s.close()
  return path.join(dir, STORE_FILE)
}

describe('the cache folder', () => {
  it('fails at once, naming the path and the reason, where it cannot be made (/proc, under a file)', () => {
    const t0 = Date.now()
    expect(() => PriceStore.open('/proc/x')).toThrow(/cannot use the cache folder \/proc\/x: cannot create \/proc\/x: /)
    expect(() => PriceStore.open('/proc/x/y/z')).toThrow(/cannot create \/proc\/x: /)
    const file = path.join(tempDir(), 'plain')
    writeFileSync(file, 'x')
    expect(() => PriceStore.open(path.join(file, 'cache'))).toThrow(`${file} is a file, not a folder`)
    expect(() => ensureCacheDir(file)).toThrow(`${file} is a file, not a folder`)
    expect(Date.now() - t0).toBeLessThan(2000)
  })

  it('creates missing folders one level at a time', () => {
    const dir = path.join(tempDir(), 'a', 'b', 'c')
    ensureCacheDir(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
  })
})

describe('read mode', () => {
  it('never creates a store: a missing folder or file is "no price store at PATH"', () => {
    const dir = path.join(tempDir(), 'typo')
    let err: unknown
    try {
      PriceStore.open(dir, {mode: 'read'})
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AftershockError)
    expect((err as AftershockError).exitCode).toBe(EXIT.failure)
    expect((err as Error).message).toMatch(`no price store at ${path.join(dir, STORE_FILE)}; import or fetch first`)
    expect(existsSync(dir)).toBe(false)
  })

  it('calls a 0-byte file an error, not an empty store', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, STORE_FILE), '')
    expect(() => PriceStore.open(dir, {mode: 'read'})).toThrow(/is empty \(0 bytes\), not a price store/)
  })

  it('refuses an SQLite file without the tables, and any write', () => {
    const dir = tempDir()
    const other = new Database(path.join(dir, STORE_FILE))
    other.exec('CREATE TABLE t (x)')
    other.close()
    expect(() => PriceStore.open(dir, {mode: 'read'})).toThrow(/is not a price store \(no table meta, securities/)
    const dir2 = tempDir()
    storeOfTwo(dir2)
    const s = keep(PriceStore.open(dir2, {mode: 'read'}))
    expect(s.getBars('AAA')).toHaveLength(3000)
    expect(() => s.replaceHistory('AAA', [], {source: 'x'})).toThrow(/opened read-only; nothing was written/)
    expect(s.getBars('AAA')).toHaveLength(3000)
  })
})

describe('a damaged store', () => {
  it('is refused for writing, with the file and how to recover, and nothing is written', () => {
    const dir = tempDir()
    const file = storeOfTwo(dir)
    damagePriceRows(file)
    const before = statSync(file).mtimeMs
    expect(() => PriceStore.open(dir)).toThrow(
      new RegExp(`the price store ${file} is damaged \\(.+\\); nothing was written to it\\. Move it aside`),
    )
    expect(statSync(file).mtimeMs).toBe(before)
  })

  it('gives reads that hit the damage a clear error naming the file, never a raw SqliteError', () => {
    const dir = tempDir()
    const file = storeOfTwo(dir)
    damagePriceRows(file)
    const s = keep(PriceStore.open(dir, {mode: 'read'}))
    let err: Error | undefined
    try {
      s.getBars('AAA')
    } catch (e) {
      err = e as Error
    }
    expect(err?.name).toBe('AftershockError')
    expect(err?.message).toMatch(`the price store ${file} is damaged (database disk image is malformed)`)
    expect(err?.message).toMatch(/import or fetch the prices again/)
  })
})

describe('the page size', () => {
  const pageSize = (file: string): number => {
    const db = new Database(file, {readonly: true})
    const size = db.pragma('page_size', {simple: true}) as number
    db.close()
    return size
  }

  it("is SQLite's largest in a new store, and stays what an existing store was made with", () => {
    const file = storeOfTwo(tempDir())
    expect(pageSize(file)).toBe(NEW_STORE_PAGE_BYTES)
    const dir = tempDir()
    const old = path.join(dir, STORE_FILE)
    const db = new Database(old)
    db.pragma('page_size = 4096')
    db.pragma('journal_mode = WAL')
    db.close()
    keep(PriceStore.open(dir)).replaceHistory(
      'A',
      [{date: '2025-01-02', open: 1, high: 1, low: 1, close: 1, adjClose: 1, volume: 1}],
      {source: 't'},
    )
    expect(pageSize(old)).toBe(4096)
  })
})

describe('an existing folder', () => {
  it('is used as it is', () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'c'))
    const s = keep(PriceStore.open(path.join(dir, 'c')))
    expect(s.mode).toBe('write')
    expect(s.listSecurities()).toEqual([])
  })
})

describe('read mode on a path that cannot hold a store', () => {
  it('names the reason when a part of the path is a file', () => {
    const file = path.join(tempDir(), 'plain')
    writeFileSync(file, 'x')
    expect(() => PriceStore.open(file, {mode: 'read'})).toThrow(
      `cannot read the price store ${file}/${STORE_FILE}: a part of the path is a file, not a folder (check --cache-dir)`,
    )
  })
})
