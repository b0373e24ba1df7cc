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
import {createRankScratch, standardizedRanks} from './rank-test.js'
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
  if (n < 2) return {...nullTest(n, 'needs at least 2 securities'), z: null}
  const sScar = sd(scar, n)
  if (!(sScar > 0)) return {...nullTest(n, 'SCAR does not vary across securities'), z: null}
  const sumU = new Float64Array(L + 1) // column L: the cumulated event day
  const cnt = new Int32Array(L + 1)
  const vals = new Float64Array(L + 1)
  const pos = new Int32Array(L + 1)
  const out = new Float64Array(L + 1)
  const scratch = createRankScratch(L + 1)
  const est = new Float64Array(L)
  for (let i = 0; i < n; i++) {
    if (!(sigma[i] > 0)) throw new RangeError(`grank: sigma[${i}] is ${sigma[i]}, expected > 0`)
    row(i, est)
    let m = 0
    for (let k = 0; k < L; k++) {
      const a = est[k]
      if (a === a) {
        vals[m] = a / sigma[i]
        pos[m++] = k
      }
    }
    vals[m] = scar[i] / sScar
    pos[m++] = L
    standardizedRanks(vals, m, out, scratch)
    for (let k = 0; k < m; k++) {
      sumU[pos[k]] += out[k] - 0.5
      cnt[pos[k]]++
    }
  }
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
