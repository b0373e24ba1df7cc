/**
 * The validated study specification: what a study file (YAML or JSON) means once parsed and checked.
 * Produced by `loadStudy` (src/spec/load.ts); consumed by the runner (src/study/run.ts).
 * Dates are ISO strings `YYYY-MM-DD`; offsets are trading days relative to day 0.
 */
import type {NonTradingDay} from '../engine/calendar.js'
import type {ReturnKind} from '../engine/types.js'
import type {StudyModel} from './model.js'

export type {NonTradingDay}
/** A window bound: a trading-day offset from day 0, or an ISO date. */
export type Bound = number | string

export interface EventSpec {
  id: string
  /** The date as written in the study file (may be a non-trading day). */
  date: string
  label: string | null
  /** List events only: the security this event belongs to. */
  symbol: string | null
  /** List events only: the group named in the events file (else from `groups`). */
  group: string | null
}

export interface GroupSpec {
  id: string
  label: string | null
  symbols: string[]
}

export interface SharesSpec {
  symbol: string
  shares: number
  source: string
}

/** A security's first usable date: its stored prices before `from` are not used anywhere in the study. */
export interface HistorySpec {
  symbol: string
  /** ISO date: the first date whose price is used. */
  from: string
  /** Why the earlier rows are not used (shown in the result's note). */
  note: string | null
}

export type ClaimMetric =
  | 'return' // raw cumulative return over the window: prod(1 + R_t) - 1
  | 'ar' // abnormal return on a single day (window [t, t])
  | 'car'
  | 'bhar'
  | 'caar' // group
  | 'valueChange' // dollars: shares × (P_end − P_start); security or group (sum)
  | 'abnormalValueChange'
  | 'indexLevel' // I_asOf, 100 = base; security or group
  | 'sinceBase' // I_asOf / 100 − 1
  | 'volatilityRatio' // variance ratio s^2(AR over the volatility window) / sigma_i^2; group: mean ratio
  | 'volatilityRiseShare' // group: share of members with a significant rise (F test, 5%)

export interface ClaimSpec {
  id: string
  text: string
  metric: ClaimMetric
  /** A symbol or a group id. */
  subject: string
  /** Event id (ignored by index metrics). */
  event: string | null
  window: [number, number]
  expected: number
  tolerance: number
}

/** Resampling schemes of the bootstrap p-values (docs/methods.md, "Bootstrap"). */
export type BootstrapScheme = 'sign-flip' | 'estimation-window'

/** Bootstrap p-values for the window CAAR tests: B draws from a seeded generator. */
export interface BootstrapSpec {
  draws: number
  seed: number
  scheme: BootstrapScheme
}

export interface IndexSpec {
  base: {from: string; to: string}
  asOf: string
  weighting: 'equal' | 'value'
}

export interface StudySpec extends StudySpecCrossSections {
  name: string
  title: string | null
  description: string | null
  /** Plain-words questions the study answers (shown in reports). */
  questions: string[]
  /** Absolute path of the study file, or null when built in code. */
  file: string | null
  benchmark: string
  price: 'adjClose' | 'close'
  returns: ReturnKind
  /** The primary model: it drives the security rows (spec/model.ts). */
  model: StudyModel
  /**
   * Every model the group windows are run under (the robustness table), the primary model first; a study file
   * without `models:` has [model]; absent in a spec built in code means the same.
   */
  models?: StudyModel[]
  nonTradingDay: NonTradingDay
  estimation: {from: Bound; to: Bound; minObservations: number}
  windows: Array<[Bound, Bound]>
  /** Common events (each group studied around each event), or per-security list events. */
  eventsKind: 'common' | 'list'
  events: EventSpec[]
  groups: GroupSpec[]
  index: IndexSpec | null
  /** Post-event window for abnormal volatility and volume, relative days; default [1, last window end]. */
  volatilityWindow: [number, number] | null
  shares: SharesSpec[]
  /** Per-symbol first usable dates (e.g. when-issued trading before a spin-off), in file order. */
  history: HistorySpec[]
  claims: ClaimSpec[]
  /** Bootstrap p-values per group window (`bootstrap:` or --bootstrap); absent or null when not asked for. */
  bootstrap?: BootstrapSpec | null
  /** A pinned data snapshot (absolute path) the study reads instead of the price store; null when none. */
  data: {snapshot: string} | null
}

/** Characteristics built into cross-sectional regressions (docs/methods.md, "Cross-sectional regression"). */
export const BUILTIN_TERMS = ['beta', 'sigma', 'marketValue', 'logMarketValue', 'indexReturn'] as const
export type BuiltinTerm = (typeof BUILTIN_TERMS)[number]

/** A regressor of a cross-sectional regression: group dummies, a built-in characteristic, a run-up or a CSV column. */
export type CrossSectionTerm =
  | {kind: 'group'}
  | {kind: 'builtin'; name: BuiltinTerm}
  | {kind: 'runup'; window: [number, number]}
  | {kind: 'column'; name: string}

/** A regression of CAR_i over a window on the terms, across the security-events of one event. */
export interface CrossSectionSpec {
  id: string
  window: [number, number]
  /** An event id of the study; `all` (list events) pools every security-event. */
  event: string
  on: CrossSectionTerm[]
  weights: 'none' | 'scar'
  se: 'hc3' | 'hc1'
}

/** One value of a security characteristic (a row of the characteristics CSV). */
export interface CharacteristicValue {
  symbol: string
  name: string
  value: number
}

export interface StudySpecCrossSections {
  /** Cross-sectional regressions of CARs, in file order (absent or empty: none). */
  crossSections?: CrossSectionSpec[]
  /** Security characteristics from `characteristics: {file}` (or --characteristics), for regression terms. */
  characteristics?: CharacteristicValue[]
}
