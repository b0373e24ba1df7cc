/**
 * From stored bars to the engine's input: prices aligned on the trading calendar, returns from consecutive
 * calendar days, and the EventPanel of one group × event (or of a group's list events).
 * Pure: no I/O. Missing values are NaN here (engine input only); nothing here leaves the library.
 */
import type {TradingCalendar} from '../engine/calendar.js'
import type {EventPanel, ReturnKind} from '../engine/types.js'
import type {Bar, PriceField} from '../types.js'

/** One security's (or the benchmark's) prices on the trading calendar. */
export interface AlignedSeries {
  symbol: string
  /** The price field actually used (adjClose falls back to close when the security has no adjusted closes). */
  field: PriceField
  /** prices[k] is the price on calendar day k; NaN when missing. */
  prices: Float64Array
  /** Volume on calendar day k (NaN when missing); null when the security has no volume at all. */
  volume: Float64Array | null
  /** First and last calendar dates with a price; null when none. */
  firstDate: string | null
  lastDate: string | null
  /** Bars inside the calendar's date range on days the benchmark did not trade (ignored). */
  offCalendar: number
  /** Bars before the calendar's first or after its last date (ignored). */
  outside: number
  /** Why the field differs from the one asked for, for the result's notes. */
  note: string | null
}

function usable(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0
}

/**
 * Aligns bars on the calendar. Prices: the requested field; for `adjClose`, a security with no adjusted
 * close at all falls back to `close` (event-study-methods.md: "the adjusted close where present, else the
 * close"), with a note. A day whose chosen price is absent or non-positive is missing (NaN): fields are never
 * mixed within one security, since adjusted and raw closes differ by the adjustment factor.
 */
export function alignBars(
  symbol: string,
  bars: readonly Bar[],
  cal: TradingCalendar,
  field: PriceField,
): AlignedSeries {
  let used: PriceField = field
  let note: string | null = null
  if (field === 'adjClose' && !bars.some((b) => usable(b.adjClose)) && bars.some((b) => usable(b.close))) {
    used = 'close'
    note = `${symbol}: no adjusted closes in the store; used the close instead (not adjusted for dividends)`
  }
  const n = cal.dates.length
  const prices = new Float64Array(n).fill(Number.NaN)
  const hasVolume = bars.some((b) => typeof b.volume === 'number' && Number.isFinite(b.volume))
  const volume = hasVolume ? new Float64Array(n).fill(Number.NaN) : null
  let offCalendar = 0
  let outside = 0
  let first = -1
  let last = -1
  const lo = cal.dates[0] ?? ''
  const hi = cal.dates[n - 1] ?? ''
  for (const b of bars) {
    const k = cal.index.get(b.date)
    if (k === undefined) {
      if (b.date < lo || b.date > hi) outside++
      else offCalendar++
      continue
    }
    const p = b[used]
    if (usable(p)) {
      prices[k] = p
      if (first < 0 || k < first) first = k
      if (k > last) last = k
    }
    if (volume && typeof b.volume === 'number' && Number.isFinite(b.volume) && b.volume >= 0) volume[k] = b.volume
  }
  return {
    symbol,
    field: used,
    prices,
    volume,
    firstDate: first < 0 ? null : cal.dates[first],
    lastDate: last < 0 ? null : cal.dates[last],
    offCalendar,
    outside,
    note,
  }
}

/**
 * Returns from consecutive calendar days: simple R_k = P_k / P_{k-1} - 1, log R_k = ln(P_k / P_{k-1})
 * (event-study-methods.md, Notation). A return over a holiday belongs to the next trading day; a missing
 * price makes that day's and the next day's return missing (NaN). r[0] is always NaN.
 */
export function calendarReturns(prices: Float64Array, kind: ReturnKind): Float64Array {
  const n = prices.length
  const r = new Float64Array(n).fill(Number.NaN)
  for (let k = 1; k < n; k++) {
    const p0 = prices[k - 1]
    const p1 = prices[k]
    if (Number.isNaN(p0) || Number.isNaN(p1)) continue
    r[k] = kind === 'log' ? Math.log(p1 / p0) : p1 / p0 - 1
  }
  return r
}

/** One row of a panel: a security's calendar-aligned returns and the calendar index of its day 0. */
export interface PanelRow {
  returns: Float64Array
  day0: number
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
  const out = new Float64Array(series.length * days).fill(Number.NaN)
  for (let i = 0; i < series.length; i++) {
    const s = series[i]
    const start = day0s[i] + firstRel
    for (let j = 0; j < days; j++) {
      const k = start + j
      if (k >= 0 && k < s.length) out[i * days + j] = s[k]
    }
  }
  return out
}

/**
 * The EventPanel of rows (security-events) over relative days firstRel..lastRel. When every row has the
 * same day 0 the benchmark returns are one shared row; otherwise one benchmark row per security-event.
 */
export function buildEventPanel(
  rows: readonly PanelRow[],
  market: Float64Array,
  firstRel: number,
  lastRel: number,
): EventPanel {
  if (lastRel < firstRel) throw new RangeError(`empty panel range ${firstRel}..${lastRel}`)
  const n = rows.length
  const days = lastRel - firstRel + 1
  const day0s = rows.map((r) => r.day0)
  const common = day0s.every((d) => d === day0s[0])
  const returns = sliceRows(
    rows.map((r) => r.returns),
    day0s,
    firstRel,
    lastRel,
  )
  const marketRows =
    common && n > 0
      ? sliceRows([market], [day0s[0]], firstRel, lastRel)
      : sliceRows(
          rows.map(() => market),
          day0s,
          firstRel,
          lastRel,
        )
  const calendarStart = new Int32Array(n)
  for (let i = 0; i < n; i++) calendarStart[i] = day0s[i] + firstRel
  return {n, days, firstRel, returns, market: marketRows, calendarStart}
}
