/**
 * The study result: one typed object, rendered by separate renderers (table, json, csv, md, html, svg).
 * Its JSON form is a versioned contract, described by schema/study-result.schema.json.
 * Numbers are finite or null, never NaN. Dates are ISO `YYYY-MM-DD`. Returns are decimals (-0.1697 = -16.97%).
 * It repeats a few field lists of engine and spec types (the study echo, volatility rows) on purpose: the JSON
 * contract must not change when an internal type does.
 */
import type {TestBattery, TestName, TestResult} from './engine/types.js'
import type {DataProvenance} from './store/bar-source.js'

export type {DataProvenance}

export const SCHEMA_VERSION = 3

/**
 * Relative days each security's `ar` rows cover around the event windows (where those days lie outside the
 * estimation window): the span of the CAAR path charts of reports.
 */
export const AR_PATH_RANGE: readonly [number, number] = [-10, 14]

export interface StudyResult {
  schemaVersion: typeof SCHEMA_VERSION
  tool: {name: 'aftershock'; version: string}
  /**
   * Present when `study run --detail` trimmed the document (docs/cli-data.md): `securities` has no per-day rows,
   * `summary` no per-security rows either; the arrays it cut are empty rather than absent.
   */
  detail?: 'summary' | 'securities'
  study: StudyEcho
  /**
   * The data's as-of date: the last date of the benchmark's series in the store when the study ran (reports print
   * this, not a run timestamp, so a scheduled job shows how fresh its store was and stays byte-identical otherwise).
   */
  dataAsOf: string
  /** The pinned data snapshot the bars came from; absent when they came from the price store. */
  data?: DataProvenance
  events: EventResult[]
  groups: GroupResult[]
  securities: SecurityResult[]
  /** Base-period indexing ("three waves"); absent when the study has no `index:` section. */
  index?: IndexResult
  /** Market value at stake; absent when the study has no `shares:` and no --live-shares. */
  value?: ValueResult
  volatility?: VolatilityResult
  volume?: VolumeResult
  claims?: ClaimResult[]
  /** Security-events whose windows overlap another event of the same security (list events). */
  overlaps?: OverlapNote[]
  notes: string[]
  /** Cross-sectional regressions of CARs, in study-file order; absent when the study has no `crossSection:`. */
  crossSections?: CrossSectionResult[]
  /**
   * Every group × event × window under each of the study's models, the primary model first; present when the
   * study names more than one model (`models:` or --models).
   */
  robustness?: RobustnessRow[]
  /** Where a test's conclusion at 5% differs between the models; present (maybe empty) with `robustness`. */
  robustnessChanges?: RobustnessChange[]
}

export interface StudyEcho {
  name: string
  title: string | null
  description: string | null
  /** Plain-words questions the study answers (reports show them with their answers). */
  questions: string[]
  /** The study file, relative to the working folder of the run; null for a study built in code. */
  file: string | null
  benchmark: string
  price: 'adjClose' | 'close'
  returns: 'simple' | 'log'
  /**
   * The model as spec/model.ts modelLabel names it: market | market-adjusted | mean-adjusted | scholes-williams |
   * dimson | dimson(k) | ff3 | carhart | ff5 | factors(SET: columns).
   */
  model: string
  nonTradingDay: 'next' | 'previous' | 'skip' | 'error'
  /** Estimation window in relative trading days (ISO dates in the study file are resolved per event). */
  estimation: {from: number | string; to: number | string; minObservations: number}
  windows: Array<[number | string, number | string]>
}

export interface EventResult {
  id: string
  label: string | null
  /** For list events: the security it belongs to; null for a common event. */
  symbol: string | null
  /** The date as requested in the study file. */
  date: string
  /** Day 0: the trading date used. */
  tradingDate: string
  /** 0 when the market was open on the requested date; +1 / -1 when day 0 moved to the next / previous trading day. */
  shift: number
  note: string | null
}

export type {TestBattery, TestResult}

/** A group window's CAAR and test battery under one model of the study (docs/methods.md, "Model robustness"). */
export interface RobustnessRow {
  /** The model's short name: market, scholes-williams, dimson(2), ff3... */
  model: string
  group: string
  event: string
  window: [number, number]
  n: number
  caar: number
  tests: TestBattery
}

