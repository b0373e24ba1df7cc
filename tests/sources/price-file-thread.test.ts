// The import with its parsing on a worker thread (the built CLI's modules in dist/, where the worker's .js file
// is): batch after batch parsed while the one before is written, it stores exactly what the import in one thread
// stores (every row, source, log entry and packed series) and reports the same summaries, a bad file included.
import Database from 'better-sqlite3'
import {copyFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {importPaths, type ImportSummary} from '../../src/sources/import.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'

const dist = (p: string) => path.join(REPO, 'dist', p)

interface Built {
  importPathsThreaded: typeof import('../../src/sources/import.js').importPathsThreaded
  PriceFileThread: typeof import('../../src/sources/price-file-thread.js').PriceFileThread
  PriceStore: typeof PriceStore
}

async function built(): Promise<Built> {
  const [imp, thread, store] = await Promise.all([
    import(dist('sources/import.js')),
    import(dist('sources/price-file-thread.js')),
    import(dist('store/store.js')),
  ])
  return {...imp, ...thread, ...store}
}

function content(file: string): unknown[][] {
  const db = new Database(file, {readonly: true})
  const hex = (x: unknown) => (Buffer.isBuffer(x) ? x.toString('hex') : x)
  const q = (sql: string) => (db.prepare(sql).raw().all() as unknown[][]).map((r) => r.map(hex))
  const out = [
    q('SELECT * FROM bars ORDER BY symbol, date'),
    q('SELECT symbol, block, rows, first_date, last_date, days, close, adj_close, volume FROM series ORDER BY 1, 2'),
    // a rejection is logged at the time it happens
    q(
      'SELECT iif(ok, at, NULL), symbol, source, action, ok, rows, from_date, to_date, message FROM fetch_log ORDER BY id',
    ),
    q('SELECT symbol, source, last_fetch FROM securities ORDER BY symbol'),
  ]
  db.close()
  return out
}

describe.runIf(haveSharedData())('the import with a parsing thread', () => {
  it('stores and reports what the import in one thread does, batch by batch', async () => {
    const b = await built()
    expect(b.PriceFileThread.available()).toBe(true)
    const folder = tempDir()
    for (const f of readdirSync(PRICES_DIR).filter((x) => x.endsWith('.csv')))
      copyFileSync(path.join(PRICES_DIR, f), path.join(folder, f))
    writeFileSync(path.join(folder, 'BAD.csv'), 'date,close\n2025-01-02,x\n')
    const opts = {now: () => '2026-12-01T00:00:00.000Z', today: '2026-12-01', batchBytes: 200_000}
    const one = PriceStore.open(tempDir())
    const want: ImportSummary[] = importPaths(one, [folder], opts)
    one.close()
    const two = b.PriceStore.open(tempDir())
    const got = await b.importPathsThreaded(two, [folder], opts)
    two.close()
    expect(got).toEqual(want)
    expect(got.filter((r) => !r.ok).map((r) => r.symbol)).toEqual(['BAD'])
    expect(got.length).toBeGreaterThan(30)
    expect(content(two.file)).toEqual(content(one.file))
  })

  it('stops on a store error with that error, the next batch still being parsed', async () => {
    const b = await built()
    const store = PriceStore.open(tempDir())
    let batches = 0
    const failing = Object.assign(Object.create(store), {
      batch: () => {
        batches++
        throw new Error('disk I/O error')
      },
    }) as PriceStore
    await expect(b.importPathsThreaded(failing, [PRICES_DIR], {batchBytes: 100_000})).rejects.toThrow('disk I/O error')
    store.close()
    expect(batches).toBe(1)
  })
})
