/**
 * A symbol's prices as columns: day numbers and one Float64Array per value (NaN where the row has none), the form
 * a parsed price file crosses a thread boundary in (typed arrays move between threads without a copy, where a
 * thousand Bar objects cost milliseconds to clone) and the store writes and packs without an object per row.
 */
import type {Bar} from '../types.js'
import {orNaN} from './bar-row.js'
import {dayNumber, isoOfDay} from './days.js'
import {MERGE_FIELDS as PRICE_FIELDS, type MergeField} from './merge.js'

export interface PriceColumns extends Record<MergeField, Float64Array> {
  /** Day numbers (days since 1970-01-01), strictly ascending. */
  days: Int32Array
}

/** Bars (ascending by date) as columns. */
export function columnsOfPrices(bars: readonly Bar[]): PriceColumns {
  const n = bars.length
  const c = {days: new Int32Array(n)} as PriceColumns
  for (const f of PRICE_FIELDS) c[f] = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const b = bars[i]
    c.days[i] = dayNumber(b.date)
    for (const f of PRICE_FIELDS) c[f][i] = orNaN(b[f])
  }
  return c
}

/** Columns back as bars (null for NaN; dividend and split only where present, as the store reads them). */
export function pricesOfColumns(c: PriceColumns): Bar[] {
  const out: Bar[] = new Array(c.days.length)
  const val = (x: number): number | null => (Number.isNaN(x) ? null : x)
  for (let i = 0; i < c.days.length; i++) {
    const bar: Bar = {
      date: isoOfDay(c.days[i]),
      open: val(c.open[i]),
      high: val(c.high[i]),
      low: val(c.low[i]),
      close: val(c.close[i]),
      adjClose: val(c.adjClose[i]),
      volume: val(c.volume[i]),
    }
    if (!Number.isNaN(c.dividend[i])) bar.dividend = c.dividend[i]
    if (!Number.isNaN(c.split[i])) bar.split = c.split[i]
    out[i] = bar
  }
  return out
}

/** The typed arrays of columns, for a transfer list. */
export const buffersOf = (c: PriceColumns): ArrayBuffer[] =>
  [c.days, ...PRICE_FIELDS.map((f) => c[f])].map((a) => a.buffer as ArrayBuffer)
