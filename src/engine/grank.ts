/**
 * Generalized rank test for CARs, GRANK (Kolari & Pynnönen 2011, "Nonparametric rank tests for event studies",
 * J. Empirical Finance 18). The event window's CAR enters each security's ranked series as one observation:
 *   SAR_it   = AR_it / S_i on the estimation days (S_i = sigma_i, the estimation-window sd of the ARs)
 *   SCAR*_i  = SCAR_i / S_SCAR, S_SCAR the cross-sectional sd of SCAR_i (re-standardized for event-induced volatility)
 *   GSAR_it  = SAR_it for t in E_i, and SCAR*_i on the cumulated event "day" 0
 *   U_it     = rank(GSAR_it) / (T_i + 1) - 1/2, T_i = number of the security's GSARs (average ranks for ties)
 *   Ubar_t   = mean over the n_t securities present on day t of U_it
 *   S_Ubar   = sqrt( (1/T) sum_t (n_t / n) Ubar_t^2 ), T = number of days with a security (estimation days + 1)
 *   Z        = Ubar_0 / S_Ubar,   t_grank = Z sqrt( (T - 2) / (T - 1 - Z^2) )  ~  Student t with T - 2 df.
 * Reference: docs/methods.md, "More tests".
 */
import {studentTTwoSidedP} from './distributions.js'
import {nullTest} from './parametric-tests.js'
import {createRankScratch, rankOrder} from './rank-test.js'
import type {RankScratch} from './rank-test.js'
import {sd} from './stats.js'
import type {TestResult} from './types.js'

export interface GrankResult extends TestResult {
  /** Z = Ubar_0 / S_Ubar (before the t transformation); null with stat. */
  z: number | null
}

/**
 * GRANK over n securities: `est` n × L estimation-window ARs on common relative days (NaN where missing),
 * `sigma` each security's S_i, `scar` each security's SCAR_i for the window tested.
 */
export function grank(est: Float64Array, n: number, L: number, sigma: Float64Array, scar: Float64Array): GrankResult {
  return grankRows(n, L, (i, out) => out.set(est.subarray(i * L, (i + 1) * L)), sigma, scar)
}

/**
 * GRANK with each security's L estimation ARs written by `row(i, out)` on demand (NaN where missing), so that a
 * caller holding the panel need not keep an n × L copy of them.
 */
export function grankRows(
  n: number,
  L: number,
  row: (i: number, out: Float64Array) => void,
  sigma: Float64Array,
  scar: Float64Array,
): GrankResult {
  return grankWindows(n, L, row, sigma, [scar])[0]
}

/**
 * GRANK for several windows at once, `scars[w]` the SCAR_i of window w: each security's estimation SARs are sorted
 * once, and each window's SCAR*_i is placed among them by binary search (the ranks it gives are those of ranking
 * the security's GSARs together).
 */
export function grankWindows(
  n: number,
  L: number,
  row: (i: number, out: Float64Array) => void,
  sigma: Float64Array,
  scars: Float64Array[],
): GrankResult[] {
  if (n < 2) return scars.map(() => ({...nullTest(n, 'needs at least 2 securities'), z: null}))
  const sScar = scars.map((scar) => sd(scar, n))
  const live = scars.map((_, w) => w).filter((w) => sScar[w] > 0)
  const sumU = scars.map(() => new Float64Array(L + 1)) // column L: the cumulated event day
  const cnt = new Int32Array(L + 1)
  const ranked = createRankedRow(L)
  const est = new Float64Array(L)
  for (let i = 0; live.length > 0 && i < n; i++) {
    if (!(sigma[i] > 0)) throw new RangeError(`grank: sigma[${i}] is ${sigma[i]}, expected > 0`)
    row(i, est)
    rankEstimation(est, L, sigma[i], ranked)
    for (let p = 0; p < ranked.m; p++) cnt[ranked.col[p]]++
    cnt[L]++
    for (const w of live) addWindowRanks(ranked, scars[w][i] / sScar[w], L, sumU[w])
  }
  return scars.map((_, w) =>
    sScar[w] > 0
      ? grankStatistic(sumU[w], cnt, n, L)
      : {...nullTest(n, 'SCAR does not vary across securities'), z: null},
  )
}

