import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {markdownTable, renderMarkdown} from '../../src/render/md.js'
import {renderHtml} from '../../src/render/html.js'
import {parseFormats, writeReport} from '../../src/report/write-report.js'
import {findings} from '../../src/report/findings.js'
import {stars} from '../../src/render/format.js'
import {pct, reportSections, usd} from '../../src/report/tables.js'
import {tempDir} from '../helpers/cli.js'
import {makeResult} from './fixtures.js'
import {pngSize} from './png.js'
import {ALL_REPORT_FILES, listFiles} from './files.js'
import {checkXml} from './xml.js'

const TEXT = {
  title: 'Fixture study',
  description: 'A synthetic study.',
  questions: ['How far did chips fall?', 'Did volatility rise?'],
}

describe('formatting helpers', () => {
  it('stars, percents and dollars', () => {
    expect([stars(0.001), stars(0.02), stars(0.07), stars(0.2), stars(null)]).toEqual(['***', '**', '*', '', ''])
    expect(pct(-0.1697)).toBe('-16.97%')
    expect(pct(0.05, 1)).toBe('+5.0%')
    expect(pct(-0.00001)).toBe('0.00%')
    expect(pct(0.00001)).toBe('0.00%')
    expect(pct(null)).toBe('–')
    expect(usd(-5.924e11)).toBe('-$592.4bn')
    expect(usd(1.2e12)).toBe('$1.2tn')
  })

  it('markdown tables escape pipes and align numbers right', () => {
    const md = markdownTable({headers: ['a|b', 'n'], numeric: [false, true], rows: [['x|y', '1']]})
    expect(md.split('\n')).toEqual(['| a\\|b | n |', '| --- | ---: |', '| x\\|y | 1 |'])
  })
})

describe('report content', () => {
  const r = makeResult({failingClaim: true})

  it('sections follow the study run order and every table row has one cell per header', () => {
    const sections = reportSections(r)
    expect(sections.map((s) => s.id)).toEqual([
      'events',
      'index',
      'caar',
      'day0',
      'value',
      'volatility',
      'claims',
      'excluded',
    ])
    for (const s of sections)
      for (const t of s.tables) for (const row of t.rows) expect(row).toHaveLength(t.headers.length)
    const caar = sections.find((s) => s.id === 'caar')!.tables[0]
    expect(caar.rows).toHaveLength(r.groups.length * 4)
  })

  it('abnormal volume and overlapping events, shown by study run, are in the report too', () => {
    const test = (stat: number, p: number, n: number) => ({stat, p, n, df: n - 1})
    const withVolume = {
      ...makeResult(),
      volume: {
        window: [-1, 1] as [number, number],
        groups: [
          {
            group: 'chips',
            event: 'selloff',
            n: 3,
            daily: [
              {t: -1, date: '2025-01-10', n: 3, meanAv: 0.1, crossSectionalT: test(0.5, 0.6, 3), sign: test(0, 1, 3)},
              {
                t: 0,
                date: '2025-01-13',
                n: 3,
                meanAv: 0.85,
                crossSectionalT: test(3.74, 0.004, 3),
                sign: test(1.7, 0.08, 3),
              },
              {
                t: 1,
                date: '2025-01-14',
                n: 3,
                meanAv: 0.4,
                crossSectionalT: test(1.2, 0.3, 3),
                sign: test(0.5, 0.6, 3),
              },
            ],
          },
        ],
        notes: ['no volume in the store for CEG; left out of abnormal volume'],
      },
      overlaps: [{symbol: 'NVDA', events: ['NVDA-2024-05-22', 'NVDA-2024-05-29'], note: 'NVDA: overlap'}],
    }
    const sections = reportSections(withVolume)
    expect(sections.map((s) => s.id)).toEqual([
      'events',
      'index',
      'caar',
      'day0',
      'value',
      'volatility',
      'volume',
      'claims',
      'excluded',
      'overlaps',
    ])
    const vol = sections.find((s) => s.id === 'volume')!
    expect(vol.tables[0].rows).toEqual([
      ['AI chips', 'selloff', '3', '0.85', '3.74***', '0', '0.85', '3.74***', '0.45'],
    ])
    expect(vol.intro).toContain('no volume in the store for CEG')
    const md = renderMarkdown(withVolume, {charts: [], text: TEXT})
    expect(md).toContain('## Abnormal volume')
    expect(md).toContain('| NVDA | NVDA-2024-05-22, NVDA-2024-05-29 |')
  })

  it('findings answer in plain words from the numbers', () => {
    const f = findings(r)
    const text = f.flatMap((g) => [g.heading, ...g.items]).join('\n')
    expect(text).toContain('The market was closed on 2025-01-04; day 0 is 2025-01-06.')
    expect(text).toMatch(/Power \(N = 2\): abnormal return -\d+\.\d% on day 0 \(significant at 1%\)/)
    expect(text).toContain('Claims: 2 of 3 hold')
    expect(text).toContain('Fails: “Power stocks rose” (measured -20.00%, claimed +5.00% ± 1.00%).')
    expect(text).toContain('-$592.4bn')
    // a dollar change is called a change, not a market value, and carries its sign
    expect(text).toContain('AI chips, day 0 of selloff: market value changed by -$700.0bn (abnormal part -$600.0bn).')
    expect(text).not.toMatch(/market value -?\$/)
    const gains = makeResult()
    for (const row of [...gains.value!.rows, ...gains.value!.groups]) {
      row.change = Math.abs(row.change)
      row.abnormalChange = row.abnormalChange === null ? null : Math.abs(row.abnormalChange)
    }
    const gainText = findings(gains)
      .flatMap((g) => g.items)
      .join('\n')
    expect(gainText).toContain('market value changed by +$700.0bn (abnormal part +$600.0bn)')
    expect(gainText).not.toContain('Largest single loss')
  })

  it('markdown: title, as-of date and version, questions, charts as PNG links, tables; no timestamp', () => {
    const md = renderMarkdown(r, {charts: [{title: 'CAAR', file: 'charts/caar-paths.png'}], text: TEXT})
    expect(md.startsWith('# Fixture study\n')).toBe(true)
    expect(md).toContain('Data as of 2025-02-21 · aftershock 0.1.0')
    expect(md).toContain('1. How far did chips fall?')
    expect(md).toContain('![CAAR](charts/caar-paths.png)')
    expect(md).toContain('| Group | Event | Window | N | CAAR | CS t |')
    expect(md).not.toMatch(/\d{2}:\d{2}:\d{2}/)
  })

  it('html: self-contained, escaped, charts inline', () => {
    const html = renderHtml(
      {...r, notes: ['<script>alert(1)</script> & more']},
      {
        charts: [{id: 'x', title: 'T', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'}],
        text: TEXT,
      },
    )
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="http|href="http/i)
    expect(html).toContain('<figure id="chart-x"')
    expect(html).toContain('<td class="fails">FAILS</td>')
    // the index claim: no event, level formatted as a level
    expect(html).toContain('<td>chips</td><td>–</td><td>[0,0]</td><td class="num">150.0 ± 5.0</td>')
  })

  it('takes title and questions from result.study when the runner echoes them', () => {
    const echoed = makeResult()
    Object.assign(echoed.study, {title: 'Echoed title', questions: ['Echoed question?']})
    const md = renderMarkdown(echoed, {charts: [], text: TEXT})
    expect(md).toContain('# Echoed title')
    expect(md).toContain('1. Echoed question?')
  })
})

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
