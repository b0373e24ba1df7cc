/**
 * Market value at stake (issue 4, capability 2; methods: "Market value at stake").
 * Dollar change of security i over window [t1, t2] = shares_i × (P_end − P_start), P_start the close of day
 * t1 − 1 (the close before the window) and P_end the close of day t2; group totals are sums.
 */
import type {ValueResult, ValueRow} from '../result.js'
import type {Bound} from '../study/spec-types.js'
import type {Bar} from '../types.js'
import {alignPrices, dateIndex, finiteOrNull, firstIndexOnOrAfter, lastIndexOnOrBefore} from './price-series.js'

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

export interface ValueInput {
  calendar: readonly string[]
  bars: ReadonlyMap<string, readonly Bar[]>
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

/** A window bound as a relative day of an event whose day 0 has calendar index day0 (dates: trading days inside). */
function offsetOf(calendar: readonly string[], day0: number, bound: Bound, side: 'from' | 'to'): number | null {
  if (typeof bound === 'number') return bound
  const i = side === 'from' ? firstIndexOnOrAfter(calendar, bound) : lastIndexOnOrBefore(calendar, bound)
  return i < 0 || i >= calendar.length ? null : i - day0
}

/** Value at stake of every security-event with a share count, per window and day 0, and group totals. */
export function computeValueAtStake(input: ValueInput): ValueResult {
  const {calendar, bars, subjects, shares} = input
  const notes: string[] = []
  const shareOf = new Map(shares.map((s) => [s.symbol, s]))
  const prices = new Map<string, {close: Float64Array; adj: Float64Array}>()
  const pricesOf = (symbol: string): {close: Float64Array; adj: Float64Array} => {
    let p = prices.get(symbol)
    if (!p) {
      const b = bars.get(symbol) ?? []
      p = {close: alignPrices(calendar, b, 'close'), adj: alignPrices(calendar, b, 'adjClose')}
      prices.set(symbol, p)
    }
    return p
  }
  const dates = dateIndex(calendar)

  const rows: ValueRow[] = []
  const noShares = new Set<string>()
  const approx = new Set<string>()
  const missing: string[] = []
  for (const sub of subjects) {
    const sh = shareOf.get(sub.symbol)
    if (!sh) {
      noShares.add(sub.symbol)
      continue
    }
    const day0 = dates.get(sub.tradingDate)
    if (day0 === undefined) {
      missing.push(`${sub.symbol} ${sub.event}: day 0 ${sub.tradingDate} is not in the calendar`)
      continue
    }
    const seen = new Set<string>()
    for (const w of [[0, 0] as const, ...input.windows]) {
      const t1 = offsetOf(calendar, day0, w[0], 'from')
      const t2 = offsetOf(calendar, day0, w[1], 'to')
      if (t1 === null || t2 === null || t2 < t1) {
        missing.push(`${sub.symbol} ${sub.event} window [${w[0]}, ${w[1]}]: outside the trading calendar`)
        continue
      }
      const key = `${t1},${t2}`
      if (seen.has(key)) continue
      seen.add(key)
      const iStart = day0 + t1 - 1
      const iEnd = day0 + t2
      if (iStart < 0 || iEnd >= calendar.length) {
        missing.push(
          `${sub.symbol} ${sub.event} window [${t1}, ${t2}]: needs prices from ${calendar[Math.max(iStart, 0)]} to beyond the data`,
        )
        continue
      }
      const p = pricesOf(sub.symbol)
      // Unadjusted closes where both exist; otherwise adjusted closes, flagged approximate.
      let start = p.close[iStart]
      let end = p.close[iEnd]
      let approximate = false
      if (Number.isNaN(start) || Number.isNaN(end)) {
        start = p.adj[iStart]
        end = p.adj[iEnd]
        approximate = true
      }
      if (Number.isNaN(start) || Number.isNaN(end)) {
        missing.push(
          `${sub.symbol} ${sub.event} window [${t1}, ${t2}]: no close on ${Number.isNaN(start) ? calendar[iStart] : calendar[iEnd]}`,
        )
        continue
      }
      if (approximate) approx.add(sub.symbol)
      const car = input.car?.(sub.symbol, sub.event, [t1, t2]) ?? null
      rows.push({
        id: sub.symbol,
        group: sub.group,
        event: sub.event,
        window: [t1, t2],
        from: calendar[day0 + t1],
        to: calendar[iEnd],
        startPrice: start,
        endPrice: end,
        change: dollarChange(sh.shares, start, end),
        abnormalChange: car === null ? null : finiteOrNull(abnormalDollarChange(sh.shares, start, car)),
        approximate,
      })
    }
  }

  // Group totals: sums over the members valued, per group, event and window.
  const groups: ValueRow[] = []
  const byKey = new Map<string, ValueRow[]>()
  for (const r of rows) {
    const ev = input.aggregateEvents ? 'all' : r.event
    const key = `${r.group}\u0000${ev}\u0000${r.window[0]},${r.window[1]}`
    const list = byKey.get(key) ?? []
    list.push(r)
    byKey.set(key, list)
  }
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
      event: input.aggregateEvents ? 'all' : first.event,
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

  if (approx.size > 0) {
    notes.push(
      `approximate: no unadjusted close in the store for ${[...approx].sort().join(', ')}; adjusted closes stand in ` +
        '(they differ from the traded price by dividends paid since, so dollar changes are slightly understated)',
    )
  }
  if (noShares.size > 0) notes.push(`no shares outstanding given for ${[...noShares].sort().join(', ')}: not valued`)
  if (shares.some((s) => s.current)) {
    notes.push(
      `current shares, not as of the event: ${shares
        .filter((s) => s.current)
        .map((s) => s.symbol)
        .join(', ')}`,
    )
  }
  notes.push(...missing)
  return {shares: [...shares], rows, groups, notes}
}
