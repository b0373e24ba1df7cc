/**
 * Prices aligned on the study's trading calendar: the small shared step of indexing and value at stake.
 * Pure: bars in, a Float64Array per symbol out (NaN marks a calendar day without a price; NaN never leaves
 * src/analysis).
 */
import type {Bar} from '../types.js'

export type PriceChoice = 'adjClose' | 'close'

const indexes = new WeakMap<readonly string[], Map<string, number>>()

/** Date -> position in the calendar, built once per calendar array. */
export function dateIndex(calendar: readonly string[]): Map<string, number> {
  let m = indexes.get(calendar)
  if (!m) {
    m = new Map(calendar.map((d, i) => [d, i]))
    indexes.set(calendar, m)
  }
  return m
}

/** Prices of one symbol on each calendar day; NaN where the store has no bar or no value that day. */
export function alignPrices(calendar: readonly string[], bars: readonly Bar[], field: PriceChoice): Float64Array {
  const out = new Float64Array(calendar.length).fill(Number.NaN)
  const byDate = dateIndex(calendar)
  for (const bar of bars) {
    const i = byDate.get(bar.date)
    if (i === undefined) continue
    const v = bar[field]
    if (v !== null && v !== undefined && Number.isFinite(v) && v > 0) out[i] = v
  }
  return out
}

/**
 * Adjusted closes on the calendar; a security with no adjusted close at all falls back to its raw close.
 * The two are never mixed within one security: they differ by the adjustment factor.
 */
export function alignAdjusted(
  calendar: readonly string[],
  bars: readonly Bar[],
): {prices: Float64Array; usedClose: boolean} {
  const adj = alignPrices(calendar, bars, 'adjClose')
  if (adj.some((v) => !Number.isNaN(v)) || !bars.some((b) => b.close !== null && b.close > 0))
    return {prices: adj, usedClose: false}
  return {prices: alignPrices(calendar, bars, 'close'), usedClose: true}
}

/** Index of the last calendar day <= date, or -1. Binary search: the calendar is ascending. */
export function lastIndexOnOrBefore(calendar: readonly string[], date: string): number {
  let lo = 0
  let hi = calendar.length - 1
  let ans = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (calendar[mid] <= date) {
      ans = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return ans
}

/** Index of the first calendar day >= date, or calendar.length when none. */
export function firstIndexOnOrAfter(calendar: readonly string[], date: string): number {
  const i = lastIndexOnOrBefore(calendar, date)
  if (i >= 0 && calendar[i] === date) return i
  return i + 1
}

/** A finite number or null: the guard at the edge of the analysis modules. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null
}
