/**
 * Abnormal returns of one included row over any span of relative days, from the row's fitted model: the days
 * around the event windows that CAAR path charts show (e.g. -10..+14) but the tests do not use. The same
 * formulas as the event days (./abnormal.ts): AR = R - E[R], SAR = AR / (sigma sqrt(C_t)).
 */
import {abnormalReturn} from './abnormal.js'
import {benchmarkRow, rowStandardizedAr} from './factor-model.js'
import type {EventPanel, ModelKind, RowFit} from './types.js'
import {returnsOffset} from './row-offsets.js'

export interface PathDay {
  /** Relative day. */
  t: number
  ret: number
  ar: number
  sar: number
}

/** The days of one row's path as columns (reused from row to row, so a panel's rows allocate nothing). */
export interface PathColumns {
  t: Int32Array
  ret: Float64Array
  ar: Float64Array
  sar: Float64Array
  /** A factor model's scratch (one value per factor). */
  x: Float64Array
}

/** Columns for paths of up to `days` days of a panel with `factors` factors. */
export function createPathColumns(days: number, factors = 0): PathColumns {
  return {
    t: new Int32Array(days),
    ret: new Float64Array(days),
    ar: new Float64Array(days),
    sar: new Float64Array(days),
    x: new Float64Array(factors),
  }
}

/**
 * ARs of panel row `row` on relative days from..to (clipped to the panel), fitted by `fit` under `model`, into
 * `out` (its columns at least to - from + 1 long); returns how many days were written. Days where the return or
 * the benchmark is missing, or whose AR is not finite, are left out.
 */
export function pathAbnormalReturnsInto(
  panel: EventPanel,
  row: number,
  fit: RowFit,
  model: ModelKind,
  from: number,
  to: number,
  out: PathColumns,
): number {
  const bench = benchmarkRow(panel, fit, row)
  const rOff = returnsOffset(panel, row)
  const lo = Math.max(from, panel.firstRel)
  const hi = Math.min(to, panel.firstRel + panel.days - 1)
  let n = 0
  for (let t = lo; t <= hi; t++) {
    const c = t - panel.firstRel
    const y = panel.returns[rOff + c]
    const x = bench.m[bench.off + c]
    if (!Number.isFinite(y) || !Number.isFinite(x)) continue
    const ar = abnormalReturn(fit, y, x)
    const sar = rowStandardizedAr(panel, model, fit, row, c, ar, x, out.x)
    if (!Number.isFinite(ar) || !Number.isFinite(sar)) continue
    out.t[n] = t
    out.ret[n] = y
    out.ar[n] = ar
    out.sar[n] = sar
    n++
  }
  return n
}

/** pathAbnormalReturnsInto's days as one object each. */
export function pathAbnormalReturns(
  panel: EventPanel,
  row: number,
  fit: RowFit,
  model: ModelKind,
  from: number,
  to: number,
): PathDay[] {
  const cols = createPathColumns(Math.max(0, to - from + 1), panel.factors?.length ?? 0)
  const n = pathAbnormalReturnsInto(panel, row, fit, model, from, to, cols)
  const out: PathDay[] = []
  for (let k = 0; k < n; k++) out.push({t: cols.t[k], ret: cols.ret[k], ar: cols.ar[k], sar: cols.sar[k]})
  return out
}
