/**
 * The parametric tests across N securities, for one event day (AR) or one window (CAR, T days).
 * Two-sided p-values: Student t where a df is named, else standard normal.
 * References: Brown & Warner (1980, 1985); Patell (1976); Boehmer, Musumeci & Poulsen (1991);
 * Kolari & Pynnönen (2010); MacKinlay (1997).
 */
import {normalTwoSidedP, studentTTwoSidedP} from './distributions.js'
import {mean, sd} from './stats.js'
import type {TestResult} from './types.js'

export const NEEDS_TWO = 'needs at least 2 securities'

/** A test that cannot be computed: stat and p null, with the reason. */
export function nullTest(n: number, note: string): TestResult {
  return {stat: null, p: null, n, note}
}

function normalTest(stat: number, n: number): TestResult {
  if (!Number.isFinite(stat)) return nullTest(n, 'statistic undefined (zero variance)')
  return {stat, p: normalTwoSidedP(stat), n}
}

function tTest(stat: number, df: number, n: number): TestResult {
  if (!Number.isFinite(stat)) return nullTest(n, 'statistic undefined (zero variance)')
  return {stat, p: studentTTwoSidedP(stat, df), n, df}
}

/** Cross-sectional t: mean(x) / (s(x) / sqrt(N)), df N - 1 (x = AR_it or CAR_i of the N securities). */
export function crossSectionalT(x: Float64Array, n: number = x.length): TestResult {
  if (n < 2) return nullTest(n, NEEDS_TWO)
  const s = sd(x, n)
  if (!(s > 0)) return nullTest(n, 'zero cross-sectional variance')
  return tTest(mean(x, n) / (s / Math.sqrt(n)), n - 1, n)
}

/**
 * Brown-Warner 1980 (independent securities): AAR_t / (sqrt(sum_i sigma_i^2) / N);
 * window: CAAR / (sqrt(T) sqrt(sum_i sigma_i^2) / N). Standard normal.
 */
export function brownWarner1980(meanAr: number, sumSigma2: number, n: number, T = 1): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  return normalTest(meanAr / ((Math.sqrt(T) * Math.sqrt(sumSigma2)) / n), n)
}

/**
 * Brown-Warner 1985 crude dependence adjustment: AAR_t / s(AAR_τ), s over the estimation days'
 * portfolio ARs; window: CAAR / (sqrt(T) s(AAR_τ)). Standard normal.
 */
export function brownWarner1985(meanAr: number, sdPortfolio: number, n: number, T = 1): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(sdPortfolio > 0)) return nullTest(n, 'estimation-window portfolio AR has no variance')
  return normalTest(meanAr / (Math.sqrt(T) * sdPortfolio), n)
}

/**
 * Patell Z: sum_i SAR_it / sqrt(sum_i (L_i - 2)/(L_i - 4)); window: the same on SCAR_i.
 * `sumVarFactor` = sum_i (L_i - 2)/(L_i - 4) (needs every L_i > 4). Standard normal.
 */
export function patellZ(sumStandardized: number, sumVarFactor: number, n: number): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(sumVarFactor > 0) || !Number.isFinite(sumVarFactor))
    return nullTest(n, 'needs more than 4 estimation observations per security')
  return normalTest(sumStandardized / Math.sqrt(sumVarFactor), n)
}

/** Per-security variance factor of Patell's SAR: (L - 2) / (L - 4) (Infinity when L <= 4: unusable). */
export function patellVarianceFactor(L: number): number {
  return L > 4 ? (L - 2) / (L - 4) : Infinity
}

/** BMP (Boehmer, Musumeci & Poulsen 1991): mean(SAR) / (s(SAR) / sqrt(N)), df N - 1 (window: on SCAR). */
export function bmp(standardized: Float64Array, n: number = standardized.length): TestResult {
  return crossSectionalT(standardized, n)
}

/**
 * Kolari-Pynnönen (2010) adjusted BMP: BMP × sqrt((1 - r) / (1 + (N - 1) r)), r the mean pairwise
 * correlation of the estimation-window ARs. Same reference distribution as BMP (t, df N - 1).
 */
export function kolariPynnonen(bmpResult: TestResult, r: number | null, n: number): TestResult {
  if (n < 2) return nullTest(n, NEEDS_TWO)
  if (bmpResult.stat === null) return nullTest(n, bmpResult.note ?? 'BMP undefined')
  if (r === null) return nullTest(n, 'mean correlation undefined')
  const den = 1 + (n - 1) * r
  if (!(den > 0) || r >= 1) return nullTest(n, `mean correlation ${r.toFixed(4)} out of range for the adjustment`)
  return tTest(bmpResult.stat * Math.sqrt((1 - r) / den), n - 1, n)
}

/** The security's own test as the N = 1 stand-in for the cross-sectional t: stat ~ Student t(df). */
export function ownTTest(stat: number, df: number): TestResult {
  const r = tTest(stat, df, 1)
  return r.stat === null ? r : {...r, note: 'one security: its own t test (df L - d)'}
}
