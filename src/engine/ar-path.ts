/**
 * Abnormal returns of one included row over any span of relative days, from the row's fitted model: the days
 * around the event windows that CAAR path charts show (e.g. -10..+14) but the tests do not use. The same
 * formulas as the event days (./abnormal.ts): AR = R - E[R], SAR = AR / (sigma sqrt(C_t)).
 */
import {abnormalReturn} from './abnormal.js'
import {benchmarkRow, rowStandardizedAr} from './factor-model.js'
import type {EventPanel, ModelKind, RowFit} from './types.js'

export interface PathDay {
  /** Relative day. */
  t: number
  ret: number
  ar: number
  sar: number
}

/**
 * ARs of panel row `row` on relative days from..to (clipped to the panel), fitted by `fit` under `model`.
 * Days where the return or the benchmark is missing, or whose AR is not finite, are left out.
 */
export function pathAbnormalReturns(
  panel: EventPanel,
  row: number,
  fit: RowFit,
  model: ModelKind,
  from: number,
  to: number,
): PathDay[] {
  const out: PathDay[] = []
  const bench = benchmarkRow(panel, fit, row)
  const scratch = new Float64Array(panel.factors?.length ?? 0)
  const lo = Math.max(from, panel.firstRel)
  const hi = Math.min(to, panel.firstRel + panel.days - 1)
  for (let t = lo; t <= hi; t++) {
    const c = t - panel.firstRel
    const y = panel.returns[row * panel.days + c]
    const x = bench.m[bench.off + c]
    if (!Number.isFinite(y) || !Number.isFinite(x)) continue
    const ar = abnormalReturn(fit, y, x)
    const sar = rowStandardizedAr(panel, model, fit, row, c, ar, x, scratch)
    if (Number.isFinite(ar) && Number.isFinite(sar)) out.push({t, ret: y, ar, sar})
  }
  return out
}