/** A test of a group window that rejects "no abnormal return" at 5% under some models and not under others. */
export interface RobustnessChange {
  group: string
  event: string
  window: [number, number]
  test: TestName
  /** The models under which it rejects, in the study's order. */
  rejecting: string[]
  /** The models under which it does not, with their p. */
  notRejecting: Array<{model: string; p: number}>
}

export interface DailyRow {
  t: number
  /** Calendar date of day t; null when the security-events aggregated have different dates. */
  date: string | null
  n: number
  aar: number
  tests: TestBattery
}

export interface WindowRow {
  window: [number, number]
  from: string | null
  to: string | null
  n: number
  caar: number
  tests: TestBattery
  /** Bootstrap p of the cross-sectional t; present when the study asks for it (`bootstrap:` or --bootstrap). */
  bootstrap?: WindowBootstrap
  /** The distribution of the included securities' CARs in this window. */
  distribution?: CarDistribution
}

/** Quantiles (R type 7), skewness G1 and excess kurtosis G2 of a window's CARs (null where undefined). */
export interface CarDistribution {
  n: number
  quantiles: CarQuantiles
  skewness: number | null
  excessKurtosis: number | null
}

/** The 5, 25, 50, 75 and 95% quantiles. */
export interface CarQuantiles {
  p5: number
  p25: number
  p50: number
  p75: number
  p95: number
}

/** A window's bootstrap p-value: the observed cross-sectional t, p*, and how it was drawn (docs/methods.md). */
export interface WindowBootstrap {
  stat: number | null
  p: number | null
  draws: number
  seed: number
  scheme: 'sign-flip' | 'estimation-window'
  note?: string
}

export interface GroupResult {
  group: string
  label: string | null
  event: string
  n: number
  excluded: number
  daily: DailyRow[]
  windows: WindowRow[]
}

/** One fitted coefficient; se, t and p are null where the estimator has no standard error (Scholes-Williams). */
export interface ModelCoefficient {
  name: string
  value: number
  se: number | null
  t: number | null
  p: number | null
}

export interface ModelFit {
  alpha: number
  /**
   * The market's slope (Dimson: the sum of its lag slopes; a factor model: the market factor's, mkt_rf, else its
   * first factor's).
   */
  beta: number
  sigma: number
  r2: number | null
  /** Estimation observations L_i. */
  n: number
  /** Every coefficient with SE, t and p (Student t, L_i - d df); docs/methods.md. */
  coefficients: ModelCoefficient[]
  adjR2: number | null
}

export interface SecurityArRow {
  t: number
  date: string
  ret: number
  ar: number
  sar: number
}

export interface SecurityWindowRow {
  window: [number, number]
  from: string
  to: string
  car: number
  scar: number
  bhar: number
  /** Single-security t statistic CAR / sqrt(Var(CAR)), Student t with L - d df. */
  t: number
  p: number
  /** Holm and Benjamini-Hochberg adjusted p, family = the securities of one group × event in this window. */
  pHolm?: number
  pBH?: number
}

export interface SecurityResult {
  symbol: string
  group: string
  event: string
  model?: ModelFit
  /** Event-window days, widened to AR_PATH_RANGE (days -10..+14) where those lie outside the estimation window. */
  ar?: SecurityArRow[]
  windows?: SecurityWindowRow[]
  /** Present instead of model/ar/windows when the security-event could not be estimated. */
  excluded?: string
}

export interface IndexResult {
  base: {from: string; to: string}
  asOf: string
  weighting: 'equal' | 'value'
  /** Per security: base price B_i and the table row as of `asOf`. */
  securities: IndexRow[]
  groups: IndexRow[]
  /** Daily series from the base period's first day to asOf: one entry per date. */
  series: Array<{date: string; values: Record<string, number | null>}>
  notes: string[]
}

