/**
 * Bootstrap p-values of the cross-sectional t of a window's CARs (docs/methods.md, "Bootstrap"). The observed
 * statistic is S = CAAR / (s(CAR_i) / sqrt(N)); B statistics S*_b are drawn under the null and
 *   p* = (1 + #{b : |S*_b| >= |S|}) / (B + 1)        (two-sided; Davison & Hinkley 1997, ch. 4).
 * Schemes (the methods document, "Bootstrap and multiple testing"):
 *   'sign-flip'          wild bootstrap with Rademacher weights on the de-meaned CARs (Wu 1986; Liu 1988):
 *                        CAR*_i = e_i (CAR_i - CAAR), e_i = ±1 with probability 1/2.
 *   'estimation-window'  T days drawn with replacement from the estimation window, the same days for every
 *                        security (keeps the cross-correlation), each security's centred ARs summed to a pseudo-CAR.
 * Draws come from the engine's seeded generator (random.ts): the same seed gives the same p*.
 */
import {crossSectionalT} from './parametric-tests.js'
import {createRandom} from './random.js'
import type {Random} from './random.js'

export type BootstrapScheme = 'sign-flip' | 'estimation-window'

export interface BootstrapResult {
  /** Observed cross-sectional t; null when undefined (N < 2, or no variation in the CARs). */
  stat: number | null
  /** p* = (1 + #{|S*_b| >= |S|}) / (B + 1); null with stat. */
  p: number | null
  draws: number
  seed: number
  scheme: BootstrapScheme
  n: number
  note?: string
}

/** |S*| counts as reaching |S| within a relative 1e-12, so rounding never turns a tie into a miss. */
function reaches(absStar: number, absStat: number): boolean {
  return absStar >= absStat * (1 - 1e-12)
}

function observed(car: Float64Array, n: number, draws: number, seed: number, scheme: BootstrapScheme) {
  if (!(Number.isInteger(draws) && draws >= 1))
    throw new RangeError(`bootstrap draws must be a positive integer, got ${draws}`)
  const t = crossSectionalT(car, n)
  const base = {draws, seed, scheme, n}
  if (t.stat === null) return {fail: {...base, stat: null, p: null, note: t.note ?? 'statistic undefined'}}
  return {stat: t.stat, base}
}

/**
 * Sign-flip (Rademacher) bootstrap of the cross-sectional t on x_i = CAR_i - CAAR. As e_i^2 = 1, sum x*_i^2 = sum x_i^2
 * = Q for every draw, so S*_b = m* / sqrt((Q - N m*^2) / ((N - 1) N)) with m* = sum e_i x_i / N: O(N / 8) per draw
 * (signTable). Security k takes bit k mod 32 of the generator's word floor(k / 32) (1 = +).
 */
export function signFlipBootstrap(car: Float64Array, n: number, draws: number, seed: number): BootstrapResult {
  const o = observed(car, n, draws, seed, 'sign-flip')
  if (o.fail) return o.fail
  let m = 0
  for (let i = 0; i < n; i++) m += car[i]
  m /= n
  const x = new Float64Array(n)
  let q = 0
  for (let i = 0; i < n; i++) {
    x[i] = car[i] - m
    q += x[i] * x[i]
  }
  const table = signTable(x, n)
  const groups = table.length / 256
  const rng = createRandom(seed)
  const absS = Math.abs(o.stat)
  let hits = 0
  for (let b = 0; b < draws; b++) {
    let s = 0
    for (let g = 0; g < groups; g += 4) {
      const bits = rng.uint32()
      const end = Math.min(groups, g + 4)
      for (let k = g; k < end; k++) s += table[k * 256 + ((bits >>> (8 * (k - g))) & 255)]
    }
    const ms = s / n
    const v = (q - n * ms * ms) / ((n - 1) * n)
    const t = v > 0 ? ms / Math.sqrt(v) : Number.POSITIVE_INFINITY // all mass on one sign pattern: |t| unbounded
    if (reaches(Math.abs(t), absS)) hits++
  }
  return {...o.base, stat: o.stat, p: (1 + hits) / (draws + 1)}
}

/**
 * sum_k e_k x_k for every sign pattern of each group of 8 securities: entry g * 256 + byte, bit j of byte the sign of
 * security 8 g + j (1 = +). A draw then costs N / 8 lookups.
 */
function signTable(x: Float64Array, n: number): Float64Array {
  const groups = Math.ceil(n / 8)
  const table = new Float64Array(groups * 256)
  for (let g = 0; g < groups; g++)
    for (let byte = 0; byte < 256; byte++) {
      let s = 0
      for (let j = 0; j < 8 && 8 * g + j < n; j++) s += (byte >>> j) & 1 ? x[8 * g + j] : -x[8 * g + j]
      table[g * 256 + byte] = s
    }
  return table
}

