// The data commands run in-process (import, prices, cache info, fetch): typed --json output valid against
// its schema, errors as one JSON document, exit codes.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import type {CacheInfoResult, FetchResult, ImportResult, PricesResult} from '../../src/cli/results.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR} from '../helpers/shared.js'
import {createYahooFetch} from '../helpers/yahoo-fetch.js'
import {jsonOf, run} from './run.js'

const HAVE = haveSharedData()
const HEADER = 'date,open,high,low,close,adj_close,volume'

function csvDir(files: Record<string, string>): string {
  const dir = tempDir('aftershock-csv-')
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

describe('import, prices and cache info in-process', () => {
  const cacheDir = path.join(tempDir(), 'cache')
  const dir = csvDir({'X.csv': `${HEADER}\n2025-01-02,1,2,0.5,1.5,1.5,100\n2025-01-03,1,2,0.5,1.6,1.6,200\n`})

  beforeAll(async () => {
    const r = await run(['import', path.join(dir, 'X.csv'), '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<ImportResult>(r, 'import-result')
    expect(doc.results).toMatchObject([{symbol: 'X', ok: true, rows: 2, from: '2025-01-02', to: '2025-01-03'}])
  })

  it('prices --json: the rows, valid against schema/prices', async () => {
    const r = await run(['prices', 'x', '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<PricesResult>(r, 'prices')
    expect(doc.symbol).toBe('X')
    expect(doc.rows.map((b) => b.close)).toEqual([1.5, 1.6])
  })

  it('prices as a table and as CSV', async () => {
    const t = await run(['prices', 'X'], {cacheDir})
    expect(t.stdout).toMatch(/2025-01-03.*1\.6000.*200/)
    const c = await run(['prices', 'X', '--csv'], {cacheDir})
    expect(c.stdout.split('\n')[0]).toBe(HEADER)
  })

  it('cache info --json and its "last written" column', async () => {
    const j = await run(['cache', 'info', '--json'], {cacheDir})
    const doc = jsonOf<CacheInfoResult>(j, 'cache-info')
    expect(doc.cacheDir).toBe(cacheDir)
    expect(doc.securities).toMatchObject([{symbol: 'X', rows: 2, source: 'csv:X.csv'}])
    const t = await run(['cache', 'info'], {cacheDir})
    expect(t.stdout).toMatch(/last written/)
    expect(t.stdout).not.toMatch(/last fetch/)
  })

  it('a symbol the store lacks: exit 2, one error document under --json', async () => {
    const j = await run(['prices', 'NOPE', '--json'], {cacheDir})
    expect(j.code).toBe(2)
    expect(j.stderr).toBe('')
    const doc = jsonOf<ErrorDocument>(j, 'error')
    expect(doc.error.code).toBe('missing-data')
    expect(doc.error.message).toMatch(/no prices for NOPE.*npx aftershock fetch NOPE/)
    const t = await run(['prices', 'NOPE'], {cacheDir})
    expect(t.code).toBe(2)
    expect(t.stdout).toBe('')
    expect(t.stderr).toMatch(/^Error: no prices for NOPE/)
  })

  it('usage errors (unknown flag, bad date) are exit 2, under --json a document too', async () => {
    const u = await run(['prices', 'X', '--bogus', '--json'], {cacheDir})
    expect(u.code).toBe(2)
    expect(jsonOf<ErrorDocument>(u, 'error').error).toMatchObject({code: 'usage'})
    const d = await run(['prices', 'X', '--from', '2025-1-2', '--json'], {cacheDir})
    expect(d.code).toBe(2)
    expect(jsonOf<ErrorDocument>(d, 'error').error).toMatchObject({code: 'bad-input', message: /--from 2025-1-2/})
  })

  it('a rejected file: exit 2 with file and line in the document; escape sequences never reach the terminal', async () => {
    const bad = csvDir({'BAD.csv': `${HEADER}\n2025-01-02,1,2,0.5,\u001b]0;owned\u0007,1,1\n`})
    const j = await run(['import', path.join(bad, 'BAD.csv'), '--json'], {cacheDir})
    expect(j.code).toBe(2)
    const doc = jsonOf<ErrorDocument>(j, 'error')
    expect(doc.error).toMatchObject({code: 'bad-input', file: path.join(bad, 'BAD.csv'), line: 2})
    const t = await run(['import', path.join(bad, 'BAD.csv')], {cacheDir})
    expect(t.code).toBe(2)
    expect(t.stderr).toContain('\\x1b]0;owned\\x07')
    expect(t.stderr).not.toMatch(/[\u001b\u0007]/)
  })

  it('good and bad files together: exit 3 and the table escapes the rejected file', async () => {
    const both = csvDir({'Y.csv': `${HEADER}\n2025-01-02,1,2,0.5,1.5,1.5,100\n`, 'Z.csv': 'nonsense\n'})
    const r = await run(['import', both], {cacheDir})
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/REJECTED/)
    expect(r.stderr).toMatch(/rejected: .*Z\.csv/)
  })
})

describe('fetch in-process, with the fake Yahoo', () => {
  it.runIf(HAVE)('fetches into the store; --json valid against schema/fetch-result', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const yahooFetch = createYahooFetch({pricesDir: PRICES_DIR, lastDate: '2025-02-28'})
    const r = await run(['fetch', 'NVDA', '^GSPC', '--from', '2025-01-02', '--json'], {cacheDir, yahooFetch})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<FetchResult>(r, 'fetch-result')
    expect(doc.results.map((s) => [s.symbol, s.ok, s.to])).toEqual([
      ['NVDA', true, '2025-02-28'],
      ['GSPC', true, '2025-02-28'],
    ])
    const p = await run(['prices', 'NVDA', '--from', '2025-01-27', '--to', '2025-01-27', '--json'], {cacheDir})
    expect(jsonOf<PricesResult>(p, 'prices').rows).toHaveLength(1)
  })

  it.runIf(HAVE)('one unknown symbol: exit 3; all unknown: exit 1', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const yahooFetch = createYahooFetch({pricesDir: PRICES_DIR, lastDate: '2025-02-28'})
    const some = await run(['fetch', 'NVDA', 'NOSUCH', '--from', '2025-01-02'], {cacheDir, yahooFetch})
    expect(some.code).toBe(3)
    expect(some.stdout).toMatch(/FAILED/)
    const all = await run(['fetch', 'NOSUCH', '--from', '2025-01-02', '--json'], {cacheDir, yahooFetch})
    expect(all.code).toBe(1)
    expect(jsonOf<FetchResult>(all, 'fetch-result').results[0].ok).toBe(false)
  })

  it('invalid symbols, a future --from and --offline are bad input: exit 2, nothing fetched', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const yahooFetch = createYahooFetch({pricesDir: PRICES_DIR})
    for (const argv of [['../etc'], ['A B'], ['NVDA', '--from', '2999-01-01'], ['NVDA', '--offline']]) {
      const r = await run(['fetch', ...argv, '--json'], {cacheDir, yahooFetch})
      expect(r.code, argv.join(' ')).toBe(2)
      expect(jsonOf<ErrorDocument>(r, 'error').error.code).toBe('bad-input')
    }
    const t = await run(['fetch', '../etc', 'A B'], {cacheDir, yahooFetch})
    expect(t.stderr).toMatch(/"\.\.\/etc", "A B": not a symbol/)
    expect(yahooFetch.calls).toEqual([])
  })
})

describe('an unusable cache folder', () => {
  it('fails with the path named, as a document under --json', async () => {
    const file = path.join(tempDir(), 'a-file')
    writeFileSync(file, 'x')
    const r = await run(['cache', 'info', '--json', '--cache-dir', path.join(file, 'cache')])
    expect(r.code).toBe(1)
    expect(jsonOf<ErrorDocument>(r, 'error').error.message).toContain(file)
  })
})
