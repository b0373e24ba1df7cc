/**
 * Prices on the study's trading calendar: the one aligner of the event-study panel, indexing and value at
 * stake. Pure: bars in, a Float64Array per symbol out (NaN marks a calendar day without a price; NaN never leaves
 * src/analysis or the engine).
 */
import type {TradingCalendar} from '../engine/calendar.js'
import type {BarColumns} from '../store/bar-source.js'
import {dayNumber} from '../store/days.js'
import type {Bar, PriceField} from '../types.js'

/** One security's (or the benchmark's) prices on the trading calendar. */
export interface AlignedSeries {
  symbol: string
  /** The price field actually used (adjClose falls back to close when the security has no adjusted closes). */
  field: PriceField
  /** prices[k] is the price on calendar day start + k; NaN when missing. */
  prices: Float64Array
  /** The calendar index of prices[0] and volume[0]: 0 unless aligned over a part of the calendar only. */
  start: number
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
 * The price field a security's bars are read in: the one asked for, except that `adjClose` falls back to `close`
 * for a security with no adjusted close at all (methods: "the adjusted close where present, else the close").
 * Fields are never mixed within one security: adjusted and raw closes differ by the adjustment factor.
 */
export function priceFieldOf(bars: readonly Bar[], field: PriceField): PriceField {
  if (field === 'adjClose' && !bars.some((b) => usable(b.adjClose)) && bars.some((b) => usable(b.close))) return 'close'
  return field
}

/** priceFieldOf over a store's columns (NaN for a missing value): the same choice, by the same rule. */
export function priceFieldOfColumns(c: BarColumns, field: PriceField): PriceField {
  if (field === 'adjClose' && !anyUsable(c.adjClose) && anyUsable(c.close)) return 'close'
  return field
}

/** Prices of one field on each calendar day; NaN where there is no bar or no positive value that day. */
export function alignPrices(cal: TradingCalendar, bars: readonly Bar[], field: PriceField): Float64Array {
  const out = new Float64Array(cal.dates.length).fill(Number.NaN)
  for (const bar of bars) {
    const k = cal.index.get(bar.date)
    const v = bar[field]
    if (k !== undefined && usable(v)) out[k] = v
  }
  return out
}

/**
 * alignPrices over a store's columns (NaN for a missing value): the same prices, without an object per row. The
 * columns' days off the calendar or outside it are ignored, as alignPrices ignores such bars.
 */
export function alignColumnPrices(cal: TradingCalendar, c: BarColumns, field: PriceField): Float64Array {
  const out = new Float64Array(cal.dates.length).fill(Number.NaN)
  const values = field === 'adjClose' ? c.adjClose : c.close
  const {first, index} = dayIndexOf(cal)
  for (let i = 0; i < c.days.length; i++) {
    const at = c.days[i] - first
    const k = at >= 0 && at < index.length ? index[at] : -1
    if (k >= 0 && usable(values[i])) out[k] = values[i]
  }
  return out
}

/**
 * Aligns a security's bars on the calendar in the field priceFieldOf chooses, with its volume and what did not fit
 * (bars on days the benchmark did not trade, or outside the calendar).
 */
export function alignSeries(
  symbol: string,
  bars: readonly Bar[],
  cal: TradingCalendar,
  field: PriceField,
): AlignedSeries {
  const used = priceFieldOf(bars, field)
  const prices = alignPrices(cal, bars, used)
  const n = cal.dates.length
  const hasVolume = bars.some((b) => typeof b.volume === 'number' && Number.isFinite(b.volume))
  const volume = hasVolume ? new Float64Array(n).fill(Number.NaN) : null
  let offCalendar = 0
  let outside = 0
  const lo = cal.dates[0] ?? ''
  const hi = cal.dates[n - 1] ?? ''
  for (const b of bars) {
    const k = cal.index.get(b.date)
    if (k === undefined) {
      if (b.date < lo || b.date > hi) outside++
      else offCalendar++
    } else if (volume && typeof b.volume === 'number' && Number.isFinite(b.volume) && b.volume >= 0)
      volume[k] = b.volume
  }
  return series(symbol, field, used, {prices, volume, start: 0}, cal, offCalendar, outside)
}

/** The calendar by day number: index[day - first] is the calendar position of that day, -1 when not a trading day. */
interface DayIndex {
  first: number
  index: Int32Array
}

const dayIndexes = new WeakMap<TradingCalendar, DayIndex>()

function dayIndexOf(cal: TradingCalendar): DayIndex {
  let d = dayIndexes.get(cal)
  if (d) return d
  const n = cal.dates.length
  const first = n > 0 ? dayNumber(cal.dates[0]) : 0
  const index = new Int32Array(n > 0 ? dayNumber(cal.dates[n - 1]) - first + 1 : 0).fill(-1)
  for (let k = 0; k < n; k++) index[dayNumber(cal.dates[k]) - first] = k
  d = {first, index}
  dayIndexes.set(cal, d)
  return d
}

/**
 * alignSeries over a store's columns (no object per row), with the same field choice, volume and counts: the study
 * runner's read path over many securities. NaN in a column stands for a missing value. With `span` [k0, k1]
 * (calendar indexes of the first and last dates the columns were read over) the prices and volume cover those days
 * only, from `start` = k0: a study of one year of a long calendar allocates one year per security. With `into` (as
 * many days as the span, all NaN) the prices are written there rather than into a new array.
 */
export function alignColumns(
  symbol: string,
  c: BarColumns,
  cal: TradingCalendar,
  field: PriceField,
  span: [number, number] = [0, cal.dates.length - 1],
  into?: Float64Array,
): AlignedSeries {
  const [k0, k1] = span
  const n = Math.max(0, k1 - k0 + 1)
  const rows = c.days.length
  const used = priceFieldOfColumns(c, field)
  const values = used === 'adjClose' ? c.adjClose : c.close
  if (into && into.length !== n) throw new RangeError(`alignColumns: into holds ${into.length} days, the span ${n}`)
  const prices = into ?? new Float64Array(n).fill(Number.NaN)
  const volume = c.volume.some(Number.isFinite) ? new Float64Array(n).fill(Number.NaN) : null
  const {first, index} = dayIndexOf(cal)
  let offCalendar = 0
  let outside = 0
  for (let i = 0; i < rows; i++) {
    const at = c.days[i] - first
    if (at < 0 || at >= index.length) {
      outside++
      continue
    }
    const k = index[at]
    if (k < 0) {
      offCalendar++
      continue
    }
    // Columns read over the span's dates have no row outside it; one would be a caller's error, not a price.
    if (k < k0 || k > k1) continue
    const v = values[i]
    if (v > 0 && v < Number.POSITIVE_INFINITY) prices[k - k0] = v
    const vol = c.volume[i]
    if (volume && vol >= 0 && vol < Number.POSITIVE_INFINITY) volume[k - k0] = vol
  }
  return series(symbol, field, used, {prices, volume, start: k0}, cal, offCalendar, outside)
}

function anyUsable(xs: Float64Array): boolean {
  for (const x of xs) if (usable(x)) return true
  return false
}

/** The aligned series with its first and last priced dates and the fallback note. */
function series(
  symbol: string,
  field: PriceField,
  used: PriceField,
  {prices, volume, start}: {prices: Float64Array; volume: Float64Array | null; start: number},
  cal: TradingCalendar,
  offCalendar: number,
  outside: number,
): AlignedSeries {
  let first = -1
  let last = -1
  for (let k = 0; k < prices.length; k++) {
    if (Number.isNaN(prices[k])) continue
    if (first < 0) first = k
    last = k
  }
  const note =
    used === field
      ? null
      : `${symbol}: no adjusted closes in the store; used the close instead (not adjusted for dividends)`
  return {
    symbol,
    field: used,
    prices,
    start,
    volume,
    firstDate: first < 0 ? null : cal.dates[start + first],
    lastDate: last < 0 ? null : cal.dates[start + last],
    offCalendar,
    outside,
    note,
  }
}
