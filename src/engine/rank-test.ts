/**
 * Corrado (1989) rank test with Corrado & Zivney (1992) standardized ranks, and Cowan's (1992) multi-day
 * version. Each security's ARs over E_i plus the event days are ranked together (average ranks for ties);
 * U_it = K_it / (M_i + 1), M_i the number of ranked days, so that series of different lengths mix.
 *   S_U = sqrt( mean over days t of ( mean_i (U_it - 0.5) )^2 )
 *   day:    mean_i (U_it - 0.5) / S_U
 *   window: sqrt(T) mean_{t in W} ( mean_i (U_it - 0.5) ) / S_U      (standard normal)
 */
import {normalTwoSidedP} from './distributions.js'
import {nullTest} from './parametric-tests.js'
import type {TestResult} from './types.js'

/**
 * Standardized ranks U = K / (m + 1) of values[0..m) into out[0..m); ties get their average rank.
 * `sorted` is scratch of length >= m. O(m log m): a native sort, then two binary searches per value.
 */
export function standardizedRanks(values: Float64Array, m: number, out: Float64Array, sorted: Float64Array): void {
  const s = sorted.subarray(0, m)
  s.set(values.subarray(0, m))
  s.sort()
  const inv = 1 / (m + 1)
  for (let k = 0; k < m; k++) {
    const v = values[k]
    // first index with s >= v
    let lo = 0
    let hi = m
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (s[mid] < v) lo = mid + 1
      else hi = mid
    }
    const first = lo
    // first index with s > v (ties are rare: walk)
    let last = first
    while (last < m && s[last] === v) last++
    // 1-based ranks first+1 .. last, averaged
    out[k] = ((first + 1 + last) / 2) * inv
  }
}

/** S_U from the per-day mean deviations mean_i (U_it - 0.5) (days with no ranked security skipped). */
export function rankStandardDeviation(meanDeviations: Float64Array, counts: Int32Array): number {
  let s = 0
  let c = 0
  for (let k = 0; k < meanDeviations.length; k++) {
    if (counts[k] > 0) {
      s += meanDeviations[k] * meanDeviations[k]
      c++
    }
  }
  return Math.sqrt(s / c)
}

/** Corrado day statistic mean_i (U_i0 - 0.5) / S_U. */
export function corradoDay(meanDeviation: number, su: number, n: number): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(su > 0)) return nullTest(n, 'rank standard deviation is zero')
  const z = meanDeviation / su
  return {stat: z, p: normalTwoSidedP(z), n}
}

/** Cowan (1992) window statistic sqrt(T) mean_{t in W}(mean_i (U_it - 0.5)) / S_U. */
export function corradoWindow(meanDeviations: ArrayLike<number>, su: number, n: number): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(su > 0)) return nullTest(n, 'rank standard deviation is zero')
  const T = meanDeviations.length
  let s = 0
  for (let k = 0; k < T; k++) s += meanDeviations[k]
  const z = (Math.sqrt(T) * (s / T)) / su
  return {stat: z, p: normalTwoSidedP(z), n}
}
