import {describe, expect, it} from 'vitest'
import type {StudyIssue} from '../../src/spec/issues.js'
import {parseStudy} from '../../src/spec/load.js'
import {engineModel, modelFactorSets, modelLabel, studyModel} from '../../src/spec/model.js'
import {checkStudyText} from '../../src/spec/parse.js'

const BASE = `name: mini
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0], [-1, 1]]
events:
  - { id: e1, date: 2025-01-27 }
groups:
  chips: { symbols: [NVDA, AMD] }
`

const withModel = (m: string): string => BASE.replace('benchmark: SPY', `benchmark: SPY\nmodel: ${m}`)

function modelIssue(m: string): StudyIssue {
  const list = checkStudyText(withModel(m), 'x.yaml').issues
  const i = list.find((x) => x.path.startsWith('model'))
  if (!i) throw new Error(`no issue on model for ${m}: ${JSON.stringify(list)}`)
  return i
}

describe('model: in a study file', () => {
  it('reads the named factor models with their sets and risk-free rate', () => {
    const ff3 = parseStudy(withModel('ff3'), 'x.yaml').model
    expect(ff3).toMatchObject({kind: 'factors', name: 'ff3', riskFree: {set: 'ff3', column: 'rf'}})
    expect(modelFactorSets(ff3)).toEqual(['ff3'])
    const carhart = parseStudy(withModel('carhart'), 'x.yaml').model
    expect(modelFactorSets(carhart)).toEqual(['ff3', 'mom'])
    expect(modelLabel(carhart)).toBe('carhart')
    const ff5 = parseStudy(withModel('ff5'), 'x.yaml').model
    expect(ff5.kind === 'factors' && ff5.factors.map((f) => f.column)).toEqual(['mkt_rf', 'smb', 'hml', 'rmw', 'cma'])
    expect(engineModel(ff5)).toEqual({model: 'factors'})
  })

  it('reads Dimson with its lags', () => {
    const m = parseStudy(withModel('{dimson: {lags: 3}}'), 'x.yaml').model
    expect(m).toEqual({kind: 'dimson', lags: 3})
    expect(modelLabel(m)).toBe('dimson(3)')
    expect(engineModel(m)).toEqual({model: 'dimson', lags: 3})
    expect(parseStudy(withModel('dimson'), 'x.yaml').model).toEqual({kind: 'dimson', lags: 1})
  })

  it('reads any factor set with its columns as written; riskFree defaults to rf, none drops it', () => {
    const m = parseStudy(withModel('{factors: {set: q5, columns: [Mkt-RF, me]}}'), 'x.yaml').model
    expect(m).toEqual({
      kind: 'factors',
      name: 'factors',
      factors: [
        {set: 'q5', column: 'Mkt-RF'},
        {set: 'q5', column: 'me'},
      ],
      riskFree: {set: 'q5', column: 'rf'},
      riskFreeDefault: true,
    })
    expect(modelLabel(m)).toBe('factors(q5: Mkt-RF, me)')
    const raw = studyModel({factors: {set: 'q5', columns: ['me'], riskFree: 'none'}})
    expect(raw).toMatchObject({riskFree: null})
    expect(studyModel({factors: {set: 'q5', columns: ['me'], riskFree: 'r_f'}})).toMatchObject({
      riskFree: {set: 'q5', column: 'r_f'},
    })
  })

  it('a bad name names the line, the field and every accepted form', () => {
    const i = modelIssue('capm')
    expect(i).toMatchObject({line: 3, path: 'model'})
    for (const form of ['market', 'scholes-williams', 'ff3', 'carhart', 'ff5', '{dimson: {lags', '{factors: {set'])
      expect(i.message).toContain(form)
  })

  it('bad mappings name the inner field', () => {
    expect(modelIssue('{dimson: {lags: 0}}')).toMatchObject({path: 'model.dimson.lags'})
    expect(modelIssue('{dimsen: {lags: 2}}').message).toMatch(/did you mean "dimson"/)
    expect(modelIssue('{factors: {set: ff3}}')).toMatchObject({path: 'model.factors.columns'})
    expect(modelIssue('{factors: {set: ff3, columns: []}}')).toMatchObject({path: 'model.factors.columns'})
    expect(modelIssue('{factors: {set: FF3, columns: [smb]}}').message).toMatch(/factors info/)
    expect(modelIssue('{}').message).toMatch(/ff3/)
    expect(modelIssue('{dimson: {lags: 2}, factors: {set: a, columns: [b]}}').message).toMatch(/more than 1/)
  })
})
