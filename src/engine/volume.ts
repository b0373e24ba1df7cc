/**
 * Abnormal trading volume (methods doc; cf. Campbell & Wasley 1996, Ajinkya & Jain 1989):
 *   AV_it = ln(1 + V_it) - mean_{τ in E_i} ln(1 + V_iτ);  SAV_it = AV_it / s_i,
 *   s_i the sd of ln(1 + V_iτ) over E_i (divisor L_i - 1).
 * Tested per day like ARs: cross-sectional t on SAV (df N - 1) and the sign test.
 * A row with fewer than minObservations estimation volumes, or constant volume, is excluded with the reason;
 * a day whose volume is missing is skipped for that row (the day's N says how many rows it used).
 */
import {crossSectionalT} from './parametric-tests.js'
import {countPositive, signTest} from './sign-tests.js'
import type {TestResult} from './types.js'

/** Volumes aligned like the EventPanel: row-major n × days, column j = relative day firstRel + j, NaN = missing. */
export interface VolumePanel {
  n: number
  days: number
  firstRel: number
  volume: Float64Array
}

/**
 * Volumes as each row's own calendar-aligned series, without a copy into one matrix: row i's column j (relative
 * day firstRel + j) is series[i][starts[i] + j], missing outside the series.
 */
export interface VolumeRows {
  n: number
  days: number
  firstRel: number
  series: readonly Float64Array[]
  starts: ArrayLike<number>
}

export interface VolumeOptions {
  estimation: readonly [number, number]
  /** Days to report, inclusive. */
  window: readonly [number, number]
  minObservations: number
  /** Optional row mask (e.g. the engine's `included`): rows with 0 are left out. */
  include?: Uint8Array
}

export interface VolumeDay {
  t: number
  n: number
  /** Mean AV (log-volume excess over the estimation mean); null when n = 0. */
  meanAv: number | null
  meanSav: number | null
  crossSectionalT: TestResult
  sign: TestResult
}

export interface VolumeOutput {
  window: readonly [number, number]
  /** Row-major n × T (T = window length): AV and SAV; 0 where a row is excluded or the day is missing (see `present`). */
  av: Float64Array
  sav: Float64Array
  present: Uint8Array
  exclusions: Array<string | null>
  daily: VolumeDay[]
}

/**
 * Mean and sd (divisor L - 1) of ln(1 + V) over the row's estimation columns [ec1, ec2] into out[0], out[1], or the
 * reason the row is excluded (fewer than `need` volumes, or constant volume). `logs` is scratch for the L log volumes.
 */
function logVolumeBaseline(
  volume: Float64Array,
  off: number,
  ec1: number,
  ec2: number,
  need: number,
  out: Float64Array,
  logs: Float64Array,
): string | null {
  let L = 0
  let s = 0
  let lo = Infinity
  let hi = -Infinity
  // Only the columns inside the series: the others are missing.
  const last = Math.min(ec2, volume.length - 1 - off)
  for (let c = Math.max(ec1, -off); c <= last; c++) {
    const v = volume[off + c]
    if (v === v && v >= 0) {
      const l = Math.log1p(v)
      logs[L++] = l
      s += l
      if (l < lo) lo = l
      if (l > hi) hi = l
    }
  }
  if (L < need) return `too few estimation volumes: ${L} (at least ${need} needed)`
  if (lo === hi) return 'constant volume in the estimation window'
  const m = s / L
  let ss = 0
  for (let q = 0; q < L; q++) ss += (logs[q] - m) ** 2
  out[0] = m
  out[1] = Math.sqrt(ss / (L - 1))
  return null
}

/** Mean AV, mean SAV, the cross-sectional t and the sign test per window day over the rows present that day. */
function volumeDays(av: Float64Array, sav: Float64Array, present: Uint8Array, n: number, T: number, w1: number) {
  const colA = new Float64Array(n)
  const colS = new Float64Array(n)
  const daily: VolumeDay[] = []
  for (let k = 0; k < T; k++) {
    let N = 0
    for (let i = 0; i < n; i++) {
      if (present[i * T + k]) {
        colA[N] = av[i * T + k]
        colS[N] = sav[i * T + k]
        N++
      }
    }
    let sa = 0
    let ssv = 0
    for (let q = 0; q < N; q++) {
      sa += colA[q]
      ssv += colS[q]
    }
    daily.push({
      t: w1 + k,
      n: N,
      meanAv: N > 0 ? sa / N : null,
      meanSav: N > 0 ? ssv / N : null,
      crossSectionalT: crossSectionalT(colS, N),
      sign: signTest(countPositive(colS, N), N),
    })
  }
  return daily
}

/** abnormalVolume of a row-major matrix of volumes. */
export function abnormalVolume(panel: VolumePanel, opts: VolumeOptions): VolumeOutput {
  const {n, days, firstRel, volume} = panel
  const starts = new Int32Array(n)
  for (let i = 0; i < n; i++) starts[i] = i * days
  return abnormalVolumeRows({n, days, firstRel, series: new Array<Float64Array>(n).fill(volume), starts}, opts)
}

/** AV and SAV of each row over the window, and the daily tests (see the module's formulas). */
export function abnormalVolumeRows(panel: VolumeRows, opts: VolumeOptions): VolumeOutput {
  const {n, days, firstRel, series, starts} = panel
  const [e1, e2] = opts.estimation
  const [w1, w2] = opts.window
  const T = w2 - w1 + 1
  const av = new Float64Array(n * T)
  const sav = new Float64Array(n * T)
  const present = new Uint8Array(n * T)
  const exclusions: Array<string | null> = new Array<string | null>(n).fill(null)
  const ec1 = Math.max(0, e1 - firstRel)
  const ec2 = Math.min(days - 1, e2 - firstRel)
  const need = Math.max(opts.minObservations, 2)
  const baseline = new Float64Array(2) // [mean, sd] of the row's estimation log volumes
  const logs = new Float64Array(Math.max(0, ec2 - ec1 + 1))
  for (let i = 0; i < n; i++) {
    if (opts.include && !opts.include[i]) {
      exclusions[i] = 'excluded from the event study'
      continue
    }
    const volume = series[i]
    const off = starts[i]
    const excluded = logVolumeBaseline(volume, off, ec1, ec2, need, baseline, logs)
    if (excluded !== null) {
      exclusions[i] = excluded
      continue
    }
    const m = baseline[0]
    const sdv = baseline[1]
    for (let k = 0; k < T; k++) {
      const c = w1 + k - firstRel
      if (c < 0 || c >= days || off + c < 0 || off + c >= volume.length) continue
      const v = volume[off + c]
      if (!(v === v && v >= 0)) continue
      const a = Math.log1p(v) - m
      av[i * T + k] = a
      sav[i * T + k] = a / sdv
      present[i * T + k] = 1
    }
  }
  return {window: opts.window, av, sav, present, exclusions, daily: volumeDays(av, sav, present, n, T, w1)}
}
