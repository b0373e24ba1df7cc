/**
 * Market value at stake (docs/methods.md, "Market value at stake").
 * Dollar change of security i over window [t1, t2] = shares_i × (P_end − P_start), P_start the close of day
 * t1 − 1 (the close before the window) and P_end the close of day t2; group totals are sums.
 */
import {boundToOffset, type TradingCalendar} from '../engine/calendar.js'
import {finiteOrNull} from '../finite.js'
import type {ValueResult, ValueRow} from '../result.js'
import type {Bound} from '../spec/types.js'
import type {Bar} from '../types.js'
import {alignPrices} from './price-series.js'

export interface ShareEntry {
  symbol: string
  shares: number
  source: string
  /** True for live shares outstanding (today's count, not as of the event). */
  current: boolean
}

/** One security-event to value. */
export interface ValueSubject {
  symbol: string
  group: string
  event: string
  /** Day 0 of the event. */
  tradingDate: string
}

/** A security's unadjusted and adjusted closes on the calendar (NaN where it has none that day). */
export interface ClosePair {
  close: Float64Array
  adj: Float64Array
}

export interface ValueInput {
  calendar: TradingCalendar
  /** Each security's closes, asked once per security valued (closesFromBars, or the study's store columns). */
  closes: (symbol: string) => ClosePair
  subjects: readonly ValueSubject[]
  /** The study's windows (offsets or ISO dates); day 0 alone ([0, 0]) is always valued first. */
  windows: ReadonlyArray<readonly [Bound, Bound]>
  shares: readonly ShareEntry[]
  /** CAR of a security-event over a relative window, from the event study; null when not estimated. */
  car?: (symbol: string, event: string, window: [number, number]) => number | null
  /** List events: group totals add up every security-event of a group under event id "all". */
  aggregateEvents?: boolean
}

/** Dollar change shares × (P_end − P_start). */
export function dollarChange(shares: number, startPrice: number, endPrice: number): number {
  return shares * (endPrice - startPrice)
}

/** Dollar change attributable to the abnormal return: shares × P_start × CAR (the value the CAR scales). */
export function abnormalDollarChange(shares: number, startPrice: number, car: number): number {
  return shares * startPrice * car
}

/** What valuing the security-events collects besides rows: symbols without shares or unadjusted closes, gaps. */
interface ValueLog {
  noShares: Set<string>
  approx: Set<string>
  missing: string[]
}

/** Value at stake of every security-event with a share count, per window and day 0, and group totals. */
export function computeValueAtStake(input: ValueInput): ValueResult {
  const {subjects, shares} = input
  const shareOf = new Map(shares.map((s) => [s.symbol, s]))
  const prices = new Map<string, ClosePair>()
  const pricesOf = (symbol: string): ClosePair => {
    let p = prices.get(symbol)
    if (!p) {
      p = input.closes(symbol)
      prices.set(symbol, p)
    }
    return p
  }
  const log: ValueLog = {noShares: new Set(), approx: new Set(), missing: []}
  const rows: ValueRow[] = []
  for (const sub of subjects) {
    const sh = shareOf.get(sub.symbol)
    if (!sh) log.noShares.add(sub.symbol)
    else rows.push(...subjectRows(sub, sh, input, pricesOf, log))
  }
  const notes: string[] = []
  const groups = groupTotals(rows, input.aggregateEvents === true, notes)
  if (log.approx.size > 0) {
    notes.push(
      `approximate: no unadjusted close in the store for ${[...log.approx].sort().join(', ')}; adjusted closes stand in ` +
        '(they differ from the traded price by dividends paid since, so dollar changes are slightly understated)',
    )
  }
  if (log.noShares.size > 0)
    notes.push(`no shares outstanding given for ${[...log.noShares].sort().join(', ')}: not valued`)
  const current = shares.filter((s) => s.current).map((s) => s.symbol)
  if (current.length > 0) notes.push(`current shares, not as of the event: ${current.join(', ')}`)
  notes.push(...log.missing)
  return {shares: [...shares], rows, groups, notes}
}

/** The closes of each symbol's bars on the calendar (a symbol without bars has none). */
export function closesFromBars(
  cal: TradingCalendar,
  bars: ReadonlyMap<string, readonly Bar[]>,
): (symbol: string) => ClosePair {
  return (symbol) => {
    const b = bars.get(symbol) ?? []
    return {close: alignPrices(cal, b, 'close'), adj: alignPrices(cal, b, 'adjClose')}
  }
}

