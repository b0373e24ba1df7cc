// Study models: model: in its forms (factor models, Dimson with lags); models: in a study file (the primary model
// first, model equal to it when given) and the --models list, read by the same function.
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {formatIssue, type StudyIssue} from '../../src/spec/issues.js'
import {parseStudy} from '../../src/spec/load.js'
import {
  engineModel,
  MODEL_NAMES,
  modelFactorSets,
  modelLabel,
  NAMED_FACTOR_MODELS,
  parseModelList,
  parseModelName,
  sameModel,
  studyModel,
} from '../../src/spec/model.js'
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

/** One window, for the models: tests. */
const ONE_WINDOW = `name: mini
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0]]
events: [{ id: e1, date: 2025-01-27 }]
groups:
  chips: { symbols: [NVDA, AMD] }
`

const issuesOf = (text: string): string[] => checkStudyText(text, 'x.yaml').issues.map(formatIssue)

describe('parseModelName', () => {
  it('reads each accepted name as the study file does', () => {
    expect(parseModelName('market')).toEqual({kind: 'market'})
    expect(parseModelName('mean-adjusted')).toEqual({kind: 'mean-adjusted'})
    expect(parseModelName('dimson')).toEqual({kind: 'dimson', lags: 1})
    expect(parseModelName('carhart')).toEqual(NAMED_FACTOR_MODELS.carhart)
    for (const name of MODEL_NAMES) expect(parseModelName(name), name).not.toBeNull()
  })
  it('is null for anything else', () => {
    for (const bad of ['Market', 'capm', '', 'ff4', 'dimson(2)']) expect(parseModelName(bad), bad).toBeNull()
  })
})

describe('parseModelList', () => {
  it('reads a comma-separated list in order, spaces allowed', () => {
    expect(parseModelList('market, scholes-williams,ff3', '--models')).toEqual([
      {kind: 'market'},
      {kind: 'scholes-williams'},
      NAMED_FACTOR_MODELS.ff3,
    ])
  })
  it('names the field and the accepted forms for a bad name, a repeat or nothing', () => {
    const fails = (text: string): string => {
      try {
        parseModelList(text, `--models ${text}`)
      } catch (error) {
        expect(error).toBeInstanceOf(InputError)
        return (error as Error).message
      }
      throw new Error(`${text} was accepted`)
    }
    expect(fails('market,capm')).toMatch(/^--models market,capm: "capm" is not a model; .*market, .*ff3, carhart, ff5/)
    expect(fails('market,market')).toMatch(/^--models market,market: market is named twice/)
    expect(fails(',')).toMatch(/^--models ,: no model named/)
  })
})

describe('sameModel', () => {
  it('compares kind and lags', () => {
    expect(sameModel({kind: 'dimson', lags: 1}, {kind: 'dimson', lags: 1})).toBe(true)
    expect(sameModel({kind: 'dimson', lags: 1}, {kind: 'dimson', lags: 2})).toBe(false)
    expect(sameModel({kind: 'market'}, {kind: 'market-adjusted'})).toBe(false)
  })
})

describe('models: in a study file', () => {
  it('defaults to [model]', () => {
    const spec = parseStudy(`${ONE_WINDOW}model: mean-adjusted\n`, 'x.yaml')
    expect(spec.model).toEqual({kind: 'mean-adjusted'})
    expect(spec.models).toEqual([{kind: 'mean-adjusted'}])
  })
  it('takes its first as the primary model, with or without model:', () => {
    const spec = parseStudy(`${ONE_WINDOW}models: [scholes-williams, market, dimson]\n`, 'x.yaml')
    expect(spec.model).toEqual({kind: 'scholes-williams'})
    expect(spec.models).toEqual([{kind: 'scholes-williams'}, {kind: 'market'}, {kind: 'dimson', lags: 1}])
    expect(parseStudy(`${ONE_WINDOW}model: market\nmodels: [market, mean-adjusted]\n`, 'x.yaml').models).toHaveLength(2)
  })
  it('is an issue at model when model is not the first of models', () => {
    const list = issuesOf(`${ONE_WINDOW}model: market\nmodels: [mean-adjusted, market]\n`)
    expect(list).toEqual([
      expect.stringMatching(/^x\.yaml:8: model: .*market is not the first of models \(mean-adjusted\)/),
    ])
  })
  it('names models[i] for a repeated model and a bad name', () => {
    expect(issuesOf(`${ONE_WINDOW}models: [market, mean-adjusted, market]\n`)).toEqual([
      expect.stringMatching(/models\[2\]: market is already models\[0\]/),
    ])
    const bad = issuesOf(`${ONE_WINDOW}models: [market, capm]\n`)
    expect(bad.length).toBeGreaterThan(0)
    expect(bad.join('\n')).toMatch(/models\[1\]/)
  })
})
