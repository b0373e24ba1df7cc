// End-to-end: the built CLI (npm run build first) stores French's published files from ../shared/data/factors
// as ff3, ff5 and mom with the right ranges and the values of the clean CSVs; `factors fetch` through the
// testing hook AFTERSHOCK_FACTORS_FETCH serves zips built from the same files; a carhart study runs on them.
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {FactorsInfoResult, FactorsResult} from '../../src/cli/results.js'
import type {StudyResult} from '../../src/result.js'
import {PriceStore} from '../../src/store/store.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {FACTORS_FETCH_MODULE} from '../helpers/factors-fetch.js'
import {PRICES_DIR, SHARED} from '../helpers/shared.js'

const FACTORS = path.join(SHARED, 'data', 'factors')
const HAVE = existsSync(path.join(FACTORS, 'original'))
const ORIGINALS = [
  'F-F_Research_Data_Factors_daily.csv',
  'F-F_Research_Data_5_Factors_2x3_daily.csv',
  'F-F_Momentum_Factor_daily.csv',
].map((f) => path.join(FACTORS, 'original', f))

/** A clean CSV as date -> values (numbers as written). */
function clean(set: string): {header: string[]; rows: Map<string, number[]>} {
  const [head, ...lines] = readFileSync(path.join(FACTORS, `${set}-daily.csv`), 'utf8')
    .trim()
    .split('\n')
  const rows = new Map(lines.map((l) => l.split(',')).map(([d, ...v]) => [d, v.map(Number)] as const))
  return {header: head.split(',').slice(1), rows}
}

describe.skipIf(!HAVE)("factors import of French's published files (built CLI)", () => {
  const cacheDir = path.join(tempDir(), 'cache')
  let imported: FactorsResult

  beforeAll(() => {
    const r = runCli(['factors', 'import', ...ORIGINALS, '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    imported = JSON.parse(r.stdout) as FactorsResult
  })

  it('stores ff3, ff5 and mom with their ranges, rows and the 202604 vintage', () => {
    const r = runCli(['factors', 'info', '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout) as FactorsInfoResult
    expect(info.sets.map((s) => [s.name, s.firstDate, s.lastDate, s.rows, s.vintage])).toEqual([
      ['ff3', '1926-07-01', '2026-04-30', 26233, '202604'],
      ['ff5', '1963-07-01', '2026-04-30', 15813, '202604'],
      ['mom', '1926-11-03', '2026-04-30', 26132, '202604'],
    ])
    expect(info.sets[1].columns.map((c) => `${c.key}=${c.name}`)).toEqual([
      'mkt_rf=Mkt-RF',
      'smb=SMB',
      'hml=HML',
      'rmw=RMW',
      'cma=CMA',
      'rf=RF',
    ])
    expect(imported.results.every((s) => s.missing === 0 && !s.replaced)).toBe(true)
  })

  it('every stored value equals the clean CSV; on 2025-01-27 the momentum factor fell 3.28%', () => {
    const store = PriceStore.open(cacheDir, {mode: 'read'})
    try {
      for (const set of ['ff3', 'ff5', 'mom']) {
        const want = clean(set)
        const got = store.factors.rows(set)
        expect(got.columns.map((c) => c.key)).toEqual(want.header)
        expect(got.dates.length).toBe(want.rows.size)
        got.dates.forEach((d, i) => expect(got.values[i], `${set} ${d}`).toEqual(want.rows.get(d)))
      }
      const day = (set: string, cols: string[]) =>
        store.factors.series(set, cols, '2025-01-27', '2025-01-27').values.map((v) => v[0])
      expect(day('mom', ['mom'])).toEqual([-3.28])
      expect(day('ff3', ['mkt_rf', 'smb', 'hml', 'rf'])).toEqual([-1.49, -0.67, 2.5, 0.02])
      expect(day('ff5', ['mkt_rf', 'smb', 'hml', 'rmw', 'cma', 'rf'])).toEqual([-1.49, 0.3, 2.5, -0.14, -1.73, 0.02])
    } finally {
      store.close()
    }
  })

  it('factors fetch through the testing hook: retried after a 500, the set replaced with 0 values changed', () => {
    const env = {
      AFTERSHOCK_FACTORS_FETCH: FACTORS_FETCH_MODULE,
      AFTERSHOCK_FAKE_FACTORS: JSON.stringify({faults: {'F-F_Momentum_Factor_daily': ['server-error']}}),
    }
    const r = runCli(['factors', 'fetch', 'mom', '--json'], {cacheDir, env})
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as FactorsResult
    expect(doc.results).toMatchObject([{set: 'mom', rows: 26132, replaced: true, changed: 0, added: 0, removed: 0}])
    expect(doc.results[0].source).toMatch(/ken\.french\/ftp\/F-F_Momentum_Factor_daily_CSV\.zip$/)
    expect(r.stderr).toMatch(/mom: HTTP 500.*retry 1 of 3/)
  })

  it('factors fetch --offline refuses with exit 2', () => {
    const r = runCli(['factors', 'fetch', 'ff3', '--offline'], {cacheDir})
    expect(r.code).toBe(2)
  })

  it('a study with model: carhart runs on them and the shared prices (--offline)', () => {
    const prices = ['SPY', 'NVDA'].map((s) => path.join(PRICES_DIR, `${s}.csv`))
    expect(runCli(['import', ...prices], {cacheDir}).code).toBe(0)
    const file = path.join(tempDir(), 'nvda.yaml')
    writeFileSync(
      file,
      'name: nvda\nbenchmark: SPY\nmodel: carhart\nestimation: { from: -260, to: -11 }\nwindows: [[0, 0]]\nevents:\n  - { id: selloff, date: 2025-01-27 }\ngroups:\n  nvidia: { symbols: [NVDA] }\n',
    )
    const r = runCli(['study', 'run', file, '--json', '--offline'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as StudyResult
    expect(doc.study.model).toBe('carhart')
    expect(doc.securities[0].model?.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml', 'mom'])
  })
})
