// The study commands run in-process (study validate, study list, index, study run, report): typed --json
// output valid against its schema, the one exit code for data the store lacks, fetch-missing through the context.
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import type {
  IndexCommandResult,
  ReportResult,
  StudyListResult,
  StudyValidateResult,
  VersionResult,
} from '../../src/cli/results.js'
import type {StudyResult} from '../../src/result.js'
import {tempDir} from '../helpers/cli.js'
import {COVID_DIR, haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'
import {createYahooFetch} from '../helpers/yahoo-fetch.js'
import {jsonOf, run} from './run.js'

const HAVE = haveSharedData()
const STUDIES = path.join(REPO, 'studies')

describe('study validate and study list', () => {
  it('validate --json of a bundled study: valid, with its counts', async () => {
    const r = await run(['study', 'validate', path.join(STUDIES, 'covid-2020.yaml'), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyValidateResult>(r, 'study-validate')
    expect(doc).toMatchObject({valid: true, errors: [], summary: {name: 'covid-2020', events: 1, groups: 1}})
  })

  it('validate of a bad file: exit 2, its own document under --json, file:line: field on stderr without', async () => {
    const file = path.join(tempDir(), 'bad.yaml')
    writeFileSync(file, 'name: bad\nbenchmark: GSPC\nmodel: nonsense\n')
    const j = await run(['study', 'validate', file, '--json'])
    expect(j.code).toBe(2)
    const doc = jsonOf<StudyValidateResult>(j, 'study-validate')
    expect(doc.valid).toBe(false)
    expect(doc.errors.find((e) => e.path === 'model')).toMatchObject({line: 3})
    const t = await run(['study', 'validate', file])
    expect(t.code).toBe(2)
    expect(t.stderr).toMatch(/bad\.yaml:3: model: /)
  })

  it('a study error of another command is an invalid-study document naming file, line and field', async () => {
    const file = path.join(tempDir(), 'bad.yaml')
    writeFileSync(file, 'name: bad\nbenchmark: GSPC\nmodel: nonsense\n')
    const r = await run(['study', 'run', file, '--json', '--offline'])
    expect(r.code).toBe(2)
    const doc = jsonOf<ErrorDocument>(r, 'error')
    expect(doc.error.code).toBe('invalid-study')
    expect(doc.error.file).toMatch(/bad\.yaml$/)
    expect(doc.error.line).toBeGreaterThan(0)
  })

  it('study list --json of the bundled studies', async () => {
    const r = await run(['study', 'list', '--dir', STUDIES, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyListResult>(r, 'study-list')
    expect(doc.studies.map((s) => s.name)).toEqual(['covid-2020', 'deepseek-r1', 'nvda-earnings'])
    const t = await run(['study', 'list', '--dir', STUDIES])
    expect(t.stdout).toMatch(/covid-2020/)
  })

  it('version --json', async () => {
    const r = await run(['version', '--json'])
    expect(jsonOf<VersionResult>(r, 'version').name).toBe('aftershock')
  })
})

describe.runIf(HAVE)('study run, report and index in-process', () => {
  const covidCache = path.join(tempDir(), 'cache')
  beforeAll(async () => {
    const r = await run(['import', COVID_DIR], {cacheDir: covidCache})
    expect(r.code, r.stderr).toBe(0)
  })

  it('study run covid-2020 --json: valid against schema/study-result, the result of the study', async () => {
    const r = await run(['study', 'run', 'covid-2020', '--json', '--offline'], {cacheDir: covidCache})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<StudyResult>(r, 'study-result')
    expect(doc.study.name).toBe('covid-2020')
    expect(doc.groups.map((g) => g.group)).toEqual(['stay-at-home'])
  })

  it('data the store lacks is exit 2 for study run, index and prices alike', async () => {
    const empty = path.join(tempDir(), 'cache')
    const one = path.join(tempDir(), 'ONE.csv')
    writeFileSync(one, 'date,close\n2025-01-02,1\n')
    expect((await run(['import', one], {cacheDir: empty})).code).toBe(0)
    for (const argv of [
      ['study', 'run', 'covid-2020', '--live'],
      ['index', 'deepseek-r1', '--live'],
      ['prices', 'GSPC'],
    ]) {
      const r = await run([...argv, '--offline', '--json'], {cacheDir: empty})
      expect(r.code, argv.join(' ')).toBe(2)
      expect(jsonOf<ErrorDocument>(r, 'error').error.message).toMatch(/GSPC|SPY/)
    }
  })

  it('report --format JSON (any case) writes results.json; --json lists the files', async () => {
    const out = path.join(tempDir(), 'out')
    const r = await run(['report', 'covid-2020', '--out', out, '--format', 'JSON', '--offline', '--json'], {
      cacheDir: covidCache,
    })
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<ReportResult>(r, 'report-result')
    expect(doc.files).toEqual([path.join(out, 'results.json')])
    expect(JSON.parse(readFileSync(doc.files[0], 'utf8')).study.name).toBe('covid-2020')
  })

  it('index fetches what the store lacks through the fake Yahoo, then prints a valid --json', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const yahooFetch = createYahooFetch({pricesDir: PRICES_DIR, lastDate: '2025-03-31'})
    const r = await run(['index', 'deepseek-r1', '--json', '--live'], {cacheDir, yahooFetch})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/fetching \d+ symbol\(s\) the store lacks/)
    const doc = jsonOf<IndexCommandResult>(r, 'index-result')
    expect(doc.study).toBe('deepseek-r1')
    expect(doc.benchmark).toBe('SPY')
    // offline now: everything is stored, nothing more is asked
    const calls = yahooFetch.calls.length
    const again = await run(['index', 'deepseek-r1', '--json', '--offline', '--live'], {cacheDir, yahooFetch})
    expect(again.stdout).toBe(r.stdout)
    expect(yahooFetch.calls.length).toBe(calls)
  })
  it.each(['study run', 'index', 'report'])(
    '%s on a hanging network with --timeout 1 --retries 1 ends quickly, naming the retries on stderr',
    async (command) => {
      const cmd = command.split(' ')
      const dir = tempDir()
      const cacheDir = path.join(dir, 'cache')
      const yahooFetch = createYahooFetch({pricesDir: PRICES_DIR, lastDate: '2025-03-31', faults: {NVDA: 'timeout'}})
      const out = cmd[0] === 'report' ? ['--out', path.join(dir, 'out'), '--format', 'json'] : []
      const t0 = performance.now()
      const r = await run([...cmd, 'deepseek-r1', '--live', ...out, '--timeout', '1', '--retries', '1'], {
        cacheDir,
        yahooFetch,
      })
      const seconds = (performance.now() - t0) / 1000
      // one answer waited for 1 s, one retry after at most 2 s of backoff, the other symbols answered at once
      expect(seconds).toBeLessThan(10)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toMatch(/NVDA: no answer from Yahoo within 1000 ms; retry 1 of 1 in \d+\.\d s/)
      expect(r.stderr).toMatch(/fetched \d+ of \d+: SPY \(\d+ rows\)/)
      expect(r.stderr).toMatch(/fetched \d+ of \d+: NVDA failed/)
      expect(r.stderr).toMatch(/NVDA is not in the price store/)
      expect(yahooFetch.calls.filter((c) => c.includes('NVDA'))).toHaveLength(2)
    },
    30_000,
  )
})
