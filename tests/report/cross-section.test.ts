import {describe, expect, it} from 'vitest'
import {crossSectionSection} from '../../src/report/cross-section.js'
import {studySections} from '../../src/report/sections.js'
import {renderStudyCsv} from '../../src/render/csv.js'
import {renderHtml} from '../../src/render/html.js'
import {renderMarkdown} from '../../src/render/md.js'
import {renderStudyTable} from '../../src/render/terminal.js'
import type {CrossSectionResult, StudyResult} from '../../src/result.js'
import {makeResult} from './fixtures.js'

const REGRESSION: CrossSectionResult = {
  id: 'day0-beta',
  event: 'crash',
  window: [0, 0],
  n: 12,
  r2: 0.41,
  adjR2: 0.35,
  se: 'hc3',
  weights: 'none',
  base: 'chips',
  terms: [
    {name: '(intercept)', coef: -0.01, se: 0.02, t: -0.5, p: 0.63},
    {name: 'group:power', coef: -0.05, se: 0.015, t: -3.33, p: 0.008},
    {name: 'beta', coef: -0.031, se: 0.017, t: -1.82, p: 0.099},
  ],
  excluded: [{symbol: 'ARM', event: 'crash', reason: 'no base-period price'}],
}

function withRegression(): StudyResult {
  return {...makeResult(), crossSections: [REGRESSION]}
}

describe('the cross-section section', () => {
  it('draws one table per regression, stars on the coefficient from its p', () => {
    const s = crossSectionSection([REGRESSION], 'summary')!
    expect(s.tables).toHaveLength(1)
    const t = s.tables[0]
    expect(t.caption).toBe(
      'day0-beta: CAR[0,0] of crash; OLS, HC3 standard errors; N = 12, R² = 0.410, adjusted R² = 0.350',
    )
    expect(t.rows.map((r) => r.term)).toEqual(['(intercept)', 'group:power', 'beta'])
    expect(t.notes).toEqual(['Group dummies against the base group chips.', 'Left out: ARM: no base-period price'])
    expect(crossSectionSection([], 'summary')).toBeNull()
  })

  it('comes right after the CAAR section, and every renderer draws it', () => {
    const r = withRegression()
    const ids = studySections(r).map((s) => s.id)
    expect(ids[ids.indexOf('caar') + 1]).toBe('cross-section')
    expect(renderStudyTable(r, {color: false})).toMatch(
      /│ group:power\s+│\s+-0\.0500\*\*\* │\s+0\.0150 │ -3\.33 │ 0\.008 │/,
    )
    expect(renderMarkdown(r, {charts: []})).toMatch(/\| group:power \| -0\.0500\*\*\* \|/)
    expect(renderHtml(r, {charts: []})).toMatch(/Cross-sectional regressions of CARs/)
    expect(renderStudyCsv(r)).toMatch(/\ncross-section-day0-beta,,,crash,0\.\.0,,,beta:coef,-0\.031,/)
  })
})
