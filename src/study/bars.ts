/**
 * Reading a study's bars: from the store (any BarSource), with `history:` applied where they are read, so no part
 * of the study (estimation, windows, volume, index, value) sees a security's rows before its first usable date.
 */
import type {HistorySpec} from '../spec/types.js'
import type {BarColumns, BarSource} from '../store/bar-source.js'
import {dayNumber} from '../store/days.js'
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
  return {bars: kept, note: droppedNote(h, symbol, dropped)}
}

function droppedNote(h: HistorySpec, symbol: string, dropped: number): string {
  const why = h.note ? ` (${h.note})` : ''
  return `${symbol}: prices before ${h.from} not used${why}; history: dropped ${dropped} row${dropped === 1 ? '' : 's'}`
}

/** usableBars over a store's columns (ascending by date): the rows from the first usable date on, and the note. */
export function usableColumns(
  history: readonly HistorySpec[],
  symbol: string,
  c: BarColumns,
): {columns: BarColumns; note: string | null} {
  const h = history.find((x) => x.symbol === symbol)
  if (!h) return {columns: c, note: null}
  const from = dayNumber(h.from)
  let i = 0
  while (i < c.days.length && c.days[i] < from) i++
  if (i === 0) return {columns: c, note: null}
  const columns = {
    days: c.days.subarray(i),
    close: c.close.subarray(i),
    adjClose: c.adjClose.subarray(i),
    volume: c.volume.subarray(i),
  }
  return {columns, note: droppedNote(h, symbol, i)}
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
