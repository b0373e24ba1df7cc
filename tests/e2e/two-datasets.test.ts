/**
 * The two bundled data sets in one store, in either import order: every row of both is kept (import merges by
 * date and column), and both bundled studies run from it with AMZN included.
 */
import {rmSync} from 'node:fs'
import {afterAll, describe, expect, it} from 'vitest'
import type {StudyResult} from '../../src/result.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {COVID_DIR, haveSharedData, PRICES_DIR} from '../helpers/shared.js'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

function run(study: string, cacheDir: string): StudyResult {
  const r = runCli(['study', 'run', study, '--json', '--offline'], {cacheDir})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as StudyResult
}

function amzn(result: StudyResult) {
  const rows = result.securities.filter((s) => s.symbol === 'AMZN')
  expect(rows.length).toBeGreaterThan(0)
  for (const s of rows) {
    expect(s.excluded).toBeUndefined()
    expect(s.model?.n).toBeGreaterThanOrEqual(100)
  }
  return rows
}

describe.runIf(haveSharedData())('prices/ and covid-2020/ in one store', () => {
  const results: Record<string, {covid: StudyResult; deepseek: StudyResult}> = {}
  for (const order of [
    ['prices', PRICES_DIR, COVID_DIR],
    ['covid-2020', COVID_DIR, PRICES_DIR],
  ] as const) {
    it(`imports ${order[0]} first, keeps every row, and runs covid-2020 and deepseek-r1 with AMZN`, () => {
      const cacheDir = tempDir()
      dirs.push(cacheDir)
      for (const d of order.slice(1)) {
        const r = runCli(['import', d, '--json'], {cacheDir})
        expect(r.code, r.stderr).toBe(0)
      }
      const info = runCli(['cache', 'info', '--json'], {cacheDir})
      const rows = Object.fromEntries(
        (
          JSON.parse(info.stdout).securities as Array<{
            symbol: string
            rows: number
            firstDate: string
            lastDate: string
          }>
        ).map((s) => [s.symbol, [s.rows, s.firstDate, s.lastDate]]),
      )
      expect(rows.AMZN).toEqual([1595 + 191, '2019-04-01', '2026-05-07'])
      expect(rows.GSPC).toEqual([1555 + 191, '2019-04-01', '2026-03-11'])
      const covid = run('covid-2020', cacheDir)
      const deepseek = run('deepseek-r1', cacheDir)
      amzn(covid)
      amzn(deepseek)
      expect(covid.groups.every((g) => g.excluded === 0)).toBe(true)
      results[order[0]] = {covid, deepseek}
    }, 240_000)
  }

  it('gives the same results in either order (to the rounding of the closes both files hold)', () => {
    const a = results.prices
    const b = results['covid-2020']
    expect(a && b).toBeTruthy()
    const [x, y] = [amzn(a.covid)[0], amzn(b.covid)[0]]
    expect(x.model!.beta).toBeCloseTo(y.model!.beta, 6)
    expect(JSON.stringify(a.deepseek.groups)).toBe(JSON.stringify(b.deepseek.groups))
  })
})
