/**
 * The cross-section statistics the test battery shares, from the row pass's aggregates over the included rows:
 * Brown-Warner 1985's sd of the equally weighted portfolio AR over the estimation days, the generalized sign's share
 * of positive estimation ARs, Corrado-Zivney's rank deviation D_t per ranked day and its sd, the Corrado-Zivney sign
 * test's D_t and sd, and Kolari-Pynnönen's mean cross-correlation r of the estimation ARs. Conventions: docs/methods.md.
 */
import type {AggregateCorrelation} from './cross-correlation.js'
import {pairwiseMeanCorrelation} from './cross-correlation.js'
import {rankStandardDeviation, weightedRankDeviations} from './rank-test.js'
import type {RowPass} from './row-pass.js'
import {sd} from './stats.js'

/** Shared inputs of every test battery (aggregates over the included rows). */
export interface BatteryContext {
  sumSigma2: number
  sumPatell: number
  sdAarEstimation: number
  pPositiveEstimation: number
  meanCorrelation: number | null
}

export interface CrossSectionStats {
  /** Indices of the included rows, ascending, and their count N. */
  inc: Int32Array
  N: number
  ctx: BatteryContext
  correlationMethod: 'pairwise' | 'aggregate' | null
  /** Per ranked column: D_t = sum_i (U_it - 0.5) / sqrt(N_t); `su` = sqrt(mean D_t^2) (Corrado 1989, Cowan 1992). */
  rankD: Float64Array
  su: number
  /** Per ranked column: sum_i sign(AR_it - median_i) / sqrt(N_t); `sg` its S_G (Corrado & Zivney 1992). */
  signD: Float64Array
  sg: number
}

/** Indices of the rows with included[i] = 1, ascending. */
function includedRows(included: Uint8Array): Int32Array {
  const n = included.length
  let N = 0
  for (let i = 0; i < n; i++) N += included[i]
  const inc = new Int32Array(N)
  for (let i = 0, k = 0; i < n; i++) if (included[i]) inc[k++] = i
  return inc
}

/** Brown-Warner 1985: sd of the equally weighted portfolio AR over the estimation days (NaN with fewer than two). */
function sdPortfolioEstimationAr(estSum: Float64Array, estCnt: Int32Array): number {
  const E = estSum.length
  const aarEst = new Float64Array(E)
  let nAarEst = 0
  for (let k = 0; k < E; k++) if (estCnt[k] > 0) aarEst[nAarEst++] = estSum[k] / estCnt[k]
  return nAarEst >= 2 ? sd(aarEst, nAarEst) : NaN
}

/** Kolari-Pynnönen's r over the included rows (null below two rows or when not finite) and how it was computed. */
function meanCorrelationOf(pass: RowPass, N: number): {r: number | null; method: 'pairwise' | 'aggregate' | null} {
  if (N < 2) return {r: null, method: null}
  const s = pass.correlation
  const E = pass.estSum.length
  const r = s.exact
    ? pairwiseMeanCorrelation(s.keptArs, s.kept, E, s.keptCal, s.eventDays)
    : (s.aggregate as AggregateCorrelation).result()
  return {r: r !== null && !Number.isFinite(r) ? null : r, method: s.exact ? 'pairwise' : 'aggregate'}
}

/** The statistics above from one row pass. */
export function crossSectionStats(pass: RowPass): CrossSectionStats {
  const inc = includedRows(pass.included)
  const N = inc.length
  const {rankDev, rankCnt, signSum, estCounts} = pass
  const rankD = weightedRankDeviations(rankDev, rankCnt)
  const signD = weightedRankDeviations(signSum, rankCnt)
  const correlation = meanCorrelationOf(pass, N)
  const ctx: BatteryContext = {
    sumSigma2: pass.sumSigma2,
    sumPatell: pass.sumPatell,
    sdAarEstimation: sdPortfolioEstimationAr(pass.estSum, pass.estCnt),
    pPositiveEstimation: estCounts[1] > 0 ? estCounts[0] / estCounts[1] : NaN,
    meanCorrelation: correlation.r,
  }
  return {
    inc,
    N,
    ctx,
    correlationMethod: correlation.method,
    rankD,
    su: rankStandardDeviation(rankD, rankCnt),
    signD,
    sg: rankStandardDeviation(signD, rankCnt),
  }
}
