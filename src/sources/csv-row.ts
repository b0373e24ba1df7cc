/**
 * One data line of a price CSV read in a single pass over the file's bytes (an all-ASCII file: a byte is a
 * character): no line or cell substrings, no regex (an import reads millions of lines). It reads only the plain
 * line, the one almost every file is made of: no quotes, a `YYYY-MM-DD` date, plain decimal numbers, empty or
 * `null` cells. For anything else it gives up, and the caller reads the line the general way (src/sources/csv.ts),
 * which also words every error: a line this scanner accepts reads the same there, so results do not depend on
 * which way was taken.
 */
import {POW10, readNumber} from './csv-number.js'
import {calendarKey} from './dates.js'

/** What a column holds for the scanner: a value field (0-5, in VALUE_FIELDS order), the date, or nothing read. */
export const DATE_COLUMN = -1
export const IGNORED_COLUMN = -2

/** The white space String.prototype.trim removes that a plain line may hold: ASCII, and not the line feed. */
function isInlineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13
}

/** The number the ASCII digits b[start, end) write, or -1 when one of them is not a digit. */
function digitsAt(b: Buffer, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = b[i] - 48
    if (!(d >= 0 && d <= 9)) return -1
    n = n * 10 + d
  }
  return n
}

/** The cells of the last line scanned, overwritten by the next. */
export class RowScan {
  /** Each value field's number (meaningful where decimals >= 0). */
  readonly values = new Float64Array(6)
  /** Each value field's decimals as written (see csv-number.ts), or -1 for an empty or `null` cell. */
  readonly decimals = new Int32Array(6).fill(-1)
  /** The date as YYYYMMDD, and where its ten characters start. */
  dateKey = 0
  dateStart = 0
  /** The decimals of the last number read as text. */
  private readonly written = {decimals: 0}

  /** `layout[k]` is what column k holds: a value field index, DATE_COLUMN or IGNORED_COLUMN. */
  constructor(private readonly layout: Int8Array) {}

  /**
   * Scans the line that starts at b[start] and ends at the next line feed (or at `end`, the end of the data):
   * where it ends (that line feed, or end), or -1 when the line is not plain. A carriage return before the line
   * feed is white space at the end of the last cell, as trim() takes it.
   */
  scan(b: Buffer, start: number, end: number): number {
    const {layout} = this
    let i = start
    for (let k = 0; k < layout.length; k++) {
      if (k > 0) {
        if (i >= end || b[i] !== 44) return -1
        i++
      }
      const role = layout[k]
      if (role === IGNORED_COLUMN) {
        for (let c = i < end ? b[i] : 10; c !== 44 && c !== 10; c = ++i < end ? b[i] : 10)
          if (c === 34 || c >= 128) return -1
        continue
      }
      while (i < end && isInlineSpace(b[i])) i++
      i = role === DATE_COLUMN ? this.date(b, i, end) : this.number(b, i, end, role)
      if (i < 0) return -1
      while (i < end && isInlineSpace(b[i])) i++
    }
    return i === end || b[i] === 10 ? i : -1
  }

  /** The date at b[i]: where it ends, or -1 when it is not a plain calendar date. */
  private date(b: Buffer, i: number, end: number): number {
    if (i + 10 > end || b[i + 4] !== 45 || b[i + 7] !== 45) return -1
    const key = calendarKey(digitsAt(b, i, i + 4), digitsAt(b, i + 5, i + 7), digitsAt(b, i + 8, i + 10))
    if (key < 0) return -1
    this.dateKey = key
    this.dateStart = i
    return i + 10
  }

  /**
   * The number cell of field f at b[i]: where it ends, or -1 when it is not a number (the grammar of
   * csv-number.ts). An empty cell sets decimals[f] to -1. The value is the double Number() gives: here the usual
   * cell, unsigned digits with at most one point and at most 15 digits (an exact integer mantissa divided by an
   * exact power of ten rounds once, correctly: Clinger's fast path, as in csv-number.ts); any other in other().
   */
  private number(b: Buffer, i: number, end: number, f: number): number {
    if (i >= end || b[i] === 44 || b[i] === 10) {
      this.decimals[f] = -1
      return i
    }
    const start = i
    let mantissa = 0
    for (; i < end; i++) {
      const c = b[i] - 48
      if (c < 0 || c > 9) break
      mantissa = mantissa * 10 + c
    }
    let frac = 0
    let dot = 0
    if (i < end && b[i] === 46) {
      dot = 1
      const point = ++i
      for (; i < end; i++) {
        const c = b[i] - 48
        if (c < 0 || c > 9) break
        mantissa = mantissa * 10 + c
      }
      frac = i - point
    }
    const digits = i - start - dot
    if (digits === 0 || digits > 15 || (i < end && (b[i] | 32) === 101)) return this.other(b, start, end, f)
    this.values[f] = frac === 0 ? mantissa : mantissa / POW10[frac]
    this.decimals[f] = frac
    return i
  }

  /**
   * Any other cell at b[i] (see number()): a sign, an exponent, more than 15 digits, `null`, or no number. Read as
   * text by csv-number.ts, as the general reader reads it.
   */
  private other(b: Buffer, i: number, end: number, f: number): number {
    let e = i
    for (let c = e < end ? b[e] : 10; c !== 44 && c !== 10; c = ++e < end ? b[e] : 10) if (c >= 128) return -1
    while (e > i && isInlineSpace(b[e - 1])) e--
    const cell = b.toString('latin1', i, e)
    if (cell.length === 4 && cell.toLowerCase() === 'null') {
      this.decimals[f] = -1
      return e
    }
    const v = readNumber(cell, 0, cell.length, this.written)
    if (!Number.isFinite(v)) return -1
    this.values[f] = v
    this.decimals[f] = this.written.decimals
    return e
  }
}
