// The CLI starts from its bundle (scripts/bundle.mjs): every command is a bundle entry, and the bundle finds the
// files beside the package (studies/, schema/, package.json, the price-file worker) wherever the package lies.
import {cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {PRICES_DIR, REPO, haveSharedData} from '../helpers/shared.js'

const BUNDLE = path.join(REPO, 'dist', 'bundle')
const BAD_STUDY = `name: bad
benchmark: SPY
model: nonsense
estimation: { from: -260, to: -11 }
windows: [[0, 0]]
events:
  - { id: a, date: 2025-01-27 }
groups:
  g: { symbols: [NVDA] }
`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

/** The package's shipped files copied elsewhere, with node_modules linked: an installed copy of aftershock. */
function movedPackage(): string {
  const dir = tempDir('aftershock-moved-')
  for (const f of ['bin', 'dist', 'schema', 'studies', 'package.json', 'oclif.manifest.json']) {
    cpSync(path.join(REPO, f), path.join(dir, f), {recursive: true})
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

function run(pkg: string, args: string[], cwd: string) {
  return runCli(args, {cwd, cacheDir: path.join(cwd, 'cache'), bin: path.join(pkg, 'bin', 'run.js')})
}

describe('the CLI bundle', () => {
  it('has an entry for every command in the manifest, and oclif reads commands from it', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'))
    expect(pkg.oclif.commands).toBe('./dist/bundle/commands')
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'oclif.manifest.json'), 'utf8'))
    const ids = Object.keys(manifest.commands)
    expect(ids).toContain('study:run')
    for (const id of ids) {
      const rel: string[] = manifest.commands[id].relativePath
      expect(rel.slice(0, 3)).toEqual(['dist', 'bundle', 'commands'])
      expect(existsSync(path.join(REPO, ...rel))).toBe(true)
    }
  })

  it('holds no path of the machine that built it', () => {
    for (const file of filesUnder(BUNDLE)) {
      const text = readFileSync(file, 'utf8')
      expect(text.includes(REPO), file).toBe(false)
      expect(text.includes('__aftershock_dist__'), file).toBe(false)
    }
  })

  it("gives each bundled module its own file's URL, which exists", () => {
    let seen = 0
    for (const file of filesUnder(BUNDLE)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
        expect(existsSync(path.resolve(path.dirname(file), m[1])), `${file}: ${m[1]}`).toBe(true)
        seen++
      }
    }
    expect(seen).toBeGreaterThanOrEqual(5)
  })

  it('runs from a copy of the package elsewhere: bundled studies, the schema, the version', () => {
    const pkg = movedPackage()
    const cwd = tempDir()
    const version = run(pkg, ['version', '--json'], cwd)
    expect(version.code).toBe(0)
    const ownVersion = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version
    expect(JSON.parse(version.stdout).version).toBe(ownVersion)
    const list = run(pkg, ['study', 'list', '--json'], cwd)
    expect(list.code).toBe(0)
    const studies = JSON.parse(list.stdout)
    expect(studies.dir).toBe(path.join(pkg, 'studies'))
    expect(studies.studies.map((s: {name: string}) => s.name)).toContain('deepseek-r1')
    // The advice for a bad value comes from schema/study.schema.json, found from the bundled checker's own place.
    writeFileSync(path.join(cwd, 'bad.yaml'), BAD_STUDY)
    const bad = run(pkg, ['study', 'validate', 'bad.yaml'], cwd)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.yaml:3: model: .*use one of market \| market-adjusted/)
  })

  it.runIf(haveSharedData())('imports CSVs through the price-file worker from the moved copy', () => {
    const pkg = movedPackage()
    const cwd = tempDir()
    const files = ['NVDA.csv', 'AMD.csv', 'SPY.csv'].map((f) => path.join(PRICES_DIR, f))
    const r = run(pkg, ['import', ...files, '--json'], cwd)
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
  })
})
