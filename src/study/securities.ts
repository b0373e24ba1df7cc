/**
 * The securities of a study on the benchmark's calendar: their bars over the dates the study reads (with
 * history: applied), prices aligned on the calendar, returns from consecutive trading days, and the notes on what
 * did not fit (prices on days the benchmark did not trade, later prices, closes standing in for adjusted ones).
 */
import {firstOnOrAfter, lastOnOrBefore, type TradingCalendar} from '../engine/calendar.js'
import type {ReturnKind} from '../engine/types.js'
import {pricesFromBars} from '../analysis/characteristics.js'
import {
  type AlignedSeries,
  alignColumnPrices,
  alignColumns,
  alignSeries,
  priceFieldOfColumns,
} from '../analysis/price-series.js'
import {type ClosePair, closesFromBars} from '../analysis/value-at-stake.js'
import {type IndexPrices, indexPricesFromBars} from '../analysis/base-index.js'
import {isoOfDay} from '../store/days.js'
import type {StudySpec} from '../spec/types.js'
import type {BarColumns, BarSource} from '../store/bar-source.js'
import {emptyColumns, ReusedColumns} from '../store/series.js'
import type {Bar} from '../types.js'
import {readSecurityBars, usableColumns} from './bars.js'
import {calendarReturns} from './panel.js'

/**
 * A security's series on the calendar: what its alignment found (its prices themselves became the returns, so the
 * study holds one array per security, not two) and its returns.
 */
export interface SecuritySeries {
  aligned: Omit<AlignedSeries, 'prices'>
  /** Returns from calendar index aligned.start on (as are aligned.volume's values). */
  returns: Float64Array
  /**
   * Days of NaN before and after `returns` in its buffer: every security's returns share one buffer, each with
   * `margin` NaN days on either side, so the event panels read their rows in place (./panel.ts). 0: its own array.
   */
  margin: number
}

export interface StudySeries {
  securities: Map<string, SecuritySeries>
  /** Prices on the calendar, read again from the source for the sections that need them. */
  prices: CalendarPrices
}

/**
 * Reads and aligns every security over [from, to]. `fallbacks` starts with the benchmark when it fell back to
 * closes; the note listing every fallback comes last, after the later-prices note. `margin`: the widest event
 * panel's days, left as NaN around each security's returns in their shared buffer.
 */
export function studySeries(
  spec: StudySpec,
  symbols: readonly string[],
  source: BarSource,
  cal: TradingCalendar,
  range: [string, string],
  bench: {bars: Bar[]; fellBack: boolean},
  notes: string[],
  margin = 0,
): StudySeries {
  const securities = new Map<string, SecuritySeries>()
  const fallbacks: string[] = bench.fellBack ? [spec.benchmark] : []
  const later: string[] = []
  const dataAsOf = cal.dates[cal.dates.length - 1]
  const read = seriesReader(spec, symbols, source, cal, range, notes, margin)
  // A security that is also the benchmark keeps its own bars over the range, as it is read.
  if (!read.bars.has(spec.benchmark)) read.bars.set(spec.benchmark, bench.bars)
  for (const s of symbols) {
    const {prices, ...aligned} = read.align(s)
    securities.set(s, {aligned, returns: calendarReturns(prices, spec.returns, prices), margin: read.margin})
    if (aligned.note) fallbacks.push(s)
    if (aligned.offCalendar > 0)
      notes.push(`${s}: ${aligned.offCalendar} price(s) on days ${spec.benchmark} did not trade were ignored`)
  }
  // After the reads, not between them: the store's index pages then stay in its page cache from one to the next.
  for (const s of symbols) {
    const lastStored = source.lastDate ? source.lastDate(s) : null
    if (lastStored !== null && lastStored > dataAsOf) later.push(s)
  }
  if (later.length > 0) {
    notes.push(
      `${spec.benchmark}'s data end on ${dataAsOf}: later prices of ${later.join(', ')} are not used (\`aftershock fetch ${spec.benchmark}\` brings the benchmark up to date)`,
    )
  }
  if (fallbacks.length > 0) {
    notes.push(
      `price: no adjusted closes in the store for ${fallbacks.join(', ')}; used the close instead (not adjusted for dividends or later splits)`,
    )
  }
  return {securities, prices: calendarPrices(spec, symbols, source, cal, range, read.bars)}
}

/** What the derived sections read of a symbol's prices on the calendar, once per symbol (they keep what they read). */
export interface CalendarPrices {
  /** Unadjusted and adjusted closes (value at stake). */
  closes(symbol: string): ClosePair
  /** Prices in the study's price field, the close standing in without adjusted closes (run-ups). */
  prices(symbol: string): Float64Array
  /** Adjusted closes (the close standing in without any) and the first stored date with a price (the index). */
  index(symbol: string): IndexPrices
}