/**
 * Estimation-window bootstrap. `est` is n × L (row-major) of each security's estimation-window ARs on common relative
 * days, NaN where a day is missing. Each security's ARs are centred on their own mean over its present days (zero
 * already for a fitted model's residuals), so pseudo-CARs are drawn under the null. Per draw, T day indices
 * d_1..d_T are drawn uniformly from [0, L), the same for all securities, and
 *   CAR*_i = sqrt(T / m_i) sum over the m_i drawn days present for i of (AR_id - mean_i),
 * i.e. a drawn day missing for security i is skipped and the sum rescaled to T days' variance (CAR*_i = 0 when
 * none of the drawn days is present). S*_b is the cross-sectional t of the CAR*_i. O(B · T · N).
 */
export function estimationWindowBootstrap(
  car: Float64Array,
  est: Float64Array,
  n: number,
  L: number,
  T: number,
  draws: number,
  seed: number,
): BootstrapResult {
  const o = observed(car, n, draws, seed, 'estimation-window')
  if (o.fail) return o.fail
  if (!(L >= 1 && T >= 1)) throw new RangeError(`estimation-window bootstrap needs L >= 1 and T >= 1 (L ${L}, T ${T})`)
  const {byDay, present, complete} = centredByDay(est, n, L)
  const rng = createRandom(seed)
  const absS = Math.abs(o.stat)
  // complete panels: the t needs only sum_i CAR*_i and sum_i CAR*_i^2, both from day sums and the day Gram matrix
  const gram = complete && (L * L * n) / 2 + draws * T * T < draws * T * n
  const hits = gram
    ? gramDraws(byDay, n, L, T, draws, rng, absS)
    : directDraws(byDay, present, complete, n, L, T, draws, rng, absS)
  return {...o.base, stat: o.stat, p: (1 + hits) / (draws + 1)}
}

/** Pseudo-CARs summed security by security: O(T N) per draw. */
function directDraws(
  byDay: Float64Array,
  present: Uint8Array,
  complete: boolean,
  n: number,
  L: number,
  T: number,
  draws: number,
  rng: Random,
  absS: number,
): number {
  const pseudo = new Float64Array(n)
  const count = new Int32Array(n)
  let hits = 0
  for (let b = 0; b < draws; b++) {
    pseudo.fill(0)
    if (!complete) count.fill(0)
    for (let k = 0; k < T; k++) {
      const off = rng.below(L) * n
      for (let i = 0; i < n; i++) pseudo[i] += byDay[off + i]
      if (!complete) for (let i = 0; i < n; i++) count[i] += present[off + i]
    }
    if (!complete) for (let i = 0; i < n; i++) pseudo[i] = count[i] > 0 ? pseudo[i] * Math.sqrt(T / count[i]) : 0
    const t = crossSectionalT(pseudo, n).stat
    if (t !== null && reaches(Math.abs(t), absS)) hits++
  }
  return hits
}

/**
 * Complete panels: with c_d = sum_i AR_id and G_de = sum_i AR_id AR_ie (centred ARs), a draw d_1..d_T gives
 * sum_i CAR*_i = sum_k c_{d_k} and sum_i CAR*_i^2 = sum_k sum_l G_{d_k d_l}: O(T^2) per draw after O(L^2 N) once.
 */
function gramDraws(byDay: Float64Array, n: number, L: number, T: number, draws: number, rng: Random, absS: number) {
  const c = new Float64Array(L)
  const G = new Float64Array(L * L)
  for (let d = 0; d < L; d++) {
    const a = d * n
    for (let i = 0; i < n; i++) c[d] += byDay[a + i]
    for (let e = d; e < L; e++) {
      const bOff = e * n
      let s = 0
      for (let i = 0; i < n; i++) s += byDay[a + i] * byDay[bOff + i]
      G[d * L + e] = s
      G[e * L + d] = s
    }
  }
  const days = new Int32Array(T)
  let hits = 0
  for (let b = 0; b < draws; b++) {
    let sum = 0
    for (let k = 0; k < T; k++) {
      days[k] = rng.below(L)
      sum += c[days[k]]
    }
    let ss = 0
    for (let k = 0; k < T; k++) {
      const row = days[k] * L
      for (let l = 0; l < T; l++) ss += G[row + days[l]]
    }
    const m = sum / n
    const v = (ss - n * m * m) / ((n - 1) * n)
    if (v > 0 && reaches(Math.abs(m / Math.sqrt(v)), absS)) hits++
  }
  return hits
}

/** Day-major L × n copy of the centred ARs (0 where missing), the presence flags, and whether nothing is missing. */
function centredByDay(est: Float64Array, n: number, L: number) {
  const byDay = new Float64Array(L * n)
  const present = new Uint8Array(L * n)
  let complete = true
  for (let i = 0; i < n; i++) {
    let s = 0
    let c = 0
    for (let d = 0; d < L; d++) {
      const v = est[i * L + d]
      if (v === v) {
        s += v
        c++
      }
    }
    const m = c > 0 ? s / c : 0
    for (let d = 0; d < L; d++) {
      const v = est[i * L + d]
      if (v === v) {
        byDay[d * n + i] = v - m
        present[d * n + i] = 1
      } else complete = false
    }
  }
  return {byDay, present, complete}
}
