import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {parseFormats, writeReport} from '../../src/render/report-folder.js'
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

  it('parseFormats accepts a comma list in any order and rejects unknown names', () => {
    expect(parseFormats('json, md')).toEqual(['md', 'json'])
    expect(parseFormats('html,md,json')).toEqual(['html', 'md', 'json'])
    expect(() => parseFormats('pdf')).toThrow(/--format: unknown format "pdf"/)
    expect(() => parseFormats(' , ')).toThrow(InputError)
  })
})
