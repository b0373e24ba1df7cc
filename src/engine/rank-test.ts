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

/** Reusable scratch for standardizedRanks (no allocation per row). */
export interface RankScratch {
  bucket: Int32Array
  counts: Int32Array
  order: Int32Array
}

export function createRankScratch(capacity: number): RankScratch {
  return {bucket: new Int32Array(capacity), counts: new Int32Array(capacity + 1), order: new Int32Array(capacity)}
}

/**
 * Standardized ranks U = K / (m + 1) of values[0..m) into out[0..m); ties get their average rank.
 * Sorting is a bucket pass (buckets over mean ± 4 sd, outliers clamped to the end buckets) followed by an
 * insertion sort of the nearly sorted order: O(m) expected for AR series, where a comparison sort of every
 * row would dominate the engine's run time.
 */
export function standardizedRanks(
  values: Float64Array,
  m: number,
  out: Float64Array,
  scratch: RankScratch = createRankScratch(m),
): void {
  if (m === 0) return
  const {bucket, counts, order} = scratch
  let s = 0
  for (let k = 0; k < m; k++) s += values[k]
  const mu = s / m
  let ss = 0
  for (let k = 0; k < m; k++) ss += (values[k] - mu) * (values[k] - mu)
  const sdv = Math.sqrt(ss / m)
  const B = m
  const lo = mu - 4 * sdv
  const scale = sdv > 0 ? B / (8 * sdv) : 0
  counts.fill(0, 0, B + 1)
  for (let k = 0; k < m; k++) {
    let b = Math.floor((values[k] - lo) * scale)
    if (!(b >= 0)) b = 0
    else if (b >= B) b = B - 1
    bucket[k] = b
    counts[b + 1]++
  }
  for (let b = 1; b <= B; b++) counts[b] += counts[b - 1]
  for (let k = 0; k < m; k++) order[counts[bucket[k]]++] = k
  // insertion sort: only elements within one bucket are out of order
  for (let q = 1; q < m; q++) {
    const idx = order[q]
    const v = values[idx]
    let p = q - 1
    while (p >= 0 && values[order[p]] > v) {
      order[p + 1] = order[p]
      p--
    }
    order[p + 1] = idx
  }
  const inv = 1 / (m + 1)
  for (let q = 0; q < m; ) {
    const v = values[order[q]]
    let e = q
    while (e + 1 < m && values[order[e + 1]] === v) e++
    // 1-based ranks q+1 .. e+1, averaged
    const u = ((q + 1 + e + 1) / 2) * inv
    for (let r = q; r <= e; r++) out[order[r]] = u
    q = e + 1
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
