// Factor models through the CLI, in-process: French's original files and clean CSVs imported from ../shared, a
// small real study (NVDA and AMD around 2025-01-27) run with ff3 and carhart, bad model names and missing sets
// as exit 2 naming the field, a missing set fetched online through the injected fetch.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import type {SnapshotResult} from '../../src/cli/results.js'
import type {StudyResult} from '../../src/result.js'
import {tempDir} from '../helpers/cli.js'
import {createFactorsFetch} from '../helpers/factors-fetch.js'
import {haveSharedData, PRICES_DIR, SHARED} from '../helpers/shared.js'
import {jsonOf, run} from './run.js'

const HAVE = haveSharedData()
const FACTORS = path.join(SHARED, 'data', 'factors')

function study(model: string, extra = ''): string {
  const file = path.join(tempDir(), 'chips.yaml')
  writeFileSync(
    file,
    `name: chips
benchmark: SPY
model: ${model}
${extra}estimation: { from: -260, to: -11, minObservations: 120 }
windows: [[0, 0], [-1, 1]]
events:
  - { id: selloff, date: 2025-01-27 }
groups:
  chips: { symbols: [NVDA, AMD] }
`,
  )
  return file
}

async function pricesCache(): Promise<string> {
  const cacheDir = path.join(tempDir(), 'cache')
  const r = await run(['import', ...['SPY', 'NVDA', 'AMD'].map((s) => path.join(PRICES_DIR, `${s}.csv`))], {cacheDir})
  expect(r.code, r.stderr).toBe(0)
  return cacheDir
}

