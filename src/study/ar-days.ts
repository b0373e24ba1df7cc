/**
 * The per-day AR rows of a run's security-events, held as numbers in shared slabs instead of objects: a row's
 * `ar` is built from them each time it is read (the JSON writer reads it once), so 100,000 security-events x 25
 * days do not keep 2.5 M objects alive for the whole run. Each day is five numbers: its relative day t, its
 * calendar index, the return, the AR and the SAR.
 */
import type {TradingCalendar} from '../engine/calendar.js'
import type {SecurityArRow} from '../result.js'

const FIELDS = 5
/** Days per slab unless a row needs more. */
const SLAB_DAYS = 4096

/**
 * Reads one row's days back as result rows. Two reads in a row of the same row give the same array (the JSON
 * writer sizes a row, then writes it); otherwise each read builds new objects. Read-only, as the whole result is.
 */
export type ArDaysReader = () => SecurityArRow[]

/** Rows of days written one row at a time: open, push its days, close. */
export class ArDays {
  private slab = new Float64Array(0)
  private at = 0
  private start = 0
  /** The last row read and its rows: the one array kept built. */
  private lastRead: ArDaysReader | null = null
  private lastRows: SecurityArRow[] = []

  constructor(private readonly cal: TradingCalendar) {}

  /** Starts a row of at most `n` days (its days stay in one slab). */
  open(n: number): void {
    if (this.at + n * FIELDS > this.slab.length) {
      this.slab = new Float64Array(Math.max(SLAB_DAYS, n) * FIELDS)
      this.at = 0
    }
    this.start = this.at
  }

  /** A day of the open row: relative day t on calendar index k. */
  push(t: number, k: number, ret: number, ar: number, sar: number): void {
    const s = this.slab
    const a = this.at
    s[a] = t
    s[a + 1] = k
    s[a + 2] = ret
    s[a + 3] = ar
    s[a + 4] = sar
    this.at = a + FIELDS
  }

  /** Ends the open row: a reader of its days. */
  close(): ArDaysReader {
    const slab = this.slab
    const from = this.start
    const to = this.at
    const dates = this.cal.dates
    const read = (): SecurityArRow[] => {
      if (this.lastRead !== read) {
        this.lastRows = rowsOf(slab, from, to, dates)
        this.lastRead = read
      }
      return this.lastRows
    }
    return read
  }
}

function rowsOf(slab: Float64Array, from: number, to: number, dates: readonly string[]): SecurityArRow[] {
  const rows: SecurityArRow[] = []
  for (let a = from; a < to; a += FIELDS)
    rows.push({t: slab[a], date: dates[slab[a + 1]], ret: slab[a + 2], ar: slab[a + 3], sar: slab[a + 4]})
  return rows
}
