import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {StudyResult} from '../../src/result.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {PRICES_DIR, REPO, factorFiles, haveSharedData} from '../helpers/shared.js'
import {jsonOf, run} from '../cli/run.js'
import type {SnapshotResult} from '../../src/cli/results.js'

/** A fetch that fails every request: proof that nothing touches the network. */
function noNetwork(): string {
  const file = path.join(tempDir(), 'no-network.mjs')
  writeFileSync(file, "export default async () => { throw new Error('the network was used') }\n")
  return file
}

describe('the bundled studies run from their pinned snapshots on any machine', () => {
  for (const name of ['deepseek-r1', 'covid-2020', 'nvda-earnings']) {
    it(`${name}: an empty cache, no network, no store created; the result names its snapshot`, () => {
      const cacheDir = path.join(tempDir(), 'cache')
      const r = runCli(['study', 'run', name, '--json'], {cacheDir, env: {AFTERSHOCK_YAHOO_FETCH: noNetwork()}})
      expect(r.code, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout) as StudyResult
      expect(out.data).toMatchObject({source: 'snapshot', file: `studies/${name}.data.csv.gz`, study: name})
      expect(out.groups.length).toBeGreaterThan(0)
      expect(() => readdirSync(cacheDir)).toThrow()
    })
  }

  it('a changed snapshot is refused, naming the file; nothing falls back to the store', () => {
    const dir = tempDir()
    for (const f of ['covid-2020.yaml', 'covid-2020.data.csv.gz']) {
      writeFileSync(path.join(dir, f), readFileSync(path.join(REPO, 'studies', f)))
    }
    const gz = path.join(dir, 'covid-2020.data.csv.gz')
    const bytes = readFileSync(gz)
    bytes[bytes.length - 12] ^= 0xff
    writeFileSync(gz, bytes)
    const r = runCli(['study', 'run', path.join(dir, 'covid-2020.yaml'), '--offline'], {cacheDir: path.join(dir, 'c')})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /covid-2020\.data\.csv\.gz: (not a gzip-compressed data snapshot|the content does not match its SHA-256)/,
    )
  })
})

describe.runIf(haveSharedData())('aftershock snapshot', () => {
  it('writes the same bytes twice from one store, and its run equals the run from the store', async () => {
    const dir = tempDir()
    const cacheDir = path.join(dir, 'cache')
    expect(runCli(['import', PRICES_DIR], {cacheDir}).code).toBe(0)
    expect(runCli(['factors', 'import', ...factorFiles()], {cacheDir}).code).toBe(0)
    const out = path.join(dir, 'deepseek.data.csv.gz')
    const first = await run(['snapshot', 'deepseek-r1', '--out', out, '--offline', '--json'], {cacheDir})
    expect(first.code, first.stderr).toBe(0)
    const doc = jsonOf<SnapshotResult>(first, 'snapshot-result')
    expect(doc.file).toBe(out)
    expect(doc.symbols[0]).toMatchObject({symbol: 'SPY', covers: null, source: 'csv:SPY.csv'})
    const bytes = readFileSync(out)
    expect((await run(['snapshot', 'deepseek-r1', '--out', out, '--offline'], {cacheDir})).code).toBe(0)
    expect(readFileSync(out).equals(bytes)).toBe(true)

    const study = path.join(dir, 'deepseek-r1.yaml')
    const text = readFileSync(path.join(REPO, 'studies', 'deepseek-r1.yaml'), 'utf8')
    writeFileSync(study, text.replace('deepseek-r1.data.csv.gz', 'deepseek.data.csv.gz'))
    const live = runCli(['study', 'run', study, '--json', '--offline', '--live'], {cacheDir})
    const pinned = runCli(['study', 'run', study, '--json'], {cacheDir: path.join(dir, 'none')})
    expect(live.code, live.stderr).toBe(0)
    expect(pinned.code, pinned.stderr).toBe(0)
    const {data, ...rest} = JSON.parse(pinned.stdout) as StudyResult
    expect(data?.sha256).toBe(doc.sha256)
    expect(JSON.stringify(rest) + '\n').toBe(live.stdout)
  })
})
