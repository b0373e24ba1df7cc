// Flags shared by several commands: fetch ranges, and --models of study run and report (in-process runs).
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import {applyModelsFlag, checkFetchRange} from '../../src/cli/flags.js'
import {InputError} from '../../src/errors.js'
import type {StudyResult} from '../../src/result.js'
import {tempDir} from '../helpers/cli.js'
import {factorFiles, haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'
import {baseSpec} from '../study/synthetic.js'
import {jsonOf, run} from './run.js'

describe('checkFetchRange', () => {
  it('accepts a range up to today', () => {
    expect(checkFetchRange('2025-01-02', '2025-02-01', '2025-06-01')).toEqual({from: '2025-01-02', to: '2025-02-01'})
    expect(checkFetchRange('2025-06-01', undefined, '2025-06-01')).toEqual({from: '2025-06-01', to: undefined})
  })

  it('refuses a --from in the future as bad input', () => {
    expect(() => checkFetchRange('2025-06-02', undefined, '2025-06-01')).toThrow(InputError)
    expect(() => checkFetchRange('2025-06-02', undefined, '2025-06-01')).toThrow(/in the future/)
  })
})

describe('applyModelsFlag', () => {
  it('replaces the models, the first the primary model; nothing without the flag', () => {
    const spec = baseSpec()
    applyModelsFlag(spec, undefined)
    expect(spec.model).toEqual({kind: 'market'})
    applyModelsFlag(spec, 'scholes-williams,market')
    expect(spec.model).toEqual({kind: 'scholes-williams'})
    expect(spec.models).toEqual([{kind: 'scholes-williams'}, {kind: 'market'}])
    expect(() => applyModelsFlag(spec, 'market,capm')).toThrow(InputError)
  })
})

describe.runIf(haveSharedData())('study run and report --models in-process', () => {
  const cacheDir = path.join(tempDir(), 'cache')
  beforeAll(async () => {
    const r = await run(['import', PRICES_DIR], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
  }, 120_000)

  it('study run deepseek-r1 --models market,scholes-williams: a valid --json with both models, the table and the CSV show them', async () => {
    const argv = ['study', 'run', 'deepseek-r1', '--offline', '--models', 'market,scholes-williams']
    const r = await run([...argv, '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyResult>(r, 'study-result')
    const rows = doc.robustness ?? []
    const windows = doc.groups.reduce((a, g) => a + g.windows.length, 0)
    expect(rows.filter((x) => x.model === 'market')).toHaveLength(windows)
    expect(rows.filter((x) => x.model === 'scholes-williams')).toHaveLength(windows)
    // the primary model's rows are the study's own group windows
    const selloff = doc.groups.find((g) => g.group === 'power' && g.event === 'r1-selloff')?.windows[0]
    const primary = rows.find((x) => x.model === 'market' && x.group === 'power' && x.event === 'r1-selloff')
    expect(primary?.caar).toBe(selloff?.caar)
    expect(primary?.tests.crossSectionalT.p).toBe(selloff?.tests.crossSectionalT.p)
    expect(Array.isArray(doc.robustnessChanges)).toBe(true)
    const table = await run(argv, {cacheDir})
    expect(table.stdout).toMatch(/Model robustness\n=+\n/)
    expect(table.stdout).toMatch(/CAAR market .*p market .*CAAR scholes-williams .*p scholes-williams/)
    const csv = await run([...argv, '--csv'], {cacheDir})
    expect(csv.stdout).toMatch(/^robustness,power,,r1-selloff,0\.\.0,,,scholes-williams:caar,-0\.1/m)
  }, 120_000)

  it('--models market,ff3,carhart on the store: each factor model rows equal a run of that model alone', async () => {
    expect((await run(['factors', 'import', ...factorFiles()], {cacheDir})).code).toBe(0)
    const live = ['study', 'run', 'deepseek-r1', '--offline', '--live', '--json']
    const r = await run([...live, '--models', 'market,ff3,carhart'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyResult>(r, 'study-result')
    expect(doc.study.model).toBe('market')
    for (const model of ['ff3', 'carhart']) {
      const alone = jsonOf<StudyResult>(await run([...live, '--models', model], {cacheDir}), 'study-result')
      expect(alone.robustness).toBeUndefined()
      const rows = alone.groups.flatMap((g) =>
        g.windows.map((w) => ({group: g.group, event: g.event, window: w.window, n: w.n, caar: w.caar})),
      )
      const mine = (doc.robustness ?? []).filter((x) => x.model === model)
      expect(mine.map(({group, event, window, n, caar}) => ({group, event, window, n, caar}))).toEqual(rows)
      const p = alone.groups.flatMap((g) => g.windows.map((w) => w.tests.kolariPynnonen.p))
      expect(mine.map((x) => x.tests.kolariPynnonen.p)).toEqual(p)
    }
    // deepseek-r1's own models: [market, ff3, carhart]: its snapshot carries every model's factor sets, and the
    // pinned run gives the same rows
    const dir = tempDir()
    const file = path.join(dir, 'ds.yaml')
    const text = readFileSync(path.join(REPO, 'studies', 'deepseek-r1.yaml'), 'utf8')
    expect(text).toMatch(/^models: \[market, ff3, carhart\]$/m)
    writeFileSync(file, text)
    expect((await run(['snapshot', file, '--offline'], {cacheDir})).code).toBe(0)
    const pinned = jsonOf<StudyResult>(
      await run(['study', 'run', file, '--offline', '--json'], {cacheDir}),
      'study-result',
    )
    expect(pinned.data).toBeDefined()
    expect(pinned.robustness).toEqual(doc.robustness)
  }, 120_000)

  it('report --models writes the section into report.md', async () => {
    const out = path.join(tempDir(), 'out')
    const argv = [
      'report',
      'deepseek-r1',
      '--offline',
      '--out',
      out,
      '--format',
      'md',
      '--models',
      'market,mean-adjusted',
    ]
    const r = await run(argv, {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const md = readFileSync(path.join(out, 'report.md'), 'utf8')
    expect(md).toMatch(/## Model robustness/)
    expect(md).toMatch(/CAAR mean-adjusted/)
  }, 120_000)

  it.each([['study', 'run'], ['report']])(
    '%s with a bad --models name: exit 2 naming --models and the accepted forms',
    async (...cmd) => {
      const out = cmd[0] === 'report' ? ['--out', path.join(tempDir(), 'out')] : []
      const r = await run([...cmd, 'deepseek-r1', '--offline', ...out, '--models', 'market,capm', '--json'], {cacheDir})
      expect(r.code).toBe(2)
      expect(jsonOf<ErrorDocument>(r, 'error').error.message).toMatch(
        /^--models market,capm: "capm" is not a model; give a comma-separated list of market, market-adjusted, mean-adjusted, scholes-williams, dimson/,
      )
    },
  )
})
