/**
 * Security characteristics for cross-sectional regressions (docs/methods.md, "Cross-sectional regression"), read
 * from a study's result and bars: the market-model beta and sigma, the market value at the index base period
 * (shares × mean price over the base period), its log, the index return since the base period, the raw return
 * over a pre-event window (run-up), and values given in a characteristics CSV. Each is a value or why it is missing.
 */
import type {TradingCalendar} from '../engine/calendar.js'
import type {IndexRow, SecurityResult, StudyResult} from '../result.js'
import type {Bar, PriceField} from '../types.js'
import {alignPrices, priceFieldOf} from './price-series.js'

export type Characteristic =
  | {kind: 'builtin'; name: 'beta' | 'sigma' | 'marketValue' | 'logMarketValue' | 'indexReturn'}
  | {kind: 'runup'; window: [number, number]}
  | {kind: 'column'; name: string}

/** A security's characteristic: its value, or why there is none. */
export type Measured = {value: number} | {missing: string}

export interface CharacteristicSource {
  result: StudyResult
  calendar: TradingCalendar
  /** A symbol's prices on the calendar in the study's price field (pricesFromBars, or the study's store columns). */
  prices: (symbol: string) => Float64Array
  /** Shares outstanding per symbol (the study file's, or live). */
  shares: ReadonlyMap<string, number>
  /** Characteristics CSV values: name -> symbol -> value. */
  columns: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** Each symbol's bars on the calendar in `field` (the close standing in for a security without adjusted closes). */
export function pricesFromBars(
  cal: TradingCalendar,
  bars: ReadonlyMap<string, readonly Bar[]>,
  field: PriceField,
): (symbol: string) => Float64Array {
  return (symbol) => {
    const b = bars.get(symbol) ?? []
    return alignPrices(cal, b, priceFieldOf(b, field))
  }
}

/** Looks up characteristics of security-events; prices are asked once per symbol. */
export function characteristicReader(src: CharacteristicSource): (sec: SecurityResult, c: Characteristic) => Measured {
  const prices = new Map<string, Float64Array>()
  const aligned = (symbol: string): Float64Array => {
    let p = prices.get(symbol)
    if (!p) {
      p = src.prices(symbol)
      prices.set(symbol, p)
    }
    return p
  }
  const day0 = new Map(src.result.events.map((e) => [`${e.id}\u0000${e.symbol ?? ''}`, e.tradingDate]))
  // A security's index row by symbol (the first, as a search would find): asked once per security-event.
  const indexRows = new Map<string, IndexRow>()
  for (const r of src.result.index?.securities ?? []) if (!indexRows.has(r.id)) indexRows.set(r.id, r)
  return (sec, c) => {
    if (c.kind === 'column') return column(src, sec.symbol, c.name)
    if (c.kind === 'runup') {
      const date = day0.get(`${sec.event}\u0000`) ?? day0.get(`${sec.event}\u0000${sec.symbol}`)
      const k = date === undefined ? undefined : src.calendar.index.get(date)
      if (k === undefined) return {missing: `no day 0 for event ${sec.event}`}
      return runup(src.calendar, aligned(sec.symbol), k, c.window)
    }
    return builtin(src, sec, c.name, indexRows)
  }
}

function builtin(
  src: CharacteristicSource,
  sec: SecurityResult,
  name: 'beta' | 'sigma' | 'marketValue' | 'logMarketValue' | 'indexReturn',
  indexRows: ReadonlyMap<string, IndexRow>,
): Measured {
  if (name === 'beta' || name === 'sigma') {
    const v = sec.model?.[name]
    return typeof v === 'number' && Number.isFinite(v) ? {value: v} : {missing: `no market model fit (${name})`}
  }
  const row = indexRows.get(sec.symbol)
  // The index row's reason ends with what it means for the group index, which does not concern a regression.
  const why = row?.excluded ? `no base-period price: ${row.excluded.split(';')[0]}` : 'not in the index'
  if (name === 'indexReturn') return row?.sinceBase != null ? {value: row.sinceBase} : {missing: why}
  const shares = src.shares.get(sec.symbol)
  if (shares === undefined) return {missing: 'no shares outstanding'}
  if (row?.base == null) return {missing: why}
  // Market value at the base period: shares × B_i, the mean price over the base period.
  const mv = shares * row.base
  return {value: name === 'marketValue' ? mv : Math.log(mv)}
}

/** Raw return over relative days [t1, t2]: P(t2) / P(t1 - 1) - 1 (compounded daily returns). */
export function runup(
  cal: TradingCalendar,
  prices: Float64Array,
  day0: number,
  w: readonly [number, number],
): Measured {
  const from = day0 + w[0] - 1
  const to = day0 + w[1]
  if (from < 0 || to >= cal.dates.length) return {missing: `run-up [${w[0]}, ${w[1]}] reaches past the data`}
  const a = prices[from]
  const b = prices[to]
  if (!Number.isFinite(a)) return {missing: `no price on ${cal.dates[from]} (start of run-up [${w[0]}, ${w[1]}])`}
  if (!Number.isFinite(b)) return {missing: `no price on ${cal.dates[to]} (end of run-up [${w[0]}, ${w[1]}])`}
  return {value: b / a - 1}
}

function column(src: CharacteristicSource, symbol: string, name: string): Measured {
  const v = src.columns.get(name)?.get(symbol)
  return v === undefined ? {missing: `no ${name} in the characteristics`} : {value: v}
}
