// The factor commands in-process: factors import, fetch (through an injected fetch serving zips) and info,
// their --json valid against schema/factors-result and schema/factors-info, errors and exit codes.
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ErrorDocument} from '../../src/cli/error-document.js'
import type {FactorsInfoResult, FactorsResult} from '../../src/cli/results.js'
import {tempDir} from '../helpers/cli.js'
import {createFactorsFetch} from '../helpers/factors-fetch.js'
import {SHARED} from '../helpers/shared.js'
import {jsonOf, run} from './run.js'

const FACTORS = path.join(SHARED, 'data', 'factors')
const FF3 = 'F-F_Research_Data_Factors_daily'

function cache(): string {
  return path.join(tempDir(), 'cache')
}

describe('factors import and info', () => {
  it('imports clean CSVs and lists the sets; --json valid against the schemas', async () => {
    const cacheDir = cache()
    const r = await run(['factors', 'import', path.join(FACTORS, 'mom-daily.csv'), '--json'], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<FactorsResult>(r, 'factors-result')
    expect(doc.results).toMatchObject([{set: 'mom', rows: 26132, firstDate: '1926-11-03', lastDate: '2026-04-30'}])
    const i = await run(['factors', 'info', '--json'], {cacheDir})
    const info = jsonOf<FactorsInfoResult>(i, 'factors-info')
    expect(info.sets).toMatchObject([{name: 'mom', columns: [{key: 'mom', name: 'Mom'}], vintage: null}])
    const t = await run(['factors', 'info'], {cacheDir})
    expect(t.stdout).toMatch(/mom .*1926-11-03.*2026-04-30.*26132/)
  })

  it("French's original: the vintage line on stderr, the table on stdout", async () => {
    const cacheDir = cache()
    const r = await run(['factors', 'import', path.join(FACTORS, 'original', `${FF3}.csv`)], {cacheDir})
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ff3 .*mkt_rf smb hml rf.*1926-07-01.*2026-04-30.*26233.*202604/)
    expect(r.stderr).toMatch(/ff3: This file was created by using the 202604 CRSP database\./)
  })

  it('a bad file: exit 2, FILE:LINE in the error document, nothing stored', async () => {
    const cacheDir = cache()
    const dir = tempDir()
    const bad = path.join(dir, 'ff3-daily.csv')
    writeFileSync(bad, 'date,mkt_rf\n2025-01-27,-1.49\n2025-01-28,oops\n')
    const r = await run(['factors', 'import', bad, '--json'], {cacheDir})
    expect(r.code).toBe(2)
    const doc = jsonOf<ErrorDocument>(r, 'error')
    expect(doc.error.message).toBe(`${bad}:3: column 2: "oops" is not a number`)
    const unnamed = path.join(dir, 'mine.csv')
    writeFileSync(unnamed, 'date,x\n2025-01-27,1\n')
    const u = await run(['factors', 'import', unnamed], {cacheDir})
    expect(u.code).toBe(2)
    expect(u.stderr).toMatch(/give --set NAME/)
    const ok = await run(['factors', 'import', unnamed, '--set', 'mine', '--json'], {cacheDir})
    expect(jsonOf<FactorsResult>(ok, 'factors-result').results[0]).toMatchObject({
      set: 'mine',
      columns: [{key: 'x', name: 'x'}],
    })
  })

  it('info on a store without factor sets says how to load them; without a store it fails (exit 1)', async () => {
    const cacheDir = cache()
    const dir = tempDir()
    writeFileSync(
      path.join(dir, 'X.csv'),
      'date,open,high,low,close,adj_close,volume\n2025-01-02,1,2,0.5,1.5,1.5,100\n',
    )
    expect((await run(['import', path.join(dir, 'X.csv')], {cacheDir})).code).toBe(0)
    const r = await run(['factors', 'info'], {cacheDir})
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/no factor sets: load them with `npx aftershock factors fetch ff3`/)
    expect(
      jsonOf<FactorsInfoResult>(await run(['factors', 'info', '--json'], {cacheDir}), 'factors-info').sets,
    ).toEqual([])
    expect((await run(['factors', 'info'], {cacheDir: cache()})).code).toBe(1)
  })
})

