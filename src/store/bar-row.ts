/** A stored price row as SQL reads it, and how it becomes a Bar. */
import type {Bar} from '../types.js'

export interface BarRow {
  date: string
  open: number | null
  high: number | null
  low: number | null
  close: number | null
  adj_close: number | null
  volume: number | null
  dividend: number | null
  split: number | null
}

export function toBar(r: BarRow): Bar {
  const bar: Bar = {
    date: r.date,
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    adjClose: r.adj_close,
    volume: r.volume,
  }
  if (r.dividend !== null) bar.dividend = r.dividend
  if (r.split !== null) bar.split = r.split
  return bar
}

/** A stored value as columns hold it: finite, or NaN for none (the store keeps no non-finite number). */
export function orNaN(x: number | null | undefined): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : Number.NaN
}
