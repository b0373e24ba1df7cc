/**
 * Reading a study's bars: from the store (any BarSource), with `history:` applied where they are read, so no part
 * of the study (estimation, windows, volume, index, value) sees a security's rows before its first usable date.
 */
import type {HistorySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import type {Bar} from '../types.js'

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

/** A security's bars over [from, to] with its history: cut; the note (if any) goes to `notes`. */
export function readSecurityBars(
  source: BarSource,
  history: readonly HistorySpec[],
  symbol: string,
  notes: string[],
  from?: string,
  to?: string,
): Bar[] {
  const {bars, note} = usableBars(history, symbol, source.getBars(symbol, from, to))
  if (note) notes.push(note)
  return bars
}
