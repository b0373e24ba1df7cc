/**
 * The built CLI on a store in trouble: a Yahoo answer shorter than the stored history, unusable cache paths, a
 * damaged store, a read-only store, a missing or empty store, implausible values and disagreeing files.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, type CliRun, runCli, tempDir} from '../helpers/cli.js'
import {damagePriceRows} from '../helpers/damage.js'
import {haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'
import {fakeYahooEnv} from '../helpers/yahoo-fetch.js'

const HAVE = haveSharedData()
const HEADER = 'date,open,high,low,close,adj_close,volume'

function rowsOf(cacheDir: string, symbol: string): number {
  const r = runCli(['cache', 'info', '--json'], {cacheDir})
  expect(r.code, r.stderr).toBe(0)
  return (JSON.parse(r.stdout).securities as Array<{symbol: string; rows: number}>).find((s) => s.symbol === symbol)!
    .rows
}

function timed(args: string[], opts: Parameters<typeof runCli>[1] = {}): CliRun & {ms: number} {
  const t0 = Date.now()
  const r = runCli(args, opts)
  return {...r, ms: Date.now() - t0}
}

describe.runIf(HAVE)('fetch never drops stored days', () => {
  for (const extra of [[], ['--refresh']]) {
    it(`an answer ending 2024-12-31 keeps NVDA's 1595 rows, warns, exit 3 (fetch NVDA ${extra.join(' ')})`, () => {
      const cacheDir = tempDir()
      expect(runCli(['import', path.join(PRICES_DIR, 'NVDA.csv')], {cacheDir}).code).toBe(0)
      const r = runCli(['fetch', 'NVDA', '--json', ...extra], {cacheDir, env: fakeYahooEnv({lastDate: '2024-12-31'})})
      expect(r.code, r.stderr).toBe(3)
      expect(JSON.parse(r.stdout).results[0]).toMatchObject({ok: true, replaced: false, added: 0, rows: 1595})
      expect(r.stderr).toMatch(
        "warning: Yahoo's history of NVDA covers 2020-01-02..2024-12-31, not all of the stored 2020-01-02..2026-05-07: kept the 1595 stored rows",
      )
      expect(rowsOf(cacheDir, 'NVDA')).toBe(1595)
    })
  }
})

describe('an unusable cache path fails at once, exit 1, naming the path and the reason', () => {
  it('/proc/x, for writing and reading commands', () => {
    for (const args of [
      ['import', 'x.csv'],
      ['study', 'run', 'covid-2020', '--live'],
    ]) {
      const r = timed([...args, '--cache-dir', '/proc/x'])
      expect(r.ms).toBeLessThan(20_000)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toMatch('cannot use the cache folder /proc/x: cannot create /proc/x:')
    }
    for (const args of [
      ['cache', 'info'],
      ['prices', 'NVDA'],
      ['study', 'run', 'covid-2020', '--offline', '--live'],
    ]) {
      const r = timed([...args, '--cache-dir', '/proc/x'])
      expect(r.ms).toBeLessThan(20_000)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toMatch('no price store at /proc/x/aftershock.sqlite; import or fetch first')
    }
  })

  it('a path under a regular file', () => {
    const file = path.join(tempDir(), 'plain.txt')
    writeFileSync(file, 'x')
    const r = timed(['import', file, '--cache-dir', path.join(file, 'cache')])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toMatch(`cannot use the cache folder ${path.join(file, 'cache')}: ${file} is a file, not a folder`)
  })
})

describe('read commands never create a store', () => {
  it('a mistyped --cache-dir: "no price store at PATH", exit 1, nothing created', () => {
    const dir = path.join(tempDir(), 'typo')
    for (const args of [
      ['cache', 'info'],
      ['prices', 'NVDA'],
    ]) {
      const r = runCli([...args, '--cache-dir', dir])
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toMatch(`no price store at ${dir}/aftershock.sqlite; import or fetch first`)
    }
    expect(existsSync(dir)).toBe(false)
  })

  it('a 0-byte store is an error, not an empty store', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'aftershock.sqlite'), '')
    const r = runCli(['cache', 'info', '--cache-dir', dir])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toMatch(/is empty \(0 bytes\), not a price store/)
  })
})

describe.runIf(HAVE)('a damaged store', () => {
  it('is named with how to recover; import refuses to write into it', () => {
    const cacheDir = tempDir()
    expect(
      runCli(['import', path.join(PRICES_DIR, 'NVDA.csv'), path.join(PRICES_DIR, 'SPY.csv')], {cacheDir}).code,
    ).toBe(0)
    const file = path.join(cacheDir, 'aftershock.sqlite')
    damagePriceRows(file)
    const bytes = readFileSync(file)
    // NVDA's rows come first: its first page is the one damaged
    const info = runCli(['prices', 'NVDA'], {cacheDir})
    expect(info.code).toBe(1)
    expect(info.stderr).toMatch(`the price store ${file} is damaged`)
    expect(info.stderr).toMatch(/Move it aside .* and import or fetch the prices again/)
    expect(info.stderr).not.toMatch(/SqliteError/)
    const imp = runCli(['import', path.join(PRICES_DIR, 'AMD.csv')], {cacheDir})
    expect(imp.code).toBe(1)
    expect(imp.stderr).toMatch(new RegExp(`the price store ${file} is damaged \\(.+\\); nothing was written`))
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })
})

describe.runIf(HAVE)('a read-only store', () => {
  it('can be read by prices and cache info', () => {
    const cacheDir = tempDir()
    chmodSync(cacheDir, 0o755)
    expect(runCli(['import', path.join(PRICES_DIR, 'NVDA.csv')], {cacheDir}).code).toBe(0)
    chmodSync(path.join(cacheDir, 'aftershock.sqlite'), 0o444)
    chmodSync(cacheDir, 0o555)
    // root ignores file modes: run as nobody then
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []
    const run = (args: string[]) => {
      const cmd = [...asUser, process.execPath, BIN, ...args, '--cache-dir', cacheDir]
      const r = spawnSync(cmd[0], cmd.slice(1), {cwd: REPO, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
      return {code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr}
    }
    const prices = run(['prices', 'NVDA', '--from', '2025-01-27', '--to', '2025-01-27', '--json'])
    expect(prices.code, prices.stderr).toBe(0)
    expect(JSON.parse(prices.stdout).rows[0].adjClose).toBe(118.38121032714844)
    const info = run(['cache', 'info', '--json'])
    expect(info.code, info.stderr).toBe(0)
    expect(JSON.parse(info.stdout).securities[0]).toMatchObject({symbol: 'NVDA', rows: 1595})
    chmodSync(cacheDir, 0o755)
  })
})

describe('import refuses implausible values and disagreeing files', () => {
  it('prices outside 1e-6..1e9: FILE:LINE, exit 2, unless --allow-extreme', () => {
    const dir = tempDir()
    const f = path.join(dir, 'BIG.csv')
    writeFileSync(f, `${HEADER}\n2020-01-02,,,,,1e308,\n2020-01-03,,,,,1e-300,\n`)
    const r = runCli(['import', f], {cacheDir: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(`${f}:2: price 1e308 in column adj_close is outside`)
    expect(runCli(['import', f, '--allow-extreme'], {cacheDir: dir}).code).toBe(0)
  })

  it('a file that disagrees with the store: date, column and values, exit 2, unless --replace', () => {
    const dir = tempDir()
    const f = path.join(dir, 'SPY.csv')
    writeFileSync(f, `${HEADER}\n2025-01-02,,,,,580.1,\n`)
    expect(runCli(['import', f], {cacheDir: dir}).code).toBe(0)
    writeFileSync(f, `${HEADER}\n2025-01-02,,,,,583.2,\n2025-01-03,,,,,585,\n`)
    const r = runCli(['import', f], {cacheDir: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      'disagrees with the stored SPY on 2025-01-02, column adj_close: stored 580.1, this file 583.2',
    )
    expect(rowsOf(dir, 'SPY')).toBe(1)
    expect(runCli(['import', f, '--replace'], {cacheDir: dir}).code).toBe(0)
    expect(rowsOf(dir, 'SPY')).toBe(2)
  })
})
