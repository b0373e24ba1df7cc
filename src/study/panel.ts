/**
 * The engine's input: returns from consecutive calendar days, and the EventPanel of one group × event (or of a
 * group's list events), from prices aligned on the trading calendar (src/analysis/price-series.ts).
 * Pure: no I/O. Missing values are NaN here (engine input only); nothing here leaves the library.
 */
import type {EventPanel, ReturnKind} from '../engine/types.js'

/**
 * Returns from consecutive calendar days: simple R_k = P_k / P_{k-1} - 1, log R_k = ln(P_k / P_{k-1})
 * (docs/methods.md, "Notation and data"). A return over a holiday belongs to the next trading day; a missing
 * price makes that day's and the next day's return missing (NaN). r[0] is always NaN. `out` may be `prices`
 * itself (the returns are written over the prices, last day first, when the prices are not needed afterwards).
 */
export function calendarReturns(
  prices: Float64Array,
  kind: ReturnKind,
  out: Float64Array = new Float64Array(prices.length),
): Float64Array {
  const n = prices.length
  const r = out
  // A missing (NaN) price on either side gives NaN through the arithmetic itself.
  if (kind === 'log') for (let k = n - 1; k > 0; k--) r[k] = Math.log(prices[k] / prices[k - 1])
  else for (let k = n - 1; k > 0; k--) r[k] = prices[k] / prices[k - 1] - 1
  if (n > 0) r[0] = Number.NaN
  return r
}

/**
 * One row of a panel: a security's calendar-aligned returns, the calendar index of its day 0, and the calendar
 * index of returns[0] (0 when they cover the whole calendar).
 */
export interface PanelRow {
  returns: Float64Array
  day0: number
  start?: number
  /**
   * Days of NaN known to lie before and after `returns` in its buffer (the study's one buffer of every security's
   * returns, ./securities.ts): a row may read into them, so the panel reads the rows in place.
   */
  margin?: number
}

/**
 * Copies relative days firstRel..lastRel of each row out of calendar-aligned series into one row-major
 * n × days matrix; days outside the calendar are NaN.
 */
export function sliceRows(
  series: readonly Float64Array[],
  day0s: readonly number[],
  firstRel: number,
  lastRel: number,
): Float64Array {
  const days = lastRel - firstRel + 1
  const out = new Float64Array(series.length * days)
  for (let i = 0; i < series.length; i++) {
    const s = series[i]
    const at = i * days
    const start = day0s[i] + firstRel
    // The part of the row inside the series, copied at once; only the days outside it are filled with NaN, so
    // the fresh matrix is written once.
    const lo = Math.min(days, Math.max(0, -start))
    const hi = Math.max(lo, Math.min(days, s.length - start))
    out.fill(Number.NaN, at, at + lo)
    if (hi > lo) out.set(s.subarray(start + lo, start + hi), at + lo)
    out.fill(Number.NaN, at + hi, at + days)
  }
  return out
}

/**
 * The rows read where they are (EventPanel.returnsOffsets) when they all lie in one buffer and each row's days
 * stay within its returns and the NaN margins around them; null otherwise (the rows are then copied).
 */
function rowsInPlace(
  rows: readonly PanelRow[],
  firstRel: number,
  days: number,
): {returns: Float64Array; offsets: Int32Array} | null {
  if (rows.length === 0) return null
  const buffer = rows[0].returns.buffer
  const offsets = new Int32Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const margin = r.margin ?? 0
    const at = r.day0 - (r.start ?? 0) + firstRel
    if (r.returns.buffer !== buffer || margin === 0 || at < -margin || at + days > r.returns.length + margin)
      return null
    offsets[i] = r.returns.byteOffset / Float64Array.BYTES_PER_ELEMENT + at
  }
  return {returns: new Float64Array(buffer), offsets}
}

/** A factor model's regressors on the calendar (decimal returns, NaN where missing), laid out like the market. */
export interface PanelFactors {
  names: string[]
  values: Float64Array[]
  riskFree: Float64Array | null
}

/**
 * The benchmark over calendar days min(starts)..max(starts) + days - 1, NaN outside the calendar, and each row's
 * offset in it: row i reads the same values as its own sliced row, without a copy per security-event.
 */
function calendarMarket(
  market: Float64Array,
  starts: Int32Array,
  days: number,
): {market: Float64Array; marketOffsets: Int32Array} {
  let lo = starts[0]
  let hi = starts[0]
  for (const s of starts) {
    lo = Math.min(lo, s)
    hi = Math.max(hi, s)
  }
  const marketOffsets = new Int32Array(starts.length)
  for (let i = 0; i < starts.length; i++) marketOffsets[i] = starts[i] - lo
  return {market: sliceRows([market], [lo], 0, hi - lo + days - 1), marketOffsets}
}

/**
 * The EventPanel of rows (security-events) over relative days firstRel..lastRel. When every row has the
 * same day 0 the benchmark returns (and a factor model's factors and RF) are one shared row; otherwise the
 * benchmark is one calendar-long series read at each row's offset (or, with factors, one row per security-event).
 */
export function buildEventPanel(
  rows: readonly PanelRow[],
  market: Float64Array,
  firstRel: number,
  lastRel: number,
  factors: PanelFactors | null = null,
): EventPanel {
  if (lastRel < firstRel) throw new RangeError(`empty panel range ${firstRel}..${lastRel}`)
  const n = rows.length
  const days = lastRel - firstRel + 1
  const day0s = rows.map((r) => r.day0)
  const common = day0s.every((d) => d === day0s[0])
  const inPlace = rowsInPlace(rows, firstRel, days)
  const returns =
    inPlace?.returns ??
    sliceRows(
      rows.map((r) => r.returns),
      rows.map((r) => r.day0 - (r.start ?? 0)),
      firstRel,
      lastRel,
    )
  const like = (s: Float64Array): Float64Array =>
    common && n > 0
      ? sliceRows([s], [day0s[0]], firstRel, lastRel)
      : sliceRows(
          rows.map(() => s),
          day0s,
          firstRel,
          lastRel,
        )
  const calendarStart = new Int32Array(n)
  for (let i = 0; i < n; i++) calendarStart[i] = day0s[i] + firstRel
  const panel: EventPanel = {n, days, firstRel, returns, market: new Float64Array(0), calendarStart}
  if (inPlace) panel.returnsOffsets = inPlace.offsets
  // A factor model's regressors stay laid out like a per-row market, so the market does too.
  if (common || n === 0 || factors) panel.market = like(market)
  else Object.assign(panel, calendarMarket(market, calendarStart, days))
  if (factors) {
    panel.factors = factors.values.map(like)
    panel.factorNames = [...factors.names]
    if (factors.riskFree) panel.riskFree = like(factors.riskFree)
  }
  return panel
}
