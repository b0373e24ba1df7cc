/**
 * Types of the event-study engine. The engine is pure: typed arrays in, typed arrays out.
 * Missing values are NaN *inside* the engine only; results that leave it never carry NaN
 * (a security that cannot be estimated is excluded with a reason).
 */
export type ModelKind = 'market' | 'market-adjusted' | 'mean-adjusted'
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
  /** Security returns, row-major n × days; NaN marks a missing return. */
  returns: Float64Array
  /**
   * Benchmark returns: either one shared row (length `days`, when all rows share one event date)
   * or row-major n × days (per-security event dates).
   */
  market: Float64Array
  /**
   * Index in the trading calendar of each row's column 0, so that rows with different event dates
   * can be aligned on calendar days (Kolari-Pynnönen correlation over common days). Length n.
   */
  calendarStart: Int32Array
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
] as const
export type TestName = (typeof TEST_NAMES)[number]
export type TestBattery = Record<TestName, TestResult>
