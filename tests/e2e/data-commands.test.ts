// End-to-end: the built CLI (npm run build first) on the data commands: import, prices, fetch, cache info.
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, runCli, tempDir, type CliRun} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'
import {fakeYahooEnv, type FakeYahooOptions} from '../helpers/yahoo-fetch.js'

const HAVE = haveSharedData()
const HEADER = 'date,open,high,low,close,adj_close,volume'

/** Runs the CLI without waiting, so that two can run at once. */
function runCliAsync(args: string[], cacheDir: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env: {...process.env, NO_COLOR: '1', AFTERSHOCK_CACHE_DIR: cacheDir, ...env},
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

function fetchCli(args: string[], cacheDir: string, fake: FakeYahooOptions = {}): CliRun {
  return runCli(['fetch', ...args], {cacheDir, env: fakeYahooEnv(fake)})
}

interface SecurityJson {
  symbol: string
  rows: number
  firstDate: string
  lastDate: string
  source: string
}
function cacheInfo(cacheDir: string): SecurityJson[] {
  const r = runCli(['cache', 'info', '--json'], {cacheDir})
  expect(r.code).toBe(0)
  return (JSON.parse(r.stdout) as {securities: SecurityJson[]}).securities
}

describe.runIf(HAVE)('import and prices on the shared data (the issue\'s "done when")', () => {
  const cacheDir = path.join(tempDir(), 'cache')
  beforeAll(() => {
    const r = runCli(['import', PRICES_DIR], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
  })

  it('stores all 37 symbols', () => {
    const secs = cacheInfo(cacheDir)
    expect(secs).toHaveLength(37)
    expect(secs.find((s) => s.symbol === 'NVDA')).toMatchObject({
      rows: 1595,
      firstDate: '2020-01-02',
      lastDate: '2026-05-07',
      source: 'csv:NVDA.csv',
    })
    expect(secs.find((s) => s.symbol === 'GSPC')).toMatchObject({rows: 1555})
  })

  it('prices NVDA --json gives exactly the two rows; adjusted closes fall 16.97%', () => {
    const r = runCli(['prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as {symbol: string; rows: Array<Record<string, number | null | string>>}
    expect(Object.keys(doc)).toEqual(['symbol', 'rows'])
    expect(doc.symbol).toBe('NVDA')
    expect(doc.rows.map((x) => x.date)).toEqual(['2025-01-24', '2025-01-27'])
    for (const row of doc.rows)
      expect(Object.keys(row)).toEqual(['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume'])
    expect(doc.rows[0].close).toBeNull()
    const ret = (doc.rows[1].adjClose as number) / (doc.rows[0].adjClose as number) - 1
    expect(Number(ret.toFixed(4))).toBe(-0.1697)
  })

  it('prices ^gspc reads the same key as GSPC; --csv writes what import reads', () => {
    const r = runCli(['prices', '^gspc', '--from', '2025-01-24', '--to', '2025-01-27', '--csv'], {cacheDir})
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe(HEADER)
    expect(lines[2]).toBe(
      '2025-01-27,5969.0400390625,6017.169921875,5962.919921875,6012.27978515625,6012.27978515625,5198750000',
    )
    const other = path.join(tempDir(), 'cache')
    const f = path.join(tempDir(), 'out.csv')
    writeFileSync(f, r.stdout)
    expect(runCli(['import', f, '--symbol', 'GSPC'], {cacheDir: other}).code).toBe(0)
    const back = runCli(['prices', 'GSPC', '--csv'], {cacheDir: other})
    expect(back.stdout).toBe(r.stdout)
  })

  it('the human table shows the rows', () => {
    const r = runCli(['prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27'], {cacheDir})
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('2025-01-27')
    expect(r.stdout).toContain('118.3812')
  })
})

describe('prices and import: errors and exit codes', () => {
  it('missing symbol: exit 2 (data the store lacks), names the symbol and how to get it', () => {
    const dir = tempDir()
    const cacheDir = path.join(dir, 'cache')
    writeFileSync(path.join(dir, 'ONE.csv'), `${HEADER}\n2025-01-02,,,,,1,\n`)
    expect(runCli(['import', path.join(dir, 'ONE.csv')], {cacheDir}).code).toBe(0)
    const r = runCli(['prices', 'NOPE'], {cacheDir})
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/no prices for NOPE/)
    expect(r.stderr).toMatch(/aftershock fetch NOPE/)
    expect(r.stderr).toMatch(/aftershock import/)
    // under --json, the same error is one document on stdout
    const j = runCli(['prices', 'NOPE', '--json'], {cacheDir})
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'missing-data', message: expect.stringMatching(/NOPE/)})
  })

  it('bad dates and unknown flags are usage errors: exit 2', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    expect(runCli(['prices', 'NVDA', '--from', '2025-1-2'], {cacheDir}).code).toBe(2)
    expect(runCli(['prices', 'NVDA', '--from', '2025-02-01', '--to', '2025-01-01'], {cacheDir}).code).toBe(2)
    expect(runCli(['prices', 'NVDA', '--bogus'], {cacheDir}).code).toBe(2)
    expect(runCli(['prices', 'NVDA', '--csv', '--json'], {cacheDir}).code).toBe(2)
  })

  it('a bad file: exit 2 with FILE:LINE: reason, the store unchanged', () => {
    const dir = tempDir()
    const cacheDir = path.join(dir, 'cache')
    const f = path.join(dir, 'ABC.csv')
    writeFileSync(f, `${HEADER}\n2025-01-02,,,,,10,\n`)
    expect(runCli(['import', f], {cacheDir}).code).toBe(0)
    writeFileSync(f, `${HEADER}\n2025-01-06,,,,,11,\n2025-01-06,,,,,12,\n`)
    const r = runCli(['import', f], {cacheDir})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${f}:3: duplicate date 2025-01-06 (also on line 2)`)
    const p = JSON.parse(runCli(['prices', 'ABC', '--json'], {cacheDir}).stdout) as {
      rows: Array<{date: string; adjClose: number}>
    }
    expect(p.rows).toEqual([
      {date: '2025-01-02', open: null, high: null, low: null, close: null, adjClose: 10, volume: null},
    ])
  })

  it('good and bad files together: exit 3, the good ones stored; all bad: exit 2', () => {
    const dir = tempDir()
    const cacheDir = path.join(dir, 'cache')
    writeFileSync(path.join(dir, 'GOOD.csv'), `${HEADER}\n2025-01-02,,,,,10,\n`)
    writeFileSync(path.join(dir, 'BAD.csv'), `${HEADER}\nyesterday,,,,,10,\n`)
    const r = runCli(['import', dir, '--json'], {cacheDir})
    expect(r.code).toBe(3)
    const doc = JSON.parse(r.stdout) as {results: Array<{symbol: string; ok: boolean; error?: string}>}
    expect(doc.results.map((x) => [x.symbol, x.ok])).toEqual([
      ['BAD', false],
      ['GOOD', true],
    ])
    expect(doc.results[0].error).toMatch(/BAD\.csv:2: unparseable date "yesterday"/)
    expect(cacheInfo(cacheDir).map((s) => s.symbol)).toEqual(['GOOD'])
    expect(runCli(['import', path.join(dir, 'BAD.csv'), path.join(dir, 'BAD.csv')], {cacheDir}).code).toBe(2)
    expect(runCli(['import', path.join(dir, 'missing.csv')], {cacheDir}).code).toBe(2)
  })

  it('--offline does not stop local commands', () => {
    const dir = tempDir()
    const cacheDir = path.join(dir, 'cache')
    writeFileSync(path.join(dir, 'X.csv'), `${HEADER}\n2025-01-02,,,,,10,\n`)
    expect(runCli(['import', path.join(dir, 'X.csv'), '--offline'], {cacheDir}).code).toBe(0)
    expect(runCli(['prices', 'X', '--offline', '--json'], {cacheDir}).code).toBe(0)
    expect(runCli(['cache', 'info', '--offline'], {cacheDir}).stdout).toMatch(/X\s.*2025-01-02/)
  })
})

describe.runIf(HAVE)('fetch through the testing hook (yahoo-finance2 with the fake fetch)', () => {
  it('fetches, prints JSON on stdout only, and exit 0', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const r = fetchCli(['NVDA', '^GSPC', '--from', '2025-01-02', '--json'], cacheDir, {lastDate: '2025-01-31'})
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as {
      results: Array<{symbol: string; ok: boolean; added: number; from: string; to: string}>
    }
    expect(doc.results).toEqual([
      expect.objectContaining({symbol: 'NVDA', ok: true, added: 20, from: '2025-01-02', to: '2025-01-31'}),
      expect.objectContaining({symbol: 'GSPC', ok: true, added: 20}),
    ])
    const p = JSON.parse(
      runCli(['prices', 'NVDA', '--from', '2025-01-24', '--to', '2025-01-27', '--json'], {cacheDir}).stdout,
    ) as {rows: Array<{adjClose: number}>}
    expect(p.rows[1].adjClose / p.rows[0].adjClose - 1).toBeCloseTo(-0.1697, 4)
    expect(cacheInfo(cacheDir).map((s) => [s.symbol, s.source])).toEqual([
      ['GSPC', 'yahoo'],
      ['NVDA', 'yahoo'],
    ])
  })

  it('one failed symbol: exit 3 and the others stored; all failed: exit 1', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const r = fetchCli(['NVDA', 'ZZZZ', '--from', '2025-01-02', '--to', '2025-01-31'], cacheDir)
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/ZZZZ\s.*FAILED/)
    expect(r.stderr).toMatch(/fetch ZZZZ failed: unknown symbol/)
    expect(cacheInfo(cacheDir).map((s) => s.symbol)).toEqual(['NVDA'])
    const all = fetchCli(['AMD', '--from', '2025-01-02', '--json', '--retries', '1'], cacheDir, {
      faults: {AMD: 'server-error'},
    })
    expect(all.code).toBe(1)
    expect((JSON.parse(all.stdout) as {results: Array<{error: string; attempts: number}>}).results[0]).toMatchObject({
      attempts: 2,
      error: expect.stringMatching(/HTTP 500/),
    })
  })

  it('429 once is retried; a request that never answers times out', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const r = fetchCli(['AMD', '--from', '2025-01-02', '--json'], cacheDir, {
      lastDate: '2025-01-31',
      faults: {AMD: 'rate-limit-once'},
    })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ok: true, attempts: 2, added: 20})
    expect(r.stderr).toMatch(/AMD: HTTP 429: Too Many Requests; retry 1 of 3 in \d+\.\d s/)
    expect(r.stderr).not.toMatch(/query2\.finance\.yahoo\.com/)
    const t = fetchCli(['MU', '--from', '2025-01-02', '--timeout', '1', '--retries', '0', '--json'], cacheDir, {
      faults: {MU: 'timeout'},
    })
    expect(t.code).toBe(1)
    expect(JSON.parse(t.stdout).results[0].error).toMatch(/no answer from Yahoo within 1000 ms/)
  })

  it('incremental: the second run adds the new days; a re-adjusted history is replaced whole', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    expect(
      fetchCli(['XLU', '--from', '2024-12-02', '--to', '2025-01-24'], cacheDir, {lastDate: '2025-01-24'}).code,
    ).toBe(0)
    const r2 = fetchCli(['XLU', '--to', '2025-01-31', '--json'], cacheDir, {lastDate: '2025-01-31'})
    expect(JSON.parse(r2.stdout).results[0]).toMatchObject({ok: true, added: 5, replaced: false, from: '2025-01-27'})
    const before = JSON.parse(runCli(['prices', 'XLU', '--json'], {cacheDir}).stdout) as {
      rows: Array<{adjClose: number}>
    }
    const r3 = fetchCli(['XLU', '--to', '2025-02-07', '--json'], cacheDir, {
      lastDate: '2025-02-07',
      adjScale: {XLU: 0.99},
    })
    expect(JSON.parse(r3.stdout).results[0]).toMatchObject({
      ok: true,
      replaced: true,
      from: '2024-12-02',
      to: '2025-02-07',
    })
    const after = JSON.parse(runCli(['prices', 'XLU', '--json'], {cacheDir}).stdout) as {
      rows: Array<{adjClose: number}>
    }
    expect(after.rows.length).toBe(before.rows.length + 5)
    expect(after.rows[0].adjClose / before.rows[0].adjClose).toBeCloseTo(0.99, 12)
  })

  it('--offline refuses to fetch: exit 2, nothing written', () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const r = fetchCli(['NVDA', '--offline'], cacheDir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--offline/)
    expect(r.stderr).toMatch(/aftershock import/)
    expect(existsSync(cacheDir)).toBe(false)
  })
})

describe.runIf(HAVE)('two processes writing at once', () => {
  it('two imports and a fetch into one cache: all exit 0 and nothing is lost', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const files = readdirSync(PRICES_DIR)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => path.join(PRICES_DIR, f))
    const half = Math.ceil(files.length / 2)
    const [a, b, c, d] = await Promise.all([
      runCliAsync(['import', ...files.slice(0, half)], cacheDir),
      runCliAsync(['import', ...files.slice(half)], cacheDir),
      runCliAsync(['import', PRICES_DIR], cacheDir),
      runCliAsync(['fetch', 'ZZFAKE1', 'ZZFAKE2', '--json'], cacheDir, fakeYahooEnv({})), // unknown: only fetch-log writes
    ])
    expect([a.code, b.code, c.code], a.stderr + b.stderr + c.stderr).toEqual([0, 0, 0])
    expect(d.code).toBe(1)
    const secs = cacheInfo(cacheDir)
    expect(secs).toHaveLength(37)
    expect(secs.find((s) => s.symbol === 'NVDA')?.rows).toBe(1595)
    const expected = Object.fromEntries(
      files.map((f) => [path.basename(f, '.csv'), readFileSync(f, 'utf8').trim().split('\n').length - 1]),
    )
    expect(Object.fromEntries(secs.map((s) => [s.symbol, s.rows]))).toEqual(expected)
  })

  it('two fetches of different symbols at once both land', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const env = fakeYahooEnv({})
    const [a, b] = await Promise.all([
      runCliAsync(['fetch', 'NVDA', 'AMD', 'MU', '--from', '2020-01-02'], cacheDir, env),
      runCliAsync(['fetch', 'SPY', 'QQQ', 'TSM', '--from', '2020-01-02'], cacheDir, env),
    ])
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0])
    const rows = Object.fromEntries(cacheInfo(cacheDir).map((s) => [s.symbol, s.rows]))
    expect(rows).toEqual({AMD: 1595, MU: 1595, NVDA: 1595, QQQ: 1555, SPY: 1595, TSM: 1542})
  })
})
