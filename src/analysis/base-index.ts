/**
 * Base-period indexing: the "three waves" chart and its table (docs/methods.md, "Indexing to a base period").
 * Security index I_it = 100 P_it / B_i, B_i the mean adjusted close over the base period; group index the
 * equal- or value-weighted mean of its members' indexes.
 */
import {firstOnOrAfter, lastOnOrBefore, type TradingCalendar} from '../engine/calendar.js'
import {InputError} from '../errors.js'
import {finiteOrNull} from '../finite.js'
import type {IndexResult, IndexRow} from '../result.js'
import type {GroupSpec, IndexSpec} from '../spec/types.js'
import type {Bar, PriceField} from '../types.js'
import {alignPrices, priceFieldOf} from './price-series.js'

export interface IndexEvent {
  id: string
  /** Day 0 (a trading date): the since-event return starts at the last close before it. */
  tradingDate: string
  /** List events: the only security the event applies to; null or absent for a common event. */
  symbol?: string | null
}

export interface IndexInput {
  index: IndexSpec
  /** The study's trading calendar (the benchmark's trading dates). */
  calendar: TradingCalendar
  groups: readonly GroupSpec[]
  /** Each symbol's prices as the index reads them, asked once per symbol (indexPricesFromBars, or store columns). */
  prices: (symbol: string) => IndexPrices
  events: readonly IndexEvent[]
  /** Shown as a reference row (group null) in `securities` and the series; not part of any group. */
  benchmark?: string | null
  /** Shares outstanding per symbol: the weights of `weighting: value`. */
  shares?: ReadonlyMap<string, number>
}

/** A symbol's prices as the index reads them. */
export interface IndexPrices {
  /** adjClose, or close for a security with no adjusted close at all (priceFieldOf). */
  field: PriceField
  /** The prices in that field on the calendar (NaN where none). */
  prices: Float64Array
  /** The first stored date with an adjusted close or a close (calendar day or not); null without any. */
  first: string | null
}

/** Each symbol's index prices from its bars (a symbol without bars has none). */
export function indexPricesFromBars(
  cal: TradingCalendar,
  bars: ReadonlyMap<string, readonly Bar[]>,
): (symbol: string) => IndexPrices {
  return (symbol) => {
    const b = bars.get(symbol) ?? []
    const field = priceFieldOf(b, 'adjClose')
    const first = b.find((x) => (x.adjClose ?? x.close) !== null)?.date ?? null
    return {field, prices: alignPrices(cal, b, field), first}
  }
}

/**
 * Base value B_i = mean over the base period's trading days of P_it (adjusted close).
 * Returns NaN unless the security has a price on every one of those days (methods: such a security is
 * left out of its group index).
 */
export function baseValue(prices: Float64Array, baseFrom: number, baseTo: number): number {
  if (baseTo < baseFrom) return Number.NaN
  let sum = 0
  for (let i = baseFrom; i <= baseTo; i++) {
    if (Number.isNaN(prices[i])) return Number.NaN
    sum += prices[i]
  }
  return sum / (baseTo - baseFrom + 1)
}

/** Security index I_it = 100 · P_it / B_i on each calendar day (NaN where there is no price). */
export function securityIndex(prices: Float64Array, base: number): Float64Array {
  const out = new Float64Array(prices.length)
  for (let i = 0; i < prices.length; i++) out[i] = (100 * prices[i]) / base
  return out
}

/**
 * Group index on each calendar day from `from`:
 *  equal: G_t = mean_i I_it;  value: G_t = Σ_i w_i I_it / Σ_i w_i with w_i = shares_i · B_i
 *  (= 100 · Σ shares_i P_it / Σ shares_i B_i, a constant-shares market-value index).
 * A member without a price on a day after the base period carries its last index level forward, so that a
 * missing bar does not make the group jump; the caller reports it.
 */
export function groupIndex(
  members: readonly Float64Array[],
  weights: readonly number[],
  from: number,
  countFrom = from,
): {series: Float64Array; carried: number} {
  const len = members.length === 0 ? 0 : members[0].length
  const out = new Float64Array(len).fill(Number.NaN)
  if (members.length === 0) return {series: out, carried: 0}
  const last = members.map(() => Number.NaN)
  const wsum = weights.reduce((a, b) => a + b, 0)
  let carried = 0
  for (let t = from; t < len; t++) {
    let acc = 0
    let ok = true
    for (let k = 0; k < members.length; k++) {
      const v = members[k][t]
      if (!Number.isNaN(v)) last[k] = v
      else if (!Number.isNaN(last[k]) && t >= countFrom) carried++
      if (Number.isNaN(last[k])) ok = false
      acc += weights[k] * last[k]
    }
    out[t] = ok ? acc / wsum : Number.NaN
  }
  return {series: out, carried}
}

/** Peak of a series over [from, to] (max level and its index) and the drawdown level_to / peak − 1. */
export function peakAndDrawdown(
  series: Float64Array,
  from: number,
  to: number,
): {peak: number; peakIndex: number; drawdown: number} {
  let peak = Number.NaN
  let peakIndex = -1
  for (let i = from; i <= to; i++) {
    const v = series[i]
    if (!Number.isNaN(v) && (Number.isNaN(peak) || v > peak)) {
      peak = v
      peakIndex = i
    }
  }
  return {peak, peakIndex, drawdown: series[to] / peak - 1}
}

