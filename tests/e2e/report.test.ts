import {spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {StudyResult} from '../../src/result.js'
import {BIN, runCli, tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR, REPO} from '../helpers/shared.js'
import {pngSize} from '../render/png.js'
import {ALL_REPORT_FILES, listFiles} from '../render/files.js'
import {checkXml} from '../render/xml.js'

// Runs the built CLI (npm run build first) on ../shared/data/prices, offline.
describe.skipIf(!haveSharedData())('aftershock report deepseek-r1 (built CLI, shared prices)', () => {
  const cache = tempDir('aftershock-report-cache-')
  const work = tempDir('aftershock-report-out-')
  let first: ReturnType<typeof runCli>
  const outA = path.join(work, 'a')
  const outB = path.join(work, 'b')

  beforeAll(() => {
    const imp = runCli(['import', PRICES_DIR], {cacheDir: cache})
    expect(imp.code, imp.stderr).toBe(0)
    const t0 = performance.now()
    first = runCli(['report', 'deepseek-r1', '--out', outA, '--offline'], {cacheDir: cache})
    process.stderr.write(`report deepseek-r1: ${Math.round(performance.now() - t0)} ms wall (cold process)\n`)
  })

  it('writes report.html, report.md, results.json and the charts, listing them on stderr only', () => {
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toBe('')
    const files = listFiles(outA)
    expect(files).toEqual(ALL_REPORT_FILES)
    for (const f of files) expect(first.stderr).toContain(`wrote ${path.join(outA, f)}`)
  })

  it('results.json is the study run --json object, and the report shows its numbers', () => {
    const result = JSON.parse(readFileSync(path.join(outA, 'results.json'), 'utf8')) as StudyResult
    // Own spawn: the JSON (over 1 MB) exceeds runCli's default spawnSync buffer.
    const run = spawnSync(process.execPath, [BIN, 'study', 'run', 'deepseek-r1', '--json', '--offline'], {
      env: {...process.env, AFTERSHOCK_CACHE_DIR: cache, NO_COLOR: '1'},
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(result)
    const md = readFileSync(path.join(outA, 'report.md'), 'utf8')
    expect(md).toContain(`Data as of ${result.dataAsOf} · aftershock ${result.tool.version}`)
    // The day-0 table's first row for the sell-off is the largest abnormal fall.
    const worst = result.securities
      .filter((s) => s.event === 'r1-selloff' && s.ar)
      .map((s) => ({symbol: s.symbol, ar: s.ar!.find((r) => r.t === 0)!.ar}))
      .sort((a, b) => a.ar - b.ar)[0]
    expect(md).toMatch(new RegExp(`\\| ${worst.symbol} (\\| [^|]+ ){3}\\| ${(worst.ar * 100).toFixed(2)}%\\** \\|`))
    expect(md).toContain('day 0 is 2025-01-21')
    // the power producers' sell-off: the tests that agree and the ones that dissent, not one test's verdict
    expect(md).toMatch(
      /Power producers \(N = 6\): abnormal return -15\.6% on day 0 \(3 of 6 tests reject at 5%: Cross-sectional t -4\.\d\d, Brown-Warner 1985 -8\.\d\d and BMP -4\.\d\d; Kolari-Pynnönen -1\.91 \(p 0\.1\d\d\)/,
    )
    // every table of study run, abnormal volume included (the chip makers' day-0 mean AV of the sell-off)
    const chipsVolume = result.volume!.groups.find((g) => g.group === 'ai-chips' && g.event === 'r1-selloff')!
    expect(md).toContain('## Abnormal volume')
    expect(md).toContain(
      `| ai-chips | r1-selloff | 8 | ${chipsVolume.daily.find((d) => d.t === 0)!.meanAv.toFixed(2)} |`,
    )
    expect(md).toContain('![CAAR paths per group around each event, with 95% bands](charts/caar-paths.png)')
    const html = readFileSync(path.join(outA, 'report.html'), 'utf8')
    expect(html).not.toMatch(/<script|<link|src="http|href="http/i)
    expect(html.split('<svg').length - 1).toBe(4)
  })

  it('charts hold the study’s groups and events; PNGs decode', () => {
    const caar = readFileSync(path.join(outA, 'charts', 'caar-paths.svg'), 'utf8')
    expect(checkXml(caar).errors).toEqual([])
    for (const g of ['NVIDIA', 'Hyperscalers', 'Power']) expect(caar).toMatch(new RegExp(`>[^<]*${g}[^<]*</text>`))
    expect(caar.split('aria-roledescription="line mark"').length - 1).toBe(5 * 2)
    // The runner keeps AR rows for days -10..+14: 25 points per path, and no "only" note in the subtitle.
    expect(caar.split('aria-roledescription="point"').length - 1).toBe(5 * 2 * 25)
    expect(caar).not.toContain('the result holds AR rows for days')
    const waves = readFileSync(path.join(outA, 'charts', 'three-waves.svg'), 'utf8')
    expect(waves).toContain('(2025-01-27)</text>')
    expect(waves.split('aria-roledescription="line mark"').length - 1).toBe(5)
    const png = pngSize(readFileSync(path.join(outA, 'charts', 'three-waves.png')))
    expect(png.width).toBeGreaterThan(1000)
  })

  it('a second run gives byte-identical files', () => {
    const again = runCli(['report', 'deepseek-r1', '--out', outB, '--offline'], {cacheDir: cache})
    expect(again.code, again.stderr).toBe(0)
    for (const f of listFiles(outA))
      expect(readFileSync(path.join(outB, f)).equals(readFileSync(path.join(outA, f))), f).toBe(true)
  })

  it('--json lists the files; --fail-on-claims exits 1 exactly when a claim fails', () => {
    const out = path.join(work, 'c')
    const r = runCli(
      ['report', 'deepseek-r1', '--out', out, '--offline', '--format', 'json', '--json', '--fail-on-claims'],
      {cacheDir: cache},
    )
    const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as StudyResult
    const failed = (result.claims ?? []).filter((c) => !c.holds).map((c) => c.id)
    expect(JSON.parse(r.stdout)).toEqual({outDir: out, files: [path.join(out, 'results.json')], failedClaims: failed})
    expect(r.code).toBe(failed.length > 0 ? 1 : 0)
    if (failed.length > 0) expect(r.stderr).toContain('--fail-on-claims')
  })

  it('bad --format is a usage error (exit 2) naming the flag', () => {
    const r = runCli(['report', 'deepseek-r1', '--out', path.join(work, 'd'), '--offline', '--format', 'pdf'], {
      cacheDir: cache,
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--format: unknown format "pdf"')
  })

  it('a read-only --out folder, or one in a read-only parent: exit 2 naming the path, nothing written', () => {
    const ro = tempDir('aftershock-report-ro-')
    mkdirSync(path.join(ro, 'out'))
    for (const d of [cache, ro, path.join(ro, 'out')]) chmodSync(d, 0o555)
    // root ignores file modes: run as nobody then
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : []
    const report = (out: string) => {
      const cmd = [
        ...asUser,
        process.execPath,
        BIN,
        'report',
        'deepseek-r1',
        '--out',
        out,
        '--offline',
        '--format',
        'json',
      ]
      const r = spawnSync(cmd[0], cmd.slice(1), {
        cwd: REPO,
        encoding: 'utf8',
        env: {...process.env, NO_COLOR: '1', AFTERSHOCK_CACHE_DIR: cache},
      })
      return {code: r.status ?? -1, stderr: r.stderr}
    }
    try {
      const inRo = report(path.join(ro, 'out'))
      expect(inRo.stderr).toMatch(`--out ${path.join(ro, 'out')}: cannot write in ${ro} (permission denied)`)
      expect(inRo.code).toBe(2)
      chmodSync(ro, 0o777)
      const roOut = report(path.join(ro, 'out'))
      expect(roOut.stderr).toMatch(`--out ${path.join(ro, 'out')}: the folder is not writable`)
      expect(roOut.code).toBe(2)
      chmodSync(ro, 0o555)
      const parent = report(path.join(ro, 'new', 'out'))
      expect(parent.stderr).toMatch(`--out ${path.join(ro, 'new', 'out')}: cannot write in ${ro} (permission denied)`)
      expect(parent.code).toBe(2)
      expect(readdirSync(ro)).toEqual(['out'])
      expect(readdirSync(path.join(ro, 'out'))).toEqual([])
    } finally {
      for (const d of [cache, ro, path.join(ro, 'out')]) chmodSync(d, 0o755)
    }
  })
})
