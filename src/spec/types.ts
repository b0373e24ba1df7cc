/**
 * The validated study specification: what a study file (YAML or JSON) means once parsed and checked.
 * Produced by `loadStudy` (src/spec/load.ts); consumed by the runner (src/study/run.ts).
 * Dates are ISO strings `YYYY-MM-DD`; offsets are trading days relative to day 0.
 */
import type {NonTradingDay} from '../engine/calendar.js'
import type {ModelKind, ReturnKind} from '../engine/types.js'

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

export interface StudySpec {
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
  model: ModelKind
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