/** Return from the last close before day 0 to `asOf`: S_asOf / S_before − 1 (any level series, price or index). */
function sinceEvents(
  series: Float64Array,
  cal: TradingCalendar,
  asOf: number,
  events: readonly IndexEvent[],
  symbol: string | null,
): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const ev of events) {
    if (ev.symbol && ev.symbol !== symbol) continue
    const day0 = cal.index.get(ev.tradingDate) ?? firstOnOrAfter(cal, ev.tradingDate)
    const before = day0 - 1
    out[ev.id] = before >= 0 && before < asOf ? finiteOrNull(series[asOf] / series[before] - 1) : null
  }
  return out
}

/** What every row is measured on: the calendar, the base period's first day, asOf and the events. */
interface RowFrame {
  cal: TradingCalendar
  from: number
  asOf: number
  events: readonly IndexEvent[]
}

function row(
  id: string,
  group: string | null,
  base: number | null,
  series: Float64Array,
  frame: RowFrame,
  symbol: string | null,
  excluded: string | null,
): IndexRow {
  const {cal, from, asOf} = frame
  const level = finiteOrNull(series[asOf])
  const pk = peakAndDrawdown(series, from, asOf)
  return {
    id,
    group,
    base,
    level,
    sinceBase: level === null ? null : level / 100 - 1,
    sinceEvent: sinceEvents(series, cal, asOf, frame.events, symbol),
    peak: finiteOrNull(pk.peak),
    peakDate: pk.peakIndex >= 0 && Number.isFinite(pk.peak) ? cal.dates[pk.peakIndex] : null,
    drawdown: level === null ? null : finiteOrNull(pk.drawdown),
    excluded,
  }
}

/** The base period's first and last trading days and the as-of day, as calendar indexes, with notes. */
function resolvePeriod(
  index: IndexSpec,
  cal: TradingCalendar,
  notes: string[],
): {baseFrom: number; baseTo: number; asOf: number} {
  const dates = cal.dates
  const first = firstOnOrAfter(cal, index.base.from)
  const baseFrom = first < 0 ? dates.length : first
  const baseTo = lastOnOrBefore(cal, index.base.to)
  if (baseFrom > baseTo) {
    throw new InputError(
      `index.base: no trading day of the benchmark between ${index.base.from} and ${index.base.to}; ` +
        `choose a base period inside the data (${dates[0] ?? 'none'} .. ${dates[dates.length - 1] ?? 'none'}) or import/fetch older prices`,
    )
  }
  const asOf = lastOnOrBefore(cal, index.asOf)
  if (asOf < baseTo) {
    throw new InputError(
      `index.asOf: ${index.asOf} is before the end of the base period (${index.base.to}) or of the data; set a later asOf`,
    )
  }
  if (dates[asOf] !== index.asOf) {
    notes.push(
      index.asOf > dates[dates.length - 1]
        ? `index.asOf ${index.asOf} is after the last trading day in the data; the table is as of ${dates[asOf]}`
        : `index.asOf ${index.asOf} is not a trading day; the table is as of ${dates[asOf]}, the last trading day before it`,
    )
  }
  notes.push(
    `base period: ${baseTo - baseFrom + 1} trading days ${dates[baseFrom]} .. ${dates[baseTo]}; I = 100 × P / B, B = mean adjusted close over the base period`,
  )
  return {baseFrom, baseTo, asOf}
}

/** One security on the calendar: prices, base value B_i and index series, or why it has no base. */
interface SecuritySeries {
  base: number
  prices: Float64Array
  index: Float64Array
  excluded: string | null
}

function securitySeries(
  symbol: string,
  {field, prices, first}: IndexPrices,
  cal: TradingCalendar,
  baseFrom: number,
  baseTo: number,
  notes: string[],
): SecuritySeries {
  if (field === 'close') notes.push(`${symbol}: no adjusted closes in the store; indexed on the raw close`)
  const base = baseValue(prices, baseFrom, baseTo)
  let excluded: string | null = null
  if (Number.isNaN(base)) {
    const period = `the base period ${cal.dates[baseFrom]} .. ${cal.dates[baseTo]}`
    excluded = !first
      ? 'no prices in the store; left out of its group index'
      : first > cal.dates[baseFrom]
        ? `prices start ${first}, after ${period} began; left out of its group index`
        : `no price on some trading days of ${period}; left out of its group index`
  }
  const index = Number.isNaN(base) ? new Float64Array(cal.dates.length).fill(Number.NaN) : securityIndex(prices, base)
  return {base, prices, index, excluded}
}

/**
 * The base-period index of every security and group of a study: the table as of `asOf` and the daily series
 * from the base period's first trading day to `asOf` (keys: symbols and group ids).
 */
