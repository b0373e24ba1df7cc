/**
 * The study file as written, once it has passed the schema: the shape the semantic checks read.
 */
import type {RawModel} from './model.js'
import type {BootstrapScheme, ClaimMetric, NonTradingDay} from './types.js'

export type RawBound = number | string
export interface RawStudy {
  name: string
  title?: string
  description?: string
  questions?: string[]
  benchmark: string
  price?: 'adjClose' | 'close'
  returns?: 'simple' | 'log'
  model?: RawModel
  /** Every model of the robustness table, in the forms of `model`; the first is the primary model. */
  models?: RawModel[]
  nonTradingDay?: NonTradingDay
  estimation: {from: RawBound; to: RawBound; minObservations?: number}
  windows: Array<[RawBound, RawBound]>
  events: Array<{id: string; date: string; label?: string}> | {file: string}
  groups?: Record<string, {label?: string; symbols: string[]}>
  index?: {base: {from: string; to: string}; asOf: string; weighting?: 'equal' | 'value'}
  volatility?: {window?: [number, number]}
  sharesSource?: string
  shares?: Record<string, number | {shares: number; source?: string}>
  history?: Record<string, {from: string; note?: string}>
  data?: {snapshot: string}
  bootstrap?: {draws: number; seed: number; scheme?: BootstrapScheme}
  claims?: Array<{
    id: string
    text: string
    metric: ClaimMetric
    subject: string
    event?: string
    window?: [number, number]
    expected: number
    tolerance: number
  }>
  crossSection?: RawCrossSection[]
  characteristics?: {file: string}
}

/** One `crossSection:` entry as written: terms are names or `{runup: [t1, t2]}`. */
export interface RawCrossSection {
  id: string
  window: [number, number]
  event?: string
  on: Array<string | {runup: [number, number]}>
  weights?: 'none' | 'scar'
  se?: 'hc3' | 'hc1'
}

/** YAML 1.1 documents may turn 2025-01-20 into a Date: bring every Date back to its ISO day. */
export function datesToIso(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10)
  if (Array.isArray(v)) return v.map(datesToIso)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = datesToIso(x)
    return out
  }
  return v
}
