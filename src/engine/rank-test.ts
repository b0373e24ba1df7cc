/**
 * Corrado (1989) rank test with Corrado & Zivney (1992) standardized ranks, and Cowan's (1992) multi-day
 * version. Each security's ARs over E_i plus the event days are ranked together (average ranks for ties);
 * U_it = K_it / (M_i + 1), M_i the number of ranked days, so that series of different lengths mix. Each day is
 * weighted by its own number of ranked securities N_t (Cowan 1992; Campbell & Wasley 1993), so that an unbalanced
 * panel (securities listed during the estimation window, gaps) gives each day's deviation unit variance:
 *   D_t = sum_i (U_it - 0.5) / sqrt(N_t)
 *   S_U = sqrt( mean over the days t with N_t > 0 of D_t^2 )
 *   day:    D_0 / S_U
 *   window: sum_{t in W} D_t / (sqrt(T) S_U)      (standard normal)
 * For a complete panel (N_t = N) this is Corrado's mean_i (U_it - 0.5) / S_U with S_U over the daily means.
 */
import {normalTwoSidedP} from './distributions.js'
import {nullTest} from './parametric-tests.js'
import type {TestResult} from './types.js'

/** Reusable scratch for standardizedRanks (no allocation per row). */
export interface RankScratch {
  bucket: Int32Array
  counts: Int32Array
  /** After standardizedRanks: the indices of values[0..m) in ascending order of value. */
  order: Int32Array
}

export function createRankScratch(capacity: number): RankScratch {
  return {bucket: new Int32Array(capacity), counts: new Int32Array(2 * capacity + 1), order: new Int32Array(capacity)}
}

/**
 * Standardized ranks U = K / (m + 1) of values[0..m) into out[0..m); ties get their average rank.
 * Sorting is rankOrder's bucket pass; the ascending order stays in scratch.order.
 */
export function standardizedRanks(
  values: Float64Array,
  m: number,
  out: Float64Array,
  scratch: RankScratch = createRankScratch(m),
): void {
  if (m === 0) return
  rankOrder(values, m, scratch)
  const {order} = scratch
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

/**
 * The indices of values[0..m) (no NaN) in ascending order of value, into scratch.order: a bucket pass (2m buckets
 * over mean ± 3 sd, outliers clamped to the end buckets) followed by an insertion sort of the nearly sorted order,
 * O(m) expected for AR series, where a comparison sort of every row would dominate the engine's run time. The
 * buckets only set how much the insertion sort has to do (about 40% of the moves of m buckets over ± 4 sd
 * for fat-tailed ARs); the order is exact whatever they are.
 */
export function rankOrder(values: Float64Array, m: number, scratch: RankScratch): void {
  const {bucket, counts, order} = scratch
  let s = 0
  for (let k = 0; k < m; k++) s += values[k]
  const mu = s / m
  let ss = 0
  for (let k = 0; k < m; k++) ss += (values[k] - mu) * (values[k] - mu)
  const sdv = Math.sqrt(ss / m)
  const B = 2 * m
  const lo = mu - 3 * sdv
  const scale = sdv > 0 ? B / (6 * sdv) : 0
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
}

/** D_t = sum_i (U_it - 0.5) / sqrt(N_t) per ranked day from the sums and counts (0 where N_t = 0). */
export function weightedRankDeviations(sums: Float64Array, counts: Int32Array): Float64Array {
  const d = new Float64Array(sums.length)
  for (let k = 0; k < sums.length; k++) d[k] = counts[k] > 0 ? sums[k] / Math.sqrt(counts[k]) : 0
  return d
}

/** S_U = sqrt(mean of D_t^2) over the days with a ranked security (days with N_t = 0 skipped). */
export function rankStandardDeviation(deviations: Float64Array, counts: Int32Array): number {
  let s = 0
  let c = 0
  for (let k = 0; k < deviations.length; k++) {
    if (counts[k] > 0) {
      s += deviations[k] * deviations[k]
      c++
    }
  }
  return Math.sqrt(s / c)
}

/**
 * Corrado day statistic D_0 / S_U. The Corrado-Zivney sign test has the same form with sign deviations
 * (`what` = 'sign' names them in the note).
 */
export function corradoDay(deviation: number, su: number, n: number, what: 'rank' | 'sign' = 'rank'): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(su > 0)) return nullTest(n, `${what} standard deviation is zero`)
  const z = deviation / su
  return {stat: z, p: normalTwoSidedP(z), n}
}

/** Cowan (1992) window statistic sum_{t in W} D_t / (sqrt(T) S_U). */
export function corradoWindow(
  deviations: ArrayLike<number>,
  su: number,
  n: number,
  what: 'rank' | 'sign' = 'rank',
): TestResult {
  if (n < 1) return nullTest(n, 'no securities')
  if (!(su > 0)) return nullTest(n, `${what} standard deviation is zero`)
  const T = deviations.length
  let s = 0
  for (let k = 0; k < T; k++) s += deviations[k]
  const z = s / (Math.sqrt(T) * su)
  return {stat: z, p: normalTwoSidedP(z), n}
}
