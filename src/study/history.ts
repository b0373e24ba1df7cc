/**
 * `history:` of a study: per-security first usable dates. A security's stored bars before its `from` are dropped
 * once, where they are read, so no part of the study (estimation, windows, volume, index, value) sees them.
 */
import type {Bar} from '../types.js'
import type {HistorySpec} from './spec-types.js'

/** The bars from the symbol's first usable date on, and the note saying what was dropped (null when nothing was). */
export function usableBars(
  history: readonly HistorySpec[],
  symbol: string,
  bars: Bar[],
): {bars: Bar[]; note: string | null} {
  const h = history.find((x) => x.symbol === symbol)
  if (!h) return {bars, note: null}
  const kept = bars.filter((b) => b.date >= h.from)
  const dropped = bars.length - kept.length
  if (dropped === 0) return {bars, note: null}
  const why = h.note ? ` (${h.note})` : ''
  return {
    bars: kept,
    note: `${symbol}: prices before ${h.from} not used${why}; history: dropped ${dropped} row${dropped === 1 ? '' : 's'}`,
  }
}
