/**
 * Types of the event-study engine. The engine is pure: typed arrays in, typed arrays out.
 * Missing values are NaN *inside* the engine only; results that leave it never carry NaN
 * (a security that cannot be estimated is excluded with a reason).
 */
import type {LinearFit} from './linear-model.js'

export type ModelKind = 'market' | 'market-adjusted' | 'mean-adjusted' | 'scholes-williams' | 'dimson' | 'factors'
export type ReturnKind = 'simple' | 'log'

/**
 * Returns of N security-events aligned on relative trading days.
 * Column j of every row is relative day t = firstRel + j (t = 0 is the event's trading date).
 */
export interface EventPanel {
  /** Number of rows (security-events). */
  n: number
  /** Number of columns (relative days). */
  days: number
  /** Relative day of column 0. */
  firstRel: number
  /**
   * Security returns, row-major n × days; or, with `returnsOffsets`, a buffer the rows are read from in place. NaN
   * marks a missing return.
   */
  returns: Float64Array
  /**
   * With a shared `returns` buffer: row i's column 0 is returns[returnsOffsets[i]] and its row is
   * returns[off..off + days) (the builder leaves NaN around each security's days). Length n. Read through
   * returnsOffset().
   */
  returnsOffsets?: Int32Array
  /**
   * Benchmark returns: either one shared row (length `days`, when all rows share one event date),
   * row-major n × days (per-security event dates), or, with `marketOffsets`, one calendar-long series.
   */
  market: Float64Array
  /**
   * With one calendar-long `market` series: row i's column 0 is market[marketOffsets[i]] and its row is
   * market[off..off + days) (padded with NaN where the calendar ends). Length n. Read through marketOffset().
   */
  marketOffsets?: Int32Array
  /**
   * Index in the trading calendar of each row's column 0, so that rows with different event dates
   * can be aligned on calendar days (Kolari-Pynnönen correlation over common days). Length n.
   */
  calendarStart: Int32Array
  /** Factor model regressors F_k (decimal returns), each laid out like `market`; their names in `factorNames`. */
  factors?: Float64Array[]
  factorNames?: string[]
  /** Risk-free rate RF_t laid out like `market`: the factor model's dependent is R - RF. */
  riskFree?: Float64Array
}

export interface EngineOptions {
  model: ModelKind
  returns: ReturnKind
  /** Estimation window in relative days, inclusive. */
  estimation: readonly [number, number]
  /** Event windows in relative days, inclusive. */
  windows: ReadonlyArray<readonly [number, number]>
  /** Minimum estimation observations (days with both returns present). */
  minObservations: number
  /** Dimson's lags and leads k (default 1). */
  lags?: number
}

/** A test result: statistic, two-sided p-value and the number of securities it used. */
export interface TestResult {
  stat: number | null
  p: number | null
  n: number
  /** Degrees of freedom where the reference distribution is Student t. */
  df?: number
  /** Why stat/p are null (e.g. "needs at least 2 securities"). */
  note?: string
  /** Holm and Benjamini-Hochberg adjusted p over the result's family of window rows (study/adjusted-p.ts). */
  pHolm?: number | null
  pBH?: number | null
}

export const TEST_NAMES = [
  'crossSectionalT',
  'brownWarner1980',
  'brownWarner1985',
  'patell',
  'bmp',
  'kolariPynnonen',
  'corrado',
  'sign',
  'generalizedSign',
  'wilcoxon',
  'grank',
  'corradoSign',
] as const
export type TestName = (typeof TEST_NAMES)[number]
export type TestBattery = Record<TestName, TestResult>

// ---- engine output (runEventStudy) -----------------------------------------------------------------

/** Why a row (security-event) was left out. `day` is the relative day for 'missing-event-return'. */
export interface Exclusion {
  code:
    | 'too-few-observations'
    | 'constant-returns'
    | 'zero-market-variance'
    | 'zero-residual-variance'
    | 'missing-event-return'
  reason: string
  day?: number
}

/** The fitted expected-return model of one row (estimation window E_i only). */
export interface RowFit {
  /** Intercept (market model), mean return (mean-adjusted), 0 (market-adjusted). */
  alpha: number
  /** Slope on the market (market model), 1 (market-adjusted), 0 (mean-adjusted). */
  beta: number
  /** sigma_i: sd of the estimation-window ARs, divisor L_i - max(d, 1). */
  sigma: number
  /** R^2 of the market model; null for the other models or when undefined. */
  r2: number | null
  /** L_i: estimation days with both returns present. */
  L: number
  /** Degrees of freedom of the single-security t test: L_i - d. */
  df: number
  /** Mean market return over E_i and S_mm = sum (R_m - mean_Rm)^2 (for C_it and Var(CAR)). */
  meanRm: number
  smm: number
  /** Dimson: the regression on the lagged and leading market returns; factors: on the factors (coefficients.ts). */
  regression?: LinearFit
  /** Factor model: the row's systematic returns RF_t + b'F_t (a view of EngineResult.systematic), its "market". */
  systematic?: Float64Array
}

/** Per-row results of one event window. Arrays have length n; entries of excluded rows are 0. */
export interface WindowStats {
  window: readonly [number, number]
  /** T = t2 - t1 + 1. */
  days: number
  car: Float64Array
  varCar: Float64Array
  scar: Float64Array
  bhar: Float64Array
  /** Single-security t = CAR / sqrt(Var(CAR)) (the same array as scar), Student t with L_i - d df, and its two-sided p. */
  t: Float64Array
  p: Float64Array
  /** Mean CAR over the included rows; null when none is included. */
  caar: number | null
  /** Included rows. */
  n: number
  tests: TestBattery
}

export interface DayStats {
  /** Relative day. */
  t: number
  n: number
  /** Mean AR over the included rows; null when none is included. */
  aar: number | null
  tests: TestBattery
}

export interface EngineResult {
  n: number
  model: ModelKind
  /** Number of expected-return parameters d (market 2, mean-adjusted 1, market-adjusted 0). */
  d: number
  /** Per row: the fit, or null when excluded. */
  fits: Array<RowFit | null>
  /** Per row: the exclusion, or null when included. */
  exclusions: Array<Exclusion | null>
  /** 1 where the row is included. */
  included: Uint8Array
  nIncluded: number
  /** Ascending union of the windows' relative days: the columns of ret/ar/sar. */
  eventDays: Int32Array
  /** Row-major n × eventDays.length. Rows of excluded securities hold 0 (check `included`). */
  ret: Float64Array
  ar: Float64Array
  sar: Float64Array
  /** Per row sigma_i (0 for excluded rows): what abnormal volatility needs. */
  sigma: Float64Array
  windows: WindowStats[]
  daily: DayStats[]
  /** Kolari-Pynnönen mean pairwise correlation of estimation-window ARs (null when N < 2). */
  meanCorrelation: number | null
  /** How meanCorrelation was computed: exact pairwise, or the O(N·L) form. */
  correlationMethod: 'pairwise' | 'aggregate' | null
  /**
   * Factor model only: per row n × days, RF_t + sum_k b_ik F_kt, the "market" against which AR = R - alpha - R_sys
   * (with beta 1), for callers that recompute ARs from the panel.
   */
  systematic?: Float64Array
}