export function computeIndex(input: IndexInput): IndexResult {
  const {index, calendar: cal, groups, events} = input
  const notes: string[] = []
  const {baseFrom, baseTo, asOf} = resolvePeriod(index, cal, notes)
  const seriesDates = cal.dates.slice(baseFrom, asOf + 1)
  const seriesValues: Array<Record<string, number | null>> = seriesDates.map(() => ({}))
  const put = (key: string, s: Float64Array): void => {
    for (let i = baseFrom; i <= asOf; i++) seriesValues[i - baseFrom][key] = finiteOrNull(s[i])
  }
  const secs = new Map<string, SecuritySeries>()
  const seriesOf = (symbol: string): SecuritySeries => {
    let s = secs.get(symbol)
    if (!s) {
      s = securitySeries(symbol, input.prices(symbol), cal, baseFrom, baseTo, notes)
      secs.set(symbol, s)
    }
    return s
  }
  const frame: RowFrame = {cal, from: baseFrom, asOf, events}
  const common: RowFrame = {...frame, events: events.filter((e) => !e.symbol)}
  const securities: IndexRow[] = []
  const groupRows: IndexRow[] = []
  const benchmark = input.benchmark ?? null
  if (benchmark) {
    const s = seriesOf(benchmark)
    securities.push(row(benchmark, null, finiteOrNull(s.base), s.index, common, null, s.excluded))
    put(benchmark, s.index)
  }
  for (const g of groups) {
    const members = groupMembers(g, input, seriesOf, frame, securities, (symbol, s) => {
      if (!seriesValues[0] || !(symbol in seriesValues[0])) put(symbol, s.index)
    })
    // From day 0 of the calendar, so that since-event returns of events before the base period exist too.
    // Carried days are counted over the series shown only.
    const {series, carried} = groupIndex(
      members.series.map((m) => m.subarray(0, asOf + 1)),
      members.weights,
      0,
      baseFrom,
    )
    if (carried > 0)
      notes.push(`group ${g.id}: ${carried} member-days without a price carry the member's last level forward`)
    const excluded = members.series.length === 0 ? 'no member has prices for the whole base period' : null
    groupRows.push(row(g.id, null, null, series, common, null, excluded))
    put(g.id, series)
    if (members.left.length > 0) {
      notes.push(
        `group ${g.id}: ${members.left.join('; ')} left out of the group index (${members.series.length} of ${g.symbols.length} members in it)`,
      )
    }
  }
  notes.push(...noPriceNotes(securities, secs, cal, asOf))
  return {
    base: {from: index.base.from, to: index.base.to},
    asOf: cal.dates[asOf],
    weighting: index.weighting,
    securities,
    groups: groupRows,
    series: seriesDates.map((date, i) => ({date, values: seriesValues[i]})),
    notes,
  }
}

/** A group's members: their table rows (pushed to `rows`), and the index series and weights of those in the group index. */
function groupMembers(
  g: GroupSpec,
  input: IndexInput,
  seriesOf: (symbol: string) => SecuritySeries,
  frame: RowFrame,
  rows: IndexRow[],
  onSeries: (symbol: string, s: SecuritySeries) => void,
): {series: Float64Array[]; weights: number[]; left: string[]} {
  const out = {series: [] as Float64Array[], weights: [] as number[], left: [] as string[]}
  const value = input.index.weighting === 'value'
  for (const symbol of g.symbols) {
    const s = seriesOf(symbol)
    let excluded = s.excluded
    const sh = input.shares?.get(symbol)
    if (!excluded && value && (sh === undefined || !(sh > 0))) {
      excluded = 'no shares outstanding (weighting: value); left out of its group index'
    }
    // Since-event returns of a security need no base, so they are given from its prices even when excluded.
    const r = row(symbol, g.id, finiteOrNull(s.base), s.index, frame, symbol, excluded)
    if (s.excluded) r.sinceEvent = sinceEvents(s.prices, frame.cal, frame.asOf, frame.events, symbol)
    rows.push(r)
    onSeries(symbol, s)
    if (excluded) {
      out.left.push(`${symbol} (${excluded.split(';')[0]})`)
      continue
    }
    out.series.push(s.index)
    out.weights.push(value ? (sh ?? 0) * s.base : 1)
  }
  return out
}

/** An indexed security without a price on asOf (its data end earlier) shows no level: say why. */
function noPriceNotes(
  securities: readonly IndexRow[],
  secs: ReadonlyMap<string, SecuritySeries>,
  cal: TradingCalendar,
  asOf: number,
): string[] {
  const ids = [
    ...new Set(securities.filter((r) => r.excluded === null && r.level === null && r.base !== null).map((r) => r.id)),
  ]
  return ids.map((id) => {
    const p = secs.get(id)?.prices
    let last = -1
    if (p) for (let i = asOf; i >= 0 && last < 0; i--) if (Number.isFinite(p[i])) last = i
    return (
      `${id}: no price on ${cal.dates[asOf]}${last >= 0 ? ` (its prices end ${cal.dates[last]})` : ''}; no level, returns or drawdown as of that day (` +
      '`aftershock fetch` brings it up to date)'
    )
  })
}