describe.runIf(HAVE)('factor-model studies on real data', () => {
  let cacheDir = ''
  beforeAll(async () => {
    cacheDir = await pricesCache()
    const originals = ['F-F_Research_Data_Factors_daily.csv', 'F-F_Momentum_Factor_daily.csv']
    const r = await run(['factors', 'import', ...originals.map((f) => path.join(FACTORS, 'original', f))], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const c = await run(['factors', 'import', path.join(FACTORS, 'ff5-daily.csv')], {cacheDir})
    expect(c.code, c.stderr).toBe(0)
  })

  it('ff3 and carhart: every factor with SE, t and p; beta is the market factor slope; valid JSON', async () => {
    const models: Record<string, StudyResult> = {}
    for (const model of ['market', 'ff3', 'carhart', 'ff5']) {
      const r = await run(['study', 'run', study(model), '--json', '--offline'], {cacheDir})
      expect(r.code, r.stderr).toBe(0)
      models[model] = jsonOf<StudyResult>(r, 'study-result')
      expect(models[model].study.model).toBe(model)
    }
    const nvda = (m: string) => models[m].securities.find((s) => s.symbol === 'NVDA')?.model
    expect(nvda('ff3')?.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml'])
    expect(nvda('carhart')?.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml', 'mom'])
    expect(nvda('ff5')?.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml', 'rmw', 'cma'])
    for (const m of ['ff3', 'carhart']) {
      const fit = nvda(m)
      expect(fit?.beta).toBe(fit?.coefficients[1].value)
      // NVIDIA is a high-beta stock: its market-factor slope is well above 1 and far from 0
      expect(fit?.beta as number).toBeGreaterThan(1.2)
      expect(fit?.coefficients[1].p as number).toBeLessThan(0.001)
      expect(fit?.n).toBe(250)
    }
    // The day-0 fall survives the factors, but momentum (-3.28% that day, NVIDIA loads on it) takes a part of it
    const day0 = (m: string) =>
      models[m].securities.find((s) => s.symbol === 'NVDA')?.ar?.find((a) => a.t === 0)?.ar as number
    for (const m of Object.keys(models)) expect(day0(m), m).toBeLessThan(-0.05)
    expect(day0('carhart')).toBeGreaterThan(day0('ff3'))
    expect((nvda('carhart')?.coefficients[4].value as number) > 0).toBe(true)
    // Terminal output names the model in its header
    const t = await run(['study', 'run', study('carhart'), '--offline'], {cacheDir})
    expect(t.stdout).toMatch(/carhart model on SPY/)
  })

  it('a user factor set with columns by French name', async () => {
    const r = await run(
      ['study', 'run', study('{factors: {set: ff5, columns: [Mkt-RF, RMW]}}'), '--json', '--offline'],
      {
        cacheDir,
      },
    )
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyResult>(r, 'study-result')
    expect(doc.study.model).toBe('factors(ff5: Mkt-RF, RMW)')
    expect(doc.securities[0].model?.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'rmw'])
  })
})

describe.runIf(HAVE)('a pinned factor-model study', () => {
  it('snapshot carries the factor values: the study runs from it on an empty cache, as from the store', async () => {
    const cacheDir = await pricesCache()
    const ff3 = path.join(FACTORS, 'original', 'F-F_Research_Data_Factors_daily.csv')
    expect((await run(['factors', 'import', ff3], {cacheDir})).code).toBe(0)
    const file = study('ff3', 'data: { snapshot: chips.data.csv.gz }\n')
    const snap = await run(['snapshot', file, '--json', '--offline'], {cacheDir})
    expect(snap.code, snap.stderr).toBe(0)
    const doc = jsonOf<SnapshotResult>(snap, 'snapshot-result')
    expect(doc.factors?.map((f) => [f.set, f.columns.map((c) => c.key)])).toEqual([
      ['ff3', ['mkt_rf', 'smb', 'hml', 'rf']],
    ])
    const live = await run(['study', 'run', file, '--live', '--json', '--offline'], {cacheDir})
    const pinned = await run(['study', 'run', file, '--json'], {cacheDir: path.join(tempDir(), 'empty')})
    expect(pinned.code, pinned.stderr).toBe(0)
    const a = jsonOf<StudyResult>(live, 'study-result')
    const {data, ...b} = jsonOf<StudyResult>(pinned, 'study-result')
    expect(data?.sha256).toBe(doc.sha256)
    expect(b.securities).toEqual(a.securities)
  })
})

describe.runIf(HAVE)('bad models and missing factor sets: exit 2 naming the field', () => {
  it('model: capm names the line, the field and the accepted forms', async () => {
    const r = await run(['study', 'run', study('capm'), '--json', '--offline'], {cacheDir: path.join(tempDir(), 'c')})
    expect(r.code).toBe(2)
    const msg = jsonOf<ErrorDocument>(r, 'error').error.message
    expect(msg).toMatch(/chips\.yaml:3: model: the text "capm" is not allowed/)
    expect(msg).toMatch(/ff3 \| carhart \| ff5/)
  })

  it('a set the store lacks offline: exit 2 naming model, the set and the fetch', async () => {
    const cacheDir = await pricesCache()
    const r = await run(['study', 'run', study('carhart'), '--json', '--offline'], {cacheDir})
    expect(r.code).toBe(2)
    const msg = jsonOf<ErrorDocument>(r, 'error').error.message
    expect(msg).toMatch(/model \(carhart\): factor set ff3, mom is not in the store/)
    expect(msg).toContain('npx aftershock factors fetch ff3 mom')
    const unknown = await run(['study', 'run', study('{factors: {set: q5, columns: [me]}}'), '--offline'], {cacheDir})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/factor set q5 is not in the store/)
  })

  it('online, study run fetches the sets it needs from French (injected fetch)', async () => {
    const cacheDir = await pricesCache()
    const factorsFetch = createFactorsFetch()
    const r = await run(['study', 'run', study('ff3'), '--json'], {cacheDir, factorsFetch})
    expect(r.code, r.stderr).toBe(0)
    expect(factorsFetch.calls).toHaveLength(1)
    expect(r.stderr).toMatch(/fetching 1 factor set\(s\) the store lacks: ff3/)
    expect(jsonOf<StudyResult>(r, 'study-result').study.model).toBe('ff3')
  })
})
