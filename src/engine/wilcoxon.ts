/**
 * Wilcoxon (1945) signed-rank test of a zero median of AR_it (or CAR_i) across securities.
 * Zeros are dropped (Wilcoxon's convention), N' = number of non-zero values; |x| ranked with average ranks
 * for ties. The statistic is W+ = sum of the ranks of the positive values.
 *   p, N' <= 50: exact, from the permutation distribution of W+ given the (possibly tied) ranks, by dynamic
 *               programming over doubled ranks (integers); two-sided p = min(1, 2 min(P(W+ <= w), P(W+ >= w))).
 *   p, N' > 50:  normal approximation, mean N'(N'+1)/4, variance N'(N'+1)(2N'+1)/24 - sum(t^3 - t)/48 over tie
 *               groups, with a continuity correction of 0.5 (as R's wilcox.test).
 * Reference: Wilcoxon (1945); Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., 4.1.
 */
import {normalTwoSidedP} from './distributions.js'
import {sortNonNegative} from './radix-sort.js'
import {NEEDS_TWO, nullTest} from './parametric-tests.js'
import type {TestResult} from './types.js'

export const WILCOXON_EXACT_MAX_N = 50

export function wilcoxonSignedRank(x: Float64Array, n: number = x.length): TestResult {
  if (n < 2) return nullTest(n, NEEDS_TWO)
  // |x| of the non-zero values, and the positive values alone; both sorted, then walked together
  const abs = new Float64Array(n)
  const pos = new Float64Array(n)
  let m = 0
  let np = 0
  for (let i = 0; i < n; i++) {
    const v = x[i]
    if (v !== 0) abs[m++] = v < 0 ? -v : v
    if (v > 0) pos[np++] = v
  }
  if (m === 0) return nullTest(n, 'all values are zero')
  const sorted = sortNonNegative(abs.subarray(0, m))
  const positives = sortNonNegative(pos.subarray(0, np))
  // doubled average ranks (2 x rank) so that tied ranks stay integers
  let wPlus2 = 0
  let tieTerm = 0
  const exact = m <= WILCOXON_EXACT_MAX_N
  const rank2 = exact ? new Int32Array(m) : new Int32Array(0)
  let q = 0
  for (let k = 0; k < m; ) {
    const v = sorted[k]
    let e = k
    while (e + 1 < m && sorted[e + 1] === v) e++
    const t = e - k + 1
    tieTerm += t * t * t - t
    const r2 = k + 1 + e + 1
    if (exact) for (let r = k; r <= e; r++) rank2[r] = r2
    while (q < np && positives[q] === v) {
      wPlus2 += r2
      q++
    }
    k = e + 1
  }
  const wPlus = wPlus2 / 2
  if (exact) return {stat: wPlus, p: exactP(rank2, wPlus2), n}
  const mu = (m * (m + 1)) / 4
  const v = (m * (m + 1) * (2 * m + 1)) / 24 - tieTerm / 48
  if (!(v > 0)) return nullTest(n, 'no variance')
  const diff = wPlus - mu
  const z = (diff - Math.sign(diff) * Math.min(0.5, Math.abs(diff))) / Math.sqrt(v)
  return {stat: wPlus, p: normalTwoSidedP(z), n}
}

/** Exact two-sided p of 2W+ = w2 given doubled ranks: counts of subset sums (2^m sign patterns, equally likely). */
function exactP(rank2: Int32Array, w2: number): number {
  let total = 0
  for (let k = 0; k < rank2.length; k++) total += rank2[k]
  const counts = new Float64Array(total + 1)
  counts[0] = 1
  let reach = 0
  for (let k = 0; k < rank2.length; k++) {
    const r = rank2[k]
    for (let s = reach; s >= 0; s--) if (counts[s] !== 0) counts[s + r] += counts[s]
    reach += r
  }
  const all = 2 ** rank2.length
  let lower = 0
  let upper = 0
  for (let s = 0; s <= total; s++) {
    if (s <= w2) lower += counts[s]
    if (s >= w2) upper += counts[s]
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / all)
}
