import {describe, expect, it} from 'vitest'
import {col} from '../../src/report/model.js'
import {markdownTable, renderMarkdown} from '../../src/render/md.js'
import {makeResult, REPORT_TEXT as TEXT, withVolume} from '../report/fixtures.js'

describe('report.md', () => {
  it('escapes pipes in tables and aligns numbers right', () => {
    const md = markdownTable({
      id: 't',
      columns: [col('a', 'a|b', 'text'), col('n', 'n', 'integer')],
      rows: [{a: 'x|y', n: 1}],
    })
    expect(md.split('\n')).toEqual(['| a\\|b | n |', '| --- | ---: |', '| x\\|y | 1 |'])
  })

  it('has title, as-of date and version, questions, charts as PNG links, tables; no timestamp', () => {
    const md = renderMarkdown(makeResult(), {charts: [{title: 'CAAR', file: 'charts/caar-paths.png'}], text: TEXT})
    expect(md.startsWith('# Fixture study\n')).toBe(true)
    expect(md).toContain('Data as of 2025-02-21 · aftershock 0.1.0')
    expect(md).toContain('1. How far did chips fall?')
    expect(md).toContain('![CAAR](charts/caar-paths.png)')
    expect(md).toContain('**AI chips (chips), event release: N = 3**')
    expect(md).toContain('|  | [0,0] 2025-01-06 | [-1,+1] 2025-01-03..2025-01-07 | [0,+4] 2025-01-06..2025-01-10 |')
    expect(md).toMatch(/\| Kolari-Pynnönen( \| -?\d+\.\d\d\**){4} \|/)
    expect(md).not.toMatch(/\d{2}:\d{2}:\d{2}/)
  })

  it('shows abnormal volume and overlapping events, as study run does', () => {
    const md = renderMarkdown(withVolume(), {charts: [], text: TEXT})
    expect(md).toContain('## Abnormal volume')
    expect(md).toContain('| chips | selloff | 3 | 0.85 | 3.74*** | 0 | 0.85 | 3.74*** | 0.45 |')
    expect(md).toContain('| NVDA | NVDA-2024-05-22, NVDA-2024-05-29 |')
  })

  it('takes title and questions from result.study when the runner echoes them', () => {
    const echoed = makeResult()
    Object.assign(echoed.study, {title: 'Echoed title', questions: ['Echoed question?']})
    const md = renderMarkdown(echoed, {charts: [], text: TEXT})
    expect(md).toContain('# Echoed title')
    expect(md).toContain('1. Echoed question?')
  })
})
