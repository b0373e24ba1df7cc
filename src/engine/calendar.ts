/**
 * The trading calendar: the benchmark's trading dates, ascending. Relative trading days (offsets) count
 * positions in this calendar, so day t of an event is `dates[day0 + t]` (docs/methods.md, "Notation and data").
 * Pure functions over ISO `YYYY-MM-DD` strings (which sort lexicographically in date order).
 */
/** What to do with an event dated on a day the market was closed (the study's `nonTradingDay`). */
export type NonTradingDay = 'next' | 'previous' | 'skip' | 'error'

export interface TradingCalendar {
  /** Trading dates, ascending, unique. */
  readonly dates: readonly string[]
  /** Date -> index in `dates`. */
  readonly index: ReadonlyMap<string, number>
}

/** Builds the calendar from trading dates (sorted and de-duplicated here). */
export function buildCalendar(dates: Iterable<string>): TradingCalendar {
  const sorted = [...new Set(dates)].sort()
  return {dates: sorted, index: new Map(sorted.map((d, i) => [d, i]))}
}

/** Number of calendar dates strictly before `date` (binary search): the insertion point of `date`. */
export function lowerBound(cal: TradingCalendar, date: string): number {
  let lo = 0
  let hi = cal.dates.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cal.dates[mid] < date) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the first trading date >= date, or -1 when there is none. */
export function firstOnOrAfter(cal: TradingCalendar, date: string): number {
  const i = lowerBound(cal, date)
  return i < cal.dates.length ? i : -1
}

/** Index of the last trading date <= date, or -1 when there is none. */
export function lastOnOrBefore(cal: TradingCalendar, date: string): number {
  const exact = cal.index.get(date)
  if (exact !== undefined) return exact
  return lowerBound(cal, date) - 1
}

export type EventDay =
  | {kind: 'day'; index: number; tradingDate: string; shift: number; note: string | null}
  | {kind: 'skip'; reason: string}
  | {kind: 'error'; reason: string}

/**
 * Day 0 of an event requested on `date`, per the study's `nonTradingDay` policy.
 * When the market was open on `date`, day 0 is that date and shift = 0. Otherwise:
 * `next` takes the first trading day after it (shift = +1: day 0 is one trading day later than the
 * date's place in the calendar), `previous` the last trading day before it (shift = -1), `skip` drops
 * the event and `error` refuses it. A date outside the calendar is always an error (no data there).
 */
export function resolveEventDay(cal: TradingCalendar, date: string, policy: NonTradingDay): EventDay {
  const n = cal.dates.length
  if (n === 0) return {kind: 'error', reason: 'the trading calendar is empty (no benchmark prices)'}
  const first = cal.dates[0]
  const last = cal.dates[n - 1]
  if (date < first || date > last) {
    return {kind: 'error', reason: `${date} is outside the benchmark's data (${first} to ${last})`}
  }
  const exact = cal.index.get(date)
  if (exact !== undefined) return {kind: 'day', index: exact, tradingDate: date, shift: 0, note: null}
  const closed = `market closed on ${date}`
  switch (policy) {
    case 'next': {
      const i = firstOnOrAfter(cal, date) // exists: date < last
      return {
        kind: 'day',
        index: i,
        tradingDate: cal.dates[i],
        shift: 1,
        note: `${closed}: day 0 is the next trading day, ${cal.dates[i]}`,
      }
    }
    case 'previous': {
      const i = lastOnOrBefore(cal, date) // exists: date > first
      return {
        kind: 'day',
        index: i,
        tradingDate: cal.dates[i],
        shift: -1,
        note: `${closed}: day 0 is the previous trading day, ${cal.dates[i]}`,
      }
    }
    case 'skip':
      return {kind: 'skip', reason: `${closed}: event skipped (nonTradingDay: skip)`}
    case 'error':
      return {
        kind: 'error',
        reason: `${closed} (nonTradingDay: error); use a trading date or nonTradingDay: next | previous | skip`,
      }
  }
}

/** The date of relative day `offset` of an event whose day 0 is calendar index `day0`; null outside the calendar. */
export function dateAtOffset(cal: TradingCalendar, day0: number, offset: number): string | null {
  const i = day0 + offset
  return i >= 0 && i < cal.dates.length ? cal.dates[i] : null
}

/**
 * A window bound as a relative day of an event whose day 0 is calendar index `day0`.
 * An offset is returned as is. An ISO date resolves to trading days inside the range it bounds:
 * a `from` bound to the first trading day on or after it, a `to` bound to the last on or before it.
 * Returns null when no such trading day exists in the calendar.
 */
export function boundToOffset(
  cal: TradingCalendar,
  day0: number,
  bound: number | string,
  side: 'from' | 'to',
): number | null {
  if (typeof bound === 'number') return bound
  const i = side === 'from' ? firstOnOrAfter(cal, bound) : lastOnOrBefore(cal, bound)
  return i < 0 ? null : i - day0
}
