/**
 * A study's expected-return model as the study file names it (docs/methods.md, "Models" and "Factor models"):
 * the engine's five return models, Dimson with its lags, and factor models on stored factor sets (ff3, carhart,
 * ff5, or any set and its columns). Factor values are read from the store's factor sets (store/factors.ts).
 */
import type {ModelKind} from '../engine/types.js'
import {InputError} from '../errors.js'

/** `model:` as written: a name, `{dimson: {lags}}` or `{factors: {set, columns, riskFree?}}`. */
export type RawModel =
  | 'market'
  | 'market-adjusted'
  | 'mean-adjusted'
  | 'scholes-williams'
  | 'dimson'
  | 'ff3'
  | 'carhart'
  | 'ff5'
  | {dimson: {lags: number}}
  | {factors: {set: string; columns: string[]; riskFree?: string}}

/** One factor column of a stored set: `{set: 'ff3', column: 'mkt_rf'}` (column keys as `factors info` lists them). */
export interface FactorRef {
  set: string
  column: string
}

/** A factor model: the regressors in order (the market factor first when there is one) and the risk-free rate. */
export interface FactorModelSpec {
  kind: 'factors'
  /** The name the study file used: ff3 | carhart | ff5 | factors. */
  name: string
  factors: FactorRef[]
  /** The risk-free rate subtracted from returns (R - RF); null regresses raw returns. */
  riskFree: FactorRef | null
  /**
   * True when the study file gave no riskFree: the set's `rf` column is used when the set has one, else raw
   * returns (study/factors.ts resolves it against the store).
   */
  riskFreeDefault?: boolean
}

export type StudyModel =
  | {kind: Exclude<ModelKind, 'dimson' | 'factors'>}
  | {kind: 'dimson'; lags: number}
  | FactorModelSpec

/** The market factor's column key: its slope is the `beta` a factor model reports. */
export const MARKET_FACTOR = 'mkt_rf'

const ff = (set: string, columns: string[]): FactorRef[] => columns.map((column) => ({set, column}))

/** The named factor models: Fama-French (1993) three factors, Carhart (1997) four, Fama-French (2015) five. */
export const NAMED_FACTOR_MODELS: Readonly<Record<string, FactorModelSpec>> = {
  ff3: {
    kind: 'factors',
    name: 'ff3',
    factors: ff('ff3', ['mkt_rf', 'smb', 'hml']),
    riskFree: {set: 'ff3', column: 'rf'},
  },
  carhart: {
    kind: 'factors',
    name: 'carhart',
    factors: [...ff('ff3', ['mkt_rf', 'smb', 'hml']), {set: 'mom', column: 'mom'}],
    riskFree: {set: 'ff3', column: 'rf'},
  },
  ff5: {
    kind: 'factors',
    name: 'ff5',
    factors: ff('ff5', ['mkt_rf', 'smb', 'hml', 'rmw', 'cma']),
    riskFree: {set: 'ff5', column: 'rf'},
  },
}

/** The factor sets a model reads (none for the return models). */
export function modelFactorSets(model: StudyModel): string[] {
  if (model.kind !== 'factors') return []
  const refs = model.riskFree ? [...model.factors, model.riskFree] : model.factors
  return [...new Set(refs.map((r) => r.set))]
}

/** The model's short name, as tables and the robustness section show it: market, dimson(2), ff3, factors(q5: me, ia). */
export function modelLabel(model: StudyModel): string {
  if (model.kind === 'dimson') return model.lags === 1 ? 'dimson' : `dimson(${model.lags})`
  if (model.kind !== 'factors') return model.kind
  if (model.name in NAMED_FACTOR_MODELS) return model.name
  const sets = [...new Set(model.factors.map((f) => f.set))].join('+')
  return `factors(${sets}: ${model.factors.map((f) => f.column).join(', ')})`
}

/** `riskFree: none` in a study file: regress raw returns. */
export const NO_RISK_FREE = 'none'

/**
 * The model a study file's `model:` names (already schema-checked). A factor set's columns stay as written (key
 * or French's name) until the run resolves them against the stored set (study/factors.ts).
 */
export function studyModel(raw: RawModel): StudyModel {
  if (typeof raw === 'object' && 'dimson' in raw) return {kind: 'dimson', lags: raw.dimson.lags}
  if (typeof raw === 'object') {
    const {set, columns, riskFree} = raw.factors
    return {
      kind: 'factors',
      name: 'factors',
      factors: ff(set, columns),
      riskFree:
        riskFree === undefined ? {set, column: 'rf'} : riskFree === NO_RISK_FREE ? null : {set, column: riskFree},
      ...(riskFree === undefined ? {riskFreeDefault: true} : {}),
    }
  }
  if (raw in NAMED_FACTOR_MODELS) return structuredClone(NAMED_FACTOR_MODELS[raw])
  if (raw === 'dimson') return {kind: 'dimson', lags: 1}
  return {kind: raw as Exclude<ModelKind, 'dimson' | 'factors'>}
}

/** The engine's model options for a study model (factor models also need the panel's factors: study/factors). */
export function engineModel(model: StudyModel): {model: ModelKind; lags?: number} {
  return model.kind === 'dimson' ? {model: 'dimson', lags: model.lags} : {model: model.kind}
}

/** The model names a study file's `model:`/`models:` and `--models` accept, in that order. */
export const MODEL_NAMES: readonly string[] = [
  'market',
  'market-adjusted',
  'mean-adjusted',
  'scholes-williams',
  'dimson',
  ...Object.keys(NAMED_FACTOR_MODELS),
]

/** The model a name stands for (`market`, `dimson`, `ff3`...), as the study file reads it; null for no model. */
export function parseModelName(name: string): StudyModel | null {
  return MODEL_NAMES.includes(name) ? studyModel(name as RawModel) : null
}

/**
 * A comma-separated list of model names (`--models market,ff3,carhart`): the models in order, the first the
 * primary one. Throws InputError naming `where` for an unknown name, a repeated one or an empty list.
 */
export function parseModelList(text: string, where: string): StudyModel[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const accepted = `a comma-separated list of ${MODEL_NAMES.join(', ')} (the first is the primary model)`
  if (names.length === 0) throw new InputError(`${where}: no model named; give ${accepted}`)
  const models: StudyModel[] = []
  names.forEach((name, i) => {
    const model = parseModelName(name)
    if (!model) throw new InputError(`${where}: "${name}" is not a model; give ${accepted}`)
    if (names.indexOf(name) !== i) throw new InputError(`${where}: ${name} is named twice; name each model once`)
    models.push(model)
  })
  return models
}

/** Whether two study models are the same model (kind, lags, factors and risk-free rate). */
export function sameModel(a: StudyModel, b: StudyModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
