/**
 * Corrado & Zivney (1992) sign test ("The specification and power of the sign test in event study hypothesis tests
 * using daily stock returns", JFQA 27). Each security's ARs over E_i plus the event days are compared with the
 * security's own median over those days (R's median: the mean of the two middle values for an even count):
 *   G_it  = sign(AR_it - median_i)  in {-1, 0, +1}
 *   D_t   = sum_i G_it / sqrt(N_t),   N_t = securities present on day t
 *   S_G   = sqrt( mean over the days t with N_t > 0 of D_t^2 )
 *   day:     D_0 / S_G;   window W (T days, Cowan 1992 as for the rank test):  sum_{t in W} D_t / (sqrt(T) S_G).
 * Standard normal. For a complete panel S_G equals estudy2's sqrt((1/T) sum_t (sum_i G_it / sqrt(N))^2).
 * Reference: docs/methods.md, "More tests".
 */
import {normalTwoSidedP} from './distributions.js'
import {nullTest} from './parametric-tests.js'
import type {TestResult} from './types.js'

/** Median of values[0..m) (sorts the given scratch copy). */
function median(values: Float64Array, m: number): number {
  const s = values.subarray(0, m).sort()
  return m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2
}

/**
 * `ars` n × cols: each security's ARs over E_i plus the event days on common relative-day columns (NaN where
 * missing); `window` the inclusive column range [c1, c2] of the tested day or window.
 */
export function corradoZivneySign(
  ars: Float64Array,
  n: number,
  cols: number,
  window: readonly [number, number],
): TestResult {
  const [c1, c2] = window
  if (!(Number.isInteger(c1) && Number.isInteger(c2) && 0 <= c1 && c1 <= c2 && c2 < cols))
    throw new RangeError(`corradoZivneySign: window [${c1}, ${c2}] outside columns 0..${cols - 1}`)
  if (n < 1) return nullTest(n, 'no securities')
  const sumG = new Float64Array(cols)
  const cnt = new Int32Array(cols)
  const scratch = new Float64Array(cols)
  for (let i = 0; i < n; i++) {
    let m = 0
    for (let k = 0; k < cols; k++) {
      const a = ars[i * cols + k]
      if (a === a) scratch[m++] = a
    }
    if (m === 0) continue
    const med = median(scratch, m)
    for (let k = 0; k < cols; k++) {
      const a = ars[i * cols + k]
      if (a === a) {
        sumG[k] += Math.sign(a - med)
        cnt[k]++
      }
    }
  }
  let s2 = 0
  let days = 0
  for (let k = 0; k < cols; k++)
    if (cnt[k] > 0) {
      s2 += (sumG[k] * sumG[k]) / cnt[k]
      days++
    }
  const sG = Math.sqrt(s2 / days)
  if (!(sG > 0)) return nullTest(n, 'sign standard deviation is zero')
  let sum = 0
  let T = 0
  for (let k = c1; k <= c2; k++)
    if (cnt[k] > 0) {
      sum += sumG[k] / Math.sqrt(cnt[k])
      T++
    }
  if (T === 0) return nullTest(n, 'no security has an AR in the window')
  const z = sum / (Math.sqrt(T) * sG)
  return {stat: z, p: normalTwoSidedP(z), n}
}