/** CalendarPrices from bars (a source without columns, a symbol outside the study's securities, tests). */
export function calendarPricesFromBars(
  cal: TradingCalendar,
  bars: ReadonlyMap<string, readonly Bar[]>,
  price: StudySpec['price'],
): CalendarPrices {
  const closes = closesFromBars(cal, bars)
  const prices = pricesFromBars(cal, bars, price)
  const index = indexPricesFromBars(cal, bars)
  return {closes, prices, index}
}

/**
 * Each symbol's prices on the calendar: for the study's securities from the source's columns over the range when it
 * has them (a list study reads 20,000 security-events' prices without an object per stored row), else from the bars.
 */
function calendarPrices(
  spec: StudySpec,
  symbols: readonly string[],
  source: BarSource,
  cal: TradingCalendar,
  range: [string, string],
  bars: Map<string, Bar[]>,
): CalendarPrices {
  const fromBars = calendarPricesFromBars(cal, bars, spec.price)
  const getColumns = source.getColumns?.bind(source)
  if (!getColumns) return fromBars
  const studied = new Set(symbols)
  // Each symbol's columns are aligned before the next is read: one scratch serves them all.
  const scratch = new ReusedColumns()
  const read = (symbol: string): BarColumns => {
    const stored = getColumns([symbol], range[0], range[1], scratch).get(symbol) ?? NO_COLUMNS
    return usableColumns(spec.history, symbol, stored).columns
  }
  return {
    closes(symbol) {
      if (!studied.has(symbol)) return fromBars.closes(symbol)
      const c = read(symbol)
      return {close: alignColumnPrices(cal, c, 'close'), adj: alignColumnPrices(cal, c, 'adjClose')}
    },
    prices(symbol) {
      if (!studied.has(symbol)) return fromBars.prices(symbol)
      const c = read(symbol)
      return alignColumnPrices(cal, c, priceFieldOfColumns(c, spec.price))
    },
    index(symbol) {
      if (!studied.has(symbol)) return fromBars.index(symbol)
      const c = read(symbol)
      const field = priceFieldOfColumns(c, 'adjClose')
      let i = 0
      while (i < c.days.length && Number.isNaN(c.adjClose[i]) && Number.isNaN(c.close[i])) i++
      return {field, prices: alignColumnPrices(cal, c, field), first: i < c.days.length ? isoOfDay(c.days[i]) : null}
    },
  }
}

/**
 * Each security's aligned series, the history: note pushed as it is read, and the bars map. From the source's
 * columns when it has them (no object per row, and no bars kept), else from its bars (kept for calendarPrices).
 */
function seriesReader(
  spec: StudySpec,
  symbols: readonly string[],
  source: BarSource,
  cal: TradingCalendar,
  range: [string, string],
  notes: string[],
  margin: number,
): {align(symbol: string): AlignedSeries; bars: Map<string, Bar[]>; margin: number} {
  const getColumns = source.getColumns?.bind(source)
  if (getColumns) {
    // The benchmark's alone: the sections read the securities' prices from the columns too (calendarPrices).
    const bars = new Map<string, Bar[]>()
    // Only the calendar days of the range read: the columns hold no row outside it.
    const k0 = firstOnOrAfter(cal, range[0])
    const span: [number, number] = [k0 < 0 ? cal.dates.length : k0, lastOnOrBefore(cal, range[1])]
    const into = sharedPrices(symbols.length, Math.max(0, span[1] - span[0] + 1), margin)
    let next = 0
    const scratch = new ReusedColumns()
    return {
      bars,
      margin,
      align(s) {
        // One symbol at a time: its packed columns are garbage once aligned, never all of them at once.
        const stored = getColumns([s], range[0], range[1], scratch).get(s) ?? NO_COLUMNS
        const {columns: c, note} = usableColumns(spec.history, s, stored)
        if (note) notes.push(note)
        return alignColumns(s, c, cal, spec.price, span, into?.(next++))
      },
    }
  }
  const bars = new Map<string, Bar[]>()
  return {
    bars,
    margin: 0,
    align(s) {
      const stored = readSecurityBars(source, spec.history, s, notes, range[0], range[1])
      bars.set(s, stored)
      return alignSeries(s, stored, cal, spec.price)
    },
  }
}

/**
 * One buffer for `count` securities' prices of `days` days each, with `margin` NaN days before, between and after
 * them (all NaN to start with): the i-th security's days, or undefined without a margin (each then has its own).
 */
function sharedPrices(count: number, days: number, margin: number): ((i: number) => Float64Array) | undefined {
  if (margin <= 0) return undefined
  const buffer = new Float64Array(margin + count * (days + margin)).fill(Number.NaN)
  return (i) => {
    const at = margin + i * (days + margin)
    return buffer.subarray(at, at + days)
  }
}

const NO_COLUMNS = emptyColumns(0)

/** The benchmark's returns on its own calendar. */
export function benchmarkReturns(
  symbol: string,
  bars: Bar[],
  cal: TradingCalendar,
  field: StudySpec['price'],
  kind: ReturnKind,
): {returns: Float64Array; fellBack: boolean} {
  const a = alignSeries(symbol, bars, cal, field)
  return {returns: calendarReturns(a.prices, kind), fellBack: a.note !== null}
}
