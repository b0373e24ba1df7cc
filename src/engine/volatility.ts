/**
 * Abnormal volatility after the event (methods doc; cf. Beaver 1968, Patell & Wolfson 1979):
 *   per security: F_i = s^2(AR_it, t in W) / sigma_i^2, df (T_i - 1, L_i - d), one-sided upper p;
 *                 significant rise when p < level (5%).
 *   per group:    share of securities with a significant rise, mean F, and the cross-sectional t test of
 *                 x_i = mean_{t in W}(SAR_it^2) - 1 (0 under no change in variance), df N - 1.
 * ARs over W come from the engine's fits, so W may reach beyond the event windows; days with a missing
 * return are skipped (T_i counts the days used; at least 2 are needed).
 */
import {fUpperTail} from './distributions.js'
import {abnormalReturn} from './abnormal.js'
import {benchmarkRow, rowStandardizedAr} from './factor-model.js'
import {crossSectionalT, nullTest} from './parametric-tests.js'
import type {EngineResult, EventPanel, ModelKind, TestResult} from './types.js'
import {returnsOffset} from './row-offsets.js'

export interface VolatilityOptions {
  /** Post-event window W in relative days, inclusive. */
  window: readonly [number, number]
  /** Significance level of the per-security F test (default 0.05). */
  level?: number
}

export interface VolatilityRow {
  /** sigma_i^2 (estimation window). */
  preVariance: number
  /** s^2 of the ARs over W (divisor T_i - 1). */
  postVariance: number
  ratio: number
  df1: number
  df2: number
  /** One-sided upper p of F(df1, df2). */
  p: number
  significant: boolean
  /** mean_{t in W} SAR_it^2 - 1. */
  meanSar2Minus1: number
}

export interface VolatilityGroup {
  n: number
  meanRatio: number | null
  shareSignificant: number | null
  meanSar2Minus1: number | null
  /** Cross-sectional t of mean_t(SAR^2) - 1 across the group's rows. */
  test: TestResult
}

export interface VolatilityOutput {
  window: readonly [number, number]
  /** Per panel row: the row's figures, or null (see `exclusions`). */
  rows: Array<VolatilityRow | null>
  exclusions: Array<string | null>
  group: VolatilityGroup
}

/**
 * Abnormal volatility of each row of `panel` over `opts.window`, from the fits of `result` = runEventStudy(panel, ...).
 * The model is the engine result's; the older form (panel, result, {model}, opts) is still accepted.
 */
export function abnormalVolatility(panel: EventPanel, result: EngineResult, opts: VolatilityOptions): VolatilityOutput
export function abnormalVolatility(
  panel: EventPanel,
  result: EngineResult,
  engineOpts: {model: ModelKind},
  opts: VolatilityOptions,
): VolatilityOutput
export function abnormalVolatility(
  panel: EventPanel,
  result: EngineResult,
  third: VolatilityOptions | {model: ModelKind},
  fourth?: VolatilityOptions,
): VolatilityOutput {
  const opts = fourth ?? (third as VolatilityOptions)
  const [w1, w2] = opts.window
  const level = opts.level ?? 0.05
  const {n, days, firstRel, returns} = panel
  const scratch = new Float64Array(panel.factors?.length ?? 0)
  const c1 = Math.max(0, w1 - firstRel)
  const c2 = Math.min(days - 1, w2 - firstRel)
  const rows: Array<VolatilityRow | null> = new Array<VolatilityRow | null>(n).fill(null)
  const exclusions: Array<string | null> = new Array<string | null>(n).fill(null)
  const x = new Float64Array(n)
  const ars = new Float64Array(Math.max(0, c2 - c1 + 1))
  let N = 0
  let sumRatio = 0
  let nSignificant = 0
  for (let i = 0; i < n; i++) {
    const fit = result.fits[i]
    if (!fit) {
      exclusions[i] = result.exclusions[i]?.reason ?? 'excluded'
      continue
    }
    const rOff = returnsOffset(panel, i)
    const {m: market, off: mOff} = benchmarkRow(panel, fit, i)
    let T = 0
    let sum = 0
    let sumSar2 = 0
    for (let c = c1; c <= c2; c++) {
      const y = returns[rOff + c]
      const xm = market[mOff + c]
      if (!(y === y && xm === xm)) continue
      const a = abnormalReturn(fit, y, xm)
      const sar = rowStandardizedAr(panel, result.model, fit, i, c, a, xm, scratch)
      ars[T++] = a
      sum += a
      sumSar2 += sar * sar
    }
    if (T < 2) {
      exclusions[i] = `fewer than 2 returns in the volatility window [${w1}, ${w2}]`
      continue
    }
    const m = sum / T
    let ss = 0
    for (let k = 0; k < T; k++) ss += (ars[k] - m) * (ars[k] - m)
    const post = ss / (T - 1)
    const pre = fit.sigma * fit.sigma
    const ratio = post / pre
    const df1 = T - 1
    const df2 = fit.df
    const p = fUpperTail(ratio, df1, df2)
    const meanSar2Minus1 = sumSar2 / T - 1
    rows[i] = {preVariance: pre, postVariance: post, ratio, df1, df2, p, significant: p < level, meanSar2Minus1}
    x[N++] = meanSar2Minus1
    sumRatio += ratio
    if (p < level) nSignificant++
  }
  let meanX = 0
  for (let k = 0; k < N; k++) meanX += x[k]
  const group: VolatilityGroup = {
    n: N,
    meanRatio: N > 0 ? sumRatio / N : null,
    shareSignificant: N > 0 ? nSignificant / N : null,
    meanSar2Minus1: N > 0 ? meanX / N : null,
    test: N === 0 ? nullTest(0, 'no included securities') : crossSectionalT(x, N),
  }
  return {window: opts.window, rows, exclusions, group}
}