/** One security's estimation SARs in ascending order, the column of each, and twice its average 1-based rank. */
interface RankedRow {
  m: number
  sorted: Float64Array
  col: Int32Array
  twice: Int32Array
  vals: Float64Array
  pos: Int32Array
  scratch: RankScratch
}

function createRankedRow(L: number): RankedRow {
  const f = () => new Float64Array(L)
  const i = () => new Int32Array(L)
  return {m: 0, sorted: f(), col: i(), twice: i(), vals: f(), pos: i(), scratch: createRankScratch(L)}
}

/** Sorts the present SAR_it = AR_it / S_i of one security and records their tie groups' ranks. */
function rankEstimation(est: Float64Array, L: number, sigma: number, r: RankedRow): void {
  const {vals, pos, sorted, col, twice} = r
  let m = 0
  for (let k = 0; k < L; k++) {
    const a = est[k]
    if (a === a) {
      vals[m] = a / sigma
      pos[m++] = k
    }
  }
  r.m = m
  if (m === 0) return
  rankOrder(vals, m, r.scratch)
  const {order} = r.scratch
  for (let p = 0; p < m; p++) {
    sorted[p] = vals[order[p]]
    col[p] = pos[order[p]]
  }
  for (let q = 0; q < m; ) {
    let e = q
    while (e + 1 < m && sorted[e + 1] === sorted[q]) e++
    for (let p = q; p <= e; p++) twice[p] = q + e + 2 // 1-based ranks q+1 .. e+1: twice their average
    q = e + 1
  }
}

/**
 * Adds U - 1/2 of the security's SARs and its SCAR*_i = x, ranked together (T_i = m + 1), to sumU (column L: x).
 * x shifts the ranks of the SARs above it by one and joins the tie group of the SARs equal to it.
 */
function addWindowRanks(r: RankedRow, x: number, L: number, sumU: Float64Array): void {
  const {m, sorted, col, twice} = r
  let lt = 0
  let hi = m
  while (lt < hi) {
    const mid = (lt + hi) >> 1
    if (sorted[mid] < x) lt = mid + 1
    else hi = mid
  }
  let gt = lt
  while (gt < m && sorted[gt] === x) gt++
  const inv = 1 / (m + 2)
  for (let p = 0; p < lt; p++) sumU[col[p]] += (twice[p] / 2) * inv - 0.5
  for (let p = lt; p < gt; p++) sumU[col[p]] += ((twice[p] + 1) / 2) * inv - 0.5
  for (let p = gt; p < m; p++) sumU[col[p]] += ((twice[p] + 2) / 2) * inv - 0.5
  sumU[L] += ((lt + gt + 2) / 2) * inv - 0.5
}

/** Z = Ubar_0 / S_Ubar and t_grank from the per-day sums of U and counts. */
function grankStatistic(sumU: Float64Array, cnt: Int32Array, n: number, L: number): GrankResult {
  let s2 = 0
  let T = 0
  for (let k = 0; k <= L; k++)
    if (cnt[k] > 0) {
      const u = sumU[k] / cnt[k]
      s2 += (cnt[k] / n) * u * u
      T++
    }
  const sU = Math.sqrt(s2 / T)
  if (!(sU > 0) || T < 3) return {...nullTest(n, 'rank standard deviation is zero'), z: null}
  const z = sumU[L] / cnt[L] / sU
  const denom = T - 1 - z * z
  if (!(denom > 0)) return {...nullTest(n, 'statistic undefined (|Z| >= sqrt(T - 1))'), z}
  const t = z * Math.sqrt((T - 2) / denom)
  return {stat: t, p: studentTTwoSidedP(t, T - 2), n, df: T - 2, z}
}