export interface IndexRow {
  /** Symbol, or group id for group rows. */
  id: string
  /** The security's group; null for group rows and for the benchmark's reference row. */
  group: string | null
  /** Base value B_i (mean adjusted close over the base period); null for groups. */
  base: number | null
  /** I_asOf: 100 = base period. */
  level: number | null
  /** I_asOf / 100 - 1. */
  sinceBase: number | null
  /** Return from the last close before each event to asOf, keyed by event id. */
  sinceEvent: Record<string, number | null>
  peak: number | null
  peakDate: string | null
  /** Drawdown from the peak to asOf: level / peak - 1 (<= 0). */
  drawdown: number | null
  /** Why a security is left out of its group index. */
  excluded: string | null
}

export interface ValueResult {
  /** Share counts used, with their source note. */
  shares: Array<{symbol: string; shares: number; source: string; current: boolean}>
  rows: ValueRow[]
  groups: ValueRow[]
  notes: string[]
}

export interface ValueRow {
  /** Symbol, or group id for group rows. */
  id: string
  group: string | null
  event: string
  /** "day0" or the window as "t1,t2". */
  window: [number, number]
  from: string
  to: string
  /** Price at the close before the window and at its end. */
  startPrice: number | null
  endPrice: number | null
  /** Dollar change: shares × (P_end − P_start). */
  change: number
  /** Dollar change attributable to the abnormal return: shares × P_start × CAR. */
  abnormalChange: number | null
  /** True when adjusted closes stand in for the unadjusted close. */
  approximate: boolean
}

export interface VolatilityResult {
  /** Post-event window used for the variance ratio, in relative days. */
  window: [number, number]
  securities: Array<{
    symbol: string
    group: string
    event: string
    preVariance: number
    postVariance: number
    ratio: number
    df1: number
    df2: number
    p: number
    significant: boolean
  }>
  groups: Array<{
    group: string
    event: string
    n: number
    meanRatio: number
    shareSignificant: number
    /** Cross-sectional test of mean_i SAR_it^2 - 1 over the window. */
    test: TestResult
    meanSar2Minus1: number
  }>
}

export interface VolumeResult {
  window: [number, number]
  groups: Array<{
    group: string
    event: string
    n: number
    daily: Array<{
      t: number
      date: string | null
      n: number
      meanAv: number
      crossSectionalT: TestResult
      sign: TestResult
    }>
  }>
  notes: string[]
}

export interface ClaimResult {
  id: string
  text: string
  metric: string
  subject: string
  /** Null for index metrics, which are measured as of `index.asOf`, not around an event. */
  event: string | null
  window: [number, number]
  expected: number
  tolerance: number
  measured: number | null
  holds: boolean
  note: string | null
}

export interface OverlapNote {
  symbol: string
  events: string[]
  note: string
}

/**
 * A study run on its pinned snapshot beside the same study on live data (`report --compare-live`): where the
 * numbers moved, and why the prices differ.
 */
export interface LiveComparison {
  snapshot: {file: string; sha256: string; asOf: string}
  live: {asOf: string}
  /** CAAR of every group × event × window in both runs (null where a run has none). */
  windows: Array<{
    group: string
    event: string
    window: [number, number]
    snapshot: number | null
    live: number | null
    /** live − snapshot. */
    change: number | null
  }>
  /** Per symbol read: how its prices differ between the snapshot and the live data, over the snapshot's dates. */
  prices: Array<{symbol: string; compared: number; differing: number; firstDiffering: string | null; why: string}>
}

/** A cross-sectional regression of CAR_i over a window on characteristics (docs/methods.md). */
export interface CrossSectionResult {
  id: string
  event: string
  window: [number, number]
  /** Security-events in the regression. */
  n: number
  r2: number | null
  adjR2: number | null
  /** The heteroskedasticity-consistent standard errors used. */
  se: 'hc3' | 'hc1'
  /** none: OLS of CAR; scar: WLS with weights 1 / Var(CAR_i). */
  weights: 'none' | 'scar'
  /** The group left out of the group dummies (null without a group term). */
  base: string | null
  /** The intercept first, then one term per regressor (group dummies named group:ID). */
  terms: Array<{name: string; coef: number | null; se: number | null; t: number | null; p: number | null}>
  /** Security-events left out, and why. */
  excluded: Array<{symbol: string; event: string; reason: string}>
}