/** One security-event's rows: day 0 and each window, from the close before the window to the window's last close. */
function subjectRows(
  sub: ValueSubject,
  sh: ShareEntry,
  input: ValueInput,
  pricesOf: (s: string) => ClosePair,
  log: ValueLog,
): ValueRow[] {
  const cal = input.calendar
  const rows: ValueRow[] = []
  const day0 = cal.index.get(sub.tradingDate)
  if (day0 === undefined) {
    log.missing.push(`${sub.symbol} ${sub.event}: day 0 ${sub.tradingDate} is not in the calendar`)
    return rows
  }
  const seen = new Set<string>()
  for (const w of [[0, 0] as const, ...input.windows]) {
    const t1 = boundToOffset(cal, day0, w[0], 'from')
    const t2 = boundToOffset(cal, day0, w[1], 'to')
    if (t1 === null || t2 === null || t2 < t1) {
      log.missing.push(`${sub.symbol} ${sub.event} window [${w[0]}, ${w[1]}]: outside the trading calendar`)
      continue
    }
    const key = `${t1},${t2}`
    if (seen.has(key)) continue
    seen.add(key)
    const iStart = day0 + t1 - 1
    const iEnd = day0 + t2
    if (iStart < 0 || iEnd >= cal.dates.length) {
      const from = cal.dates[Math.max(iStart, 0)]
      log.missing.push(`${sub.symbol} ${sub.event} window [${t1}, ${t2}]: needs prices from ${from} to beyond the data`)
      continue
    }
    const p = pricesOf(sub.symbol)
    // Unadjusted closes where both exist; otherwise adjusted closes, flagged approximate.
    const raw = !Number.isNaN(p.close[iStart]) && !Number.isNaN(p.close[iEnd])
    const start = raw ? p.close[iStart] : p.adj[iStart]
    const end = raw ? p.close[iEnd] : p.adj[iEnd]
    if (Number.isNaN(start) || Number.isNaN(end)) {
      const day = Number.isNaN(start) ? cal.dates[iStart] : cal.dates[iEnd]
      log.missing.push(`${sub.symbol} ${sub.event} window [${t1}, ${t2}]: no close on ${day}`)
      continue
    }
    if (!raw) log.approx.add(sub.symbol)
    const car = input.car?.(sub.symbol, sub.event, [t1, t2]) ?? null
    rows.push({
      id: sub.symbol,
      group: sub.group,
      event: sub.event,
      window: [t1, t2],
      from: cal.dates[day0 + t1],
      to: cal.dates[iEnd],
      startPrice: start,
      endPrice: end,
      change: dollarChange(sh.shares, start, end),
      abnormalChange: car === null ? null : finiteOrNull(abnormalDollarChange(sh.shares, start, car)),
      approximate: !raw,
    })
  }
  return rows
}

/** Group totals: sums over the members valued, per group, event (or "all" for list events) and window. */
function groupTotals(rows: readonly ValueRow[], aggregateEvents: boolean, notes: string[]): ValueRow[] {
  const byKey = new Map<string, ValueRow[]>()
  for (const r of rows) {
    const key = `${r.group}\u0000${aggregateEvents ? 'all' : r.event}\u0000${r.window[0]},${r.window[1]}`
    const list = byKey.get(key) ?? []
    list.push(r)
    byKey.set(key, list)
  }
  const groups: ValueRow[] = []
  for (const list of byKey.values()) {
    const first = list[0]
    const abnormal = list.filter((r) => r.abnormalChange !== null)
    if (abnormal.length < list.length) {
      const lacking = list.filter((r) => r.abnormalChange === null).map((r) => r.id)
      notes.push(
        `group ${first.group} ${first.event} [${first.window.join(', ')}]: abnormal change sums ${abnormal.length} of ${list.length} members (no CAR for ${lacking.join(', ')})`,
      )
    }
    groups.push({
      id: first.group ?? '',
      group: null,
      event: aggregateEvents ? 'all' : first.event,
      window: first.window,
      from: list.reduce((m, r) => (r.from < m ? r.from : m), first.from),
      to: list.reduce((m, r) => (r.to > m ? r.to : m), first.to),
      startPrice: null,
      endPrice: null,
      change: list.reduce((s, r) => s + r.change, 0),
      abnormalChange: abnormal.length === 0 ? null : abnormal.reduce((s, r) => s + (r.abnormalChange ?? 0), 0),
      approximate: list.some((r) => r.approximate),
    })
  }
  return groups
}
