import {describe, expect, it} from 'vitest'
import {caarSection} from '../../src/report/caar.js'
import {makeResult} from './fixtures.js'

describe('CAAR tables', () => {
  it('carry GRANK, the Corrado-Zivney sign and, when the study asked for it, the bootstrap p', () => {
    const r = makeResult()
    const keys = (s: ReturnType<typeof caarSection>) => s.tables[0].columns.map((c) => c.key)
    expect(keys(caarSection(r, 'summary'))).toEqual(expect.arrayContaining(['grank.stat', 'corradoSign.stat']))
    expect(keys(caarSection(r, 'summary'))).not.toContain('bootstrap.p')
    r.groups[0].windows[0].bootstrap = {stat: 2, p: 0.04, draws: 99, seed: 1, scheme: 'sign-flip'}
    const s = caarSection(r, 'summary')
    expect(keys(s)).toContain('bootstrap.p')
    expect(s.tables[0].rows[0]['bootstrap.p']).toBe(0.04)
    const full = caarSection(r, 'full').tables.find((t) => t.id === 'group-window')
    expect(full?.rows.map((x) => x['bootstrap.p'])).toContain(0.04)
  })
})