describe('factors fetch through an injected fetch', () => {
  it('fetches ff3 after a 500, and a refetch of a revised set says how many values changed', async () => {
    const cacheDir = cache()
    // an older "vintage": the original with three values edited
    const dir = tempDir()
    const text = readFileSync(path.join(FACTORS, 'original', `${FF3}.csv`), 'latin1')
      .replace('20250127,   -1.49,   -0.67,    2.50', '20250127,   -1.49,   -0.66,    2.48')
      .replace('20250128,    0.92,    0.17,   -1.66', '20250128,    0.92,    0.17,   -1.65')
      .replace('202604 CRSP', '202603 CRSP')
    expect(text).toMatch(/20250127, {3}-1\.49, {3}-0\.66/)
    writeFileSync(path.join(dir, `${FF3}.csv`), text)
    expect((await run(['factors', 'import', path.join(dir, `${FF3}.csv`)], {cacheDir})).code).toBe(0)

    const factorsFetch = createFactorsFetch({faults: {[FF3]: ['server-error']}})
    const r = await run(['factors', 'fetch', 'ff3', '--json'], {cacheDir, factorsFetch})
    expect(r.code, r.stderr).toBe(0)
    const doc = jsonOf<FactorsResult>(r, 'factors-result')
    expect(doc.results).toMatchObject([
      {set: 'ff3', rows: 26233, vintage: '202604', replaced: true, previousVintage: '202603', changed: 3, added: 0},
    ])
    expect(r.stderr).toMatch(/ff3: HTTP 500.*retry 1 of 3/)
    expect(r.stderr).toMatch(
      /ff3: replaced the stored set \(was vintage 202603\): 3 value\(s\) changed, 0 added, 0 removed/,
    )
  })

  it('--offline refuses (exit 2); an unknown set is bad input; a malformed zip fails (exit 1)', async () => {
    const cacheDir = cache()
    const off = await run(['factors', 'fetch', 'ff3', '--offline'], {cacheDir})
    expect(off.code).toBe(2)
    expect(off.stderr).toMatch(/--offline/)
    const bad = await run(['factors', 'fetch', 'ff4'], {cacheDir, factorsFetch: createFactorsFetch()})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/"ff4": not a set to fetch; give ff3, ff5, mom/)
    const factorsFetch = createFactorsFetch({faults: {[FF3]: ['malformed']}})
    const z = await run(['factors', 'fetch', 'ff3', '--json'], {cacheDir, factorsFetch})
    expect(z.code).toBe(1)
    expect(jsonOf<ErrorDocument>(z, 'error').error.message).toMatch(/not a readable zip/)
  })

  it('one of two sets fails: the other is stored, exit 3', async () => {
    const cacheDir = cache()
    const factorsFetch = createFactorsFetch({faults: {[FF3]: ['not-found']}})
    const r = await run(['factors', 'fetch', 'mom', 'ff3', '--json'], {cacheDir, factorsFetch})
    expect(r.code).toBe(3)
    expect(jsonOf<FactorsResult>(r, 'factors-result').results.map((s) => s.set)).toEqual(['mom'])
    expect(r.stderr).toMatch(/factors fetch ff3 failed: .*F-F_Research_Data_Factors_daily_CSV\.zip: HTTP 404/)
  })

  it('a timeout with no retries left: exit 1 naming the wait', async () => {
    const factorsFetch = createFactorsFetch({faults: {[FF3]: ['timeout']}})
    const r = await run(['factors', 'fetch', 'ff3', '--timeout', '1', '--retries', '0'], {
      cacheDir: cache(),
      factorsFetch,
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/no answer from French's data library within 1000 ms/)
  })
})
