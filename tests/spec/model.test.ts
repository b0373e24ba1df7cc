// Model names and lists: `models:` in a study file (the primary model first, `model` equal to it when given) and
// the --models list, read by the same function.
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {formatIssue} from '../../src/spec/issues.js'
import {parseStudy} from '../../src/spec/load.js'
import {MODEL_NAMES, NAMED_FACTOR_MODELS, parseModelList, parseModelName, sameModel} from '../../src/spec/model.js'
import {checkStudyText} from '../../src/spec/parse.js'

const BASE = `name: mini
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
    const spec = parseStudy(`${BASE}model: mean-adjusted\n`, 'x.yaml')
    expect(spec.model).toEqual({kind: 'mean-adjusted'})
    expect(spec.models).toEqual([{kind: 'mean-adjusted'}])
  })
  it('takes its first as the primary model, with or without model:', () => {
    const spec = parseStudy(`${BASE}models: [scholes-williams, market, dimson]\n`, 'x.yaml')
    expect(spec.model).toEqual({kind: 'scholes-williams'})
    expect(spec.models).toEqual([{kind: 'scholes-williams'}, {kind: 'market'}, {kind: 'dimson', lags: 1}])
    expect(parseStudy(`${BASE}model: market\nmodels: [market, mean-adjusted]\n`, 'x.yaml').models).toHaveLength(2)
  })
  it('is an issue at model when model is not the first of models', () => {
    const list = issuesOf(`${BASE}model: market\nmodels: [mean-adjusted, market]\n`)
    expect(list).toEqual([
      expect.stringMatching(/^x\.yaml:8: model: .*market is not the first of models \(mean-adjusted\)/),
    ])
  })
  it('names models[i] for a repeated model and a bad name', () => {
    expect(issuesOf(`${BASE}models: [market, mean-adjusted, market]\n`)).toEqual([
      expect.stringMatching(/models\[2\]: market is already models\[0\]/),
    ])
    const bad = issuesOf(`${BASE}models: [market, capm]\n`)
    expect(bad.length).toBeGreaterThan(0)
    expect(bad.join('\n')).toMatch(/models\[1\]/)
  })
})
