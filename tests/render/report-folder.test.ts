import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {parseFormats, type ReportFormat, writeReport} from '../../src/render/report-folder.js'
import {tempDir} from '../helpers/cli.js'
import {makeResult, REPORT_TEXT as TEXT} from '../report/fixtures.js'
import {ALL_REPORT_FILES, listFiles} from './files.js'
import {pngSize} from './png.js'
import {checkXml} from './xml.js'

describe('writeReport', () => {
  it('writes every format, charts as SVG and PNG, results.json as the result', async () => {
    const dir = path.join(tempDir(), 'out')
    const r = makeResult()
    const files = await writeReport(r, {outDir: dir, formats: ['html', 'md', 'json'], text: TEXT})
    expect(files.map((f) => path.relative(dir, f))).toEqual(listFiles(dir))
    expect(listFiles(dir)).toEqual(ALL_REPORT_FILES)
    expect(JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'))).toEqual(r)
    for (const f of files.filter((x) => x.endsWith('.svg')))
      expect(checkXml(readFileSync(f, 'utf8')).errors).toEqual([])
    for (const f of files.filter((x) => x.endsWith('.png'))) expect(pngSize(readFileSync(f)).width).toBeGreaterThan(500)
    expect(statSync(dir).mode & 0o777).not.toBe(0o700)
    // nothing left behind beside it
    expect(readdirSync(path.dirname(dir))).toEqual(['out'])
  })

  it('gives byte-identical files on a second run', async () => {
    const a = path.join(tempDir(), 'a')
    const b = path.join(tempDir(), 'b')
    await writeReport(makeResult(), {outDir: a, formats: ['html', 'md', 'json'], text: TEXT})
    await writeReport(makeResult(), {outDir: b, formats: ['html', 'md', 'json'], text: TEXT})
    for (const f of listFiles(a))
      expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true)
  })

  it('writes only the formats asked for, into an existing folder, keeping other files and dropping stale charts', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'keep.txt'), 'mine')
    mkdirSync(path.join(dir, 'charts'))
    writeFileSync(path.join(dir, 'charts', 'three-waves.svg'), 'old')
    const noIndex = makeResult({withIndex: false})
    await writeReport(noIndex, {outDir: dir, formats: ['md'], text: TEXT})
    const files = listFiles(dir)
    expect(files).toContain('keep.txt')
    expect(files).toContain('report.md')
    expect(files).not.toContain('report.html')
    expect(files).not.toContain('results.json')
    expect(files).not.toContain('charts/three-waves.svg')
    expect(files).toContain('charts/caar-paths.png')
    expect(readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`.${path.basename(dir)}.tmp-`))).toEqual([])
    await writeReport(noIndex, {outDir: dir, formats: ['json']})
    expect(existsSync(path.join(dir, 'results.json'))).toBe(true)
  })

  it('refuses an --out that is a file', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'f')
    writeFileSync(file, 'x')
    await expect(writeReport(makeResult(), {outDir: file, formats: ['json']})).rejects.toThrow(InputError)
  })

  it('names the path when --out cannot be used, and writes nothing', async () => {
    const check = async (dir: string, root: string, formats: ReportFormat[], message: string | RegExp) => {
      const before = listTree(root)
      const err = await writeReport(makeResult(), {outDir: dir, formats, text: TEXT}).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(InputError)
      expect((err as Error).message).toMatch(message)
      expect(listTree(root)).toEqual(before)
    }
    // charts is a file
    const sub = (): string => {
      const d = path.join(tempDir(), 'out')
      mkdirSync(d)
      return d
    }
    const a = sub()
    writeFileSync(path.join(a, 'charts'), 'x')
    await check(
      a,
      path.dirname(a),
      ['md'],
      `--out ${a}: ${path.join(a, 'charts')} is a file, but the report puts files in a folder charts/`,
    )
    // results.json is a folder
    const b = sub()
    mkdirSync(path.join(b, 'results.json'))
    writeFileSync(path.join(b, 'report.md'), 'old')
    await check(
      b,
      path.dirname(b),
      ['json'],
      `--out ${b}: ${path.join(b, 'results.json')} is a folder, but the report writes a file there`,
    )
    expect(readFileSync(path.join(b, 'report.md'), 'utf8')).toBe('old')
    // a parent is a regular file
    const c = tempDir()
    writeFileSync(path.join(c, 'f'), 'x')
    const under = path.join(c, 'f', 'sub', 'out')
    await check(under, c, ['json'], `--out ${under}: ${path.join(c, 'f')} is a file, not a folder`)
  })

  it('parseFormats accepts a comma list in any order and rejects unknown names', () => {
    expect(parseFormats('json, md')).toEqual(['md', 'json'])
    expect(parseFormats('html,md,json')).toEqual(['html', 'md', 'json'])
    expect(() => parseFormats('pdf')).toThrow(/--format: unknown format "pdf"/)
    expect(() => parseFormats(' , ')).toThrow(InputError)
  })
})

/** Every path under a folder with its size (files) or '/' (folders). */
function listTree(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((f) => {
      const st = statSync(path.join(dir, f))
      return `${f}:${st.isDirectory() ? '/' : st.size}`
    })
    .sort()
}
