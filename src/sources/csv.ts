/**
 * Daily-price CSV files: the shared format `date,open,high,low,close,adj_close,volume` and Yahoo's own download
 * `Date,Open,High,Low,Close,Adj Close,Volume`. A file is read whole or rejected whole: the first bad row
 * throws an InputError `FILE:LINE: reason` (line 1 is the header). Plain lines, almost all of them, are read in
 * one pass over the file's bytes (csv-row.ts); any other line, and every error, the general way here.
 */
import path from 'node:path'
import {InputError} from '../errors.js'
import type {Rounding} from '../store/merge.js'
import {normalizeSymbol} from '../store/symbols.js'
import type {Bar} from '../types.js'
import {Cells, isSpace} from './csv-cells.js'
import {splitCsvLine} from './csv-line.js'
import {DATE_COLUMN, IGNORED_COLUMN, RowScan} from './csv-row.js'
import {addDays, isIsoDate, isoDateKey, todayIso} from './dates.js'

type Field = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume'
const VALUE_FIELDS: readonly Exclude<Field, 'date'>[] = ['open', 'high', 'low', 'close', 'adjClose', 'volume']

/** Header names (lower-cased, only letters and digits kept) and the field each one fills. */
const HEADER_ALIASES: Record<string, Field> = {
  date: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  adjclose: 'adjClose',
  adjustedclose: 'adjClose',
  volume: 'volume',
}

export const EXPECTED_HEADER = 'date,open,high,low,close,adj_close,volume'

export interface ParsedCsv {
  /** Bars ascending by date. */
  bars: Bar[]
  /** Rows with no price at all (every cell empty or "null", as Yahoo writes a missing day): skipped. */
  skipped: number
  /** The file's printed precision per column: half a unit of the most decimals written in it. */
  rounding: Rounding
}

/** Plausible prices and dates; beyond them a value is a typo or a broken export unless --allow-extreme. */
export const PRICE_LIMITS = {min: 1e-6, max: 1e9} as const
export const FIRST_PLAUSIBLE_DATE = '1900-01-01'

export interface ParseOptions {
  /** Accept prices outside PRICE_LIMITS and dates outside 1900-01-01..today+1. */
  allowExtreme?: boolean
  /** Today's date (tests fix it); the latest plausible date is the day after. */
  today?: string
}

/** Symbol from a file name: `NVDA.csv` -> `NVDA`, `^GSPC.csv` -> `GSPC`. */
export function symbolFromFile(file: string): string {
  return normalizeSymbol(path.basename(file).replace(/\.csv$/i, ''))
}

/**
 * The date of a date cell. yfinance's `to_csv` writes `2020-01-02 00:00:00-05:00`: the date part is already the
 * exchange-local trading date, so a time and offset after it are dropped.
 */
function dateCell(cell: string): string {
  if (cell.length <= 10) return cell
  return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(cell)
    ? cell.slice(0, 10)
    : cell
}

/** The header's column names as written (for messages: "Adj Close", "adj_close") and the column of each field. */
function readHeader(line: string, fail: (line: number, reason: string) => never) {
  const header = splitCsvLine(line).map((h) => h.trim())
  const column = new Map<Field, number>()
  header.forEach((name, i) => {
    const f = HEADER_ALIASES[name.toLowerCase().replace(/[^a-z0-9]/g, '')]
    if (f === undefined) return // extra columns (e.g. Yahoo's "Dividends") are ignored
    const prev = column.get(f)
    if (prev !== undefined) fail(1, `column "${name}" appears twice in the header (also "${header[prev]}"); keep one`)
    column.set(f, i)
  })
  if (!column.has('date')) {
    fail(
      1,
      `missing header: the first line must name the columns, e.g. ${EXPECTED_HEADER} (got "${line.slice(0, 80)}")`,
    )
  }
  if (!column.has('close') && !column.has('adjClose')) {
    fail(1, `the header has neither a close nor an adj_close column; expected ${EXPECTED_HEADER}`)
  }
  return {header, column}
}

/**
 * Parses a price CSV, given as text or as the file's bytes (UTF-8, as `readFileSync(file)` gives them: reading
 * them here is faster than decoding the text first). `file` names the file in error messages. Throws InputError
 * `FILE:LINE: reason` on a missing or unknown header, a wrong number of fields, an unparseable date or number, a
 * duplicate date, a price <= 0 or a negative volume, and (unless allowExtreme) a price outside 1e-6..1e9 or a date
 * outside 1900-01-01..tomorrow.
 */
export function parsePriceCsv(content: string | Uint8Array, file: string, opts: ParseOptions = {}): ParsedCsv {
  const fail = (line: number, reason: string): never => {
    throw new InputError(`${file}:${line}: ${reason}`)
  }
  if (typeof content === 'string') {
    const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content
    const bytes = Buffer.from(text, 'utf8')
    return bytes.length === text.length ? parseBytes(bytes, opts, fail) : parseText(text, opts, fail)
  }
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength)
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  return parseBytes(bytes.subarray(bom), opts, fail)
}

type Fail = (line: number, reason: string) => never

/** Any text (the byte order mark removed), line by line the general way. */
function parseText(text: string, opts: ParseOptions, fail: Fail): ParsedCsv {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1)
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  if (lines.length === 0) fail(1, `empty file; expected the header ${EXPECTED_HEADER}`)
  const {header, column} = readHeader(lines[0], fail)
  const rows = new RowReader(header, column, opts, fail)
  for (let i = 1; i < lines.length; i++) rows.read(lines[i], i + 1)
  return rows.parsed()
}

/**
 * A file's UTF-8 bytes (the byte order mark removed): each plain line is read in place (RowScan) and only any
 * other one becomes a string, read the general way. A line feed is never part of another character, so a line's
 * bytes decode to that line of the file's text.
 */
function parseBytes(b: Buffer, opts: ParseOptions, fail: Fail): ParsedCsv {
  // Blank lines at the end are dropped: the data ends with the line of the last character that is not white space
  // (white space beyond ASCII there: the text decides).
  let last = b.length - 1
  while (last >= 0 && b[last] < 128 && isSpace(b[last])) last--
  if (last >= 0 && b[last] >= 128) return parseText(b.toString('utf8'), opts, fail)
  if (last < 0) fail(1, `empty file; expected the header ${EXPECTED_HEADER}`)
  const nl = b.indexOf(10, last)
  const end = nl < 0 ? b.length : nl
  // The header is the first line, whatever it holds; the data rows follow it up to `end`.
  let to = b.indexOf(10)
  if (to < 0 || to > end) to = end
  const {header, column} = readHeader(b.toString('utf8', 0, lineEnd(b, 0, to)), fail)
  const rows = new RowReader(header, column, opts, fail)
  for (let from = to + 1, lineNo = 2; from <= end; from = to + 1, lineNo++) {
    to = rows.readPlain(b, from, end, lineNo)
    if (to >= 0) continue
    to = b.indexOf(10, from)
    if (to < 0 || to > end) to = end
    rows.read(b.toString('utf8', from, lineEnd(b, from, to)), lineNo)
  }
  return rows.parsed()
}

/** Where the line b[from, to) ends without the carriage return of a CRLF line break. */
function lineEnd(b: Buffer, from: number, to: number): number {
  return to > from && b[to - 1] === 13 ? to - 1 : to
}

/**
 * The text of the date YYYYMMDD `key` written at b[start]. Files of one universe share their trading days: the
 * strings of 1900..2099 are kept (a slot per possible day) instead of made again for every row.
 */
function dateText(key: number, b: Buffer, start: number): string {
  const year = Math.floor(key / 10000)
  const monthDay = key - year * 10000
  const slot = (year - 1900) * 1232 + monthDay
  if (slot < 0 || slot >= DATE_TEXT.length) return b.toString('latin1', start, start + 10)
  let date = DATE_TEXT[slot]
  if (date === '') {
    date = b.toString('latin1', start, start + 10)
    DATE_TEXT[slot] = date
  }
  return date
}
/** Date texts by (year - 1900) * 1232 + month * 100 + day; '' not seen yet. */
const DATE_TEXT: string[] = new Array(200 * 1232).fill('')

/** The first plausible date as YYYYMMDD. */
const FIRST_PLAUSIBLE_KEY = isoDateKey(FIRST_PLAUSIBLE_DATE, 0)

/**
 * The data rows of one file, read line by line into bars: a plain line in one pass by RowScan, any other the
 * general way (which words every error). Dates are checked for duplicates by order while they ascend (the usual
 * file) and through a map of every date so far once they do not.
 */
class RowReader {
  readonly bars: Bar[] = []
  /** The most decimals written in each value field (VALUE_FIELDS order; -1 none yet), and the order fields got one. */
  readonly decimals = new Int32Array(VALUE_FIELDS.length).fill(-1)
  readonly decimalsOrder: number[] = []
  skipped = 0
  ascending = true
  private readonly fields: [number, number][]
  private readonly dateColumn: number
  private readonly lastDate: string
  private readonly lastKey: number
  private last = 0
  private readonly keys: number[] = []
  private readonly lineOf: number[] = []
  private seen: Map<number, number> | null = null
  private readonly cells: Cells
  private readonly scan: RowScan
  /** The decimals of the last number read. */
  private readonly written = {decimals: 0}

  constructor(
    private readonly header: string[],
    column: Map<Field, number>,
    private readonly opts: ParseOptions,
    private readonly fail: (line: number, reason: string) => never,
  ) {
    this.fields = []
    const layout = new Int8Array(header.length).fill(IGNORED_COLUMN)
    VALUE_FIELDS.forEach((f, k) => {
      const idx = column.get(f)
      if (idx === undefined) return
      this.fields.push([k, idx])
      layout[idx] = k
    })
    this.dateColumn = column.get('date')!
    layout[this.dateColumn] = DATE_COLUMN
    this.scan = new RowScan(layout)
    this.cells = new Cells(header.length)
    this.lastDate = addDays(opts.today ?? todayIso(), 1)
    this.lastKey = isoDateKey(this.lastDate, 0)
  }

  /**
   * Reads the line at b[start] (up to the next line feed or `end`) when it is a plain line (RowScan) whose values
   * and date need no message: where it ends, or -1, and nothing read, otherwise. A duplicate date throws as in
   * read(), whose first error it would be.
   */
  readPlain(b: Buffer, start: number, end: number, lineNo: number): number {
    const {scan} = this
    const stop = scan.scan(b, start, end)
    if (stop < 0) return -1
    const {values: v, decimals: d} = scan
    const extreme = this.opts.allowExtreme === true
    let values = 0
    let prices = 0
    for (let f = 0; f < 6; f++) {
      if (d[f] < 0) continue
      const x = v[f]
      if (f === 5) {
        if (!(x >= 0)) return -1
      } else if (!(x > 0) || (!extreme && (x < PRICE_LIMITS.min || x > PRICE_LIMITS.max))) return -1
      else prices++
      values++
    }
    if (values > 0 && prices === 0) return -1
    const key = scan.dateKey
    if (!extreme && (key < FIRST_PLAUSIBLE_KEY || key > this.lastKey)) return -1
    const date = dateText(key, b, scan.dateStart)
    this.order(key, date, lineNo)
    if (values === 0) {
      this.skipped++
      return stop
    }
    for (let f = 0; f < 6; f++) if (d[f] >= 0) this.noteDecimals(f, d[f])
    this.bars.push({
      date,
      open: d[0] < 0 ? null : v[0],
      high: d[1] < 0 ? null : v[1],
      low: d[2] < 0 ? null : v[2],
      close: d[3] < 0 ? null : v[3],
      adjClose: d[4] < 0 ? null : v[4],
      volume: d[5] < 0 ? null : v[5],
    })
    return stop
  }

  /** The bars ascending by date, the rows skipped and the file's printed precision. */
  parsed(): ParsedCsv {
    const {bars} = this
    if (!this.ascending) bars.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    const rounding: Rounding = {}
    for (const f of this.decimalsOrder) rounding[VALUE_FIELDS[f]] = 0.5 / 10 ** this.decimals[f]
    return {bars, skipped: this.skipped, rounding}
  }

  /** Reads any line, the general way; the first problem throws. */
  read(raw: string, lineNo: number): void {
    const {fail, header} = this
    if (raw.trim() === '') fail(lineNo, 'empty line inside the data')
    const n = this.cells.split(raw)
    if (n !== header.length) fail(lineNo, `expected ${header.length} fields as in the header, found ${n}`)
    const date = this.date(this.cells.text(this.dateColumn), lineNo)
    const bar: Bar = {date, open: null, high: null, low: null, close: null, adjClose: null, volume: null}
    let prices = 0
    let values = 0
    for (const [f, idx] of this.fields) {
      if (this.cells.isEmpty(idx)) continue
      bar[VALUE_FIELDS[f]] = this.value(f, idx, lineNo)
      values++
      if (f !== 5) prices++
    }
    if (values === 0) {
      this.skipped++
      return
    }
    if (prices === 0) fail(lineNo, 'a row with a volume but no price')
    this.bars.push(bar)
  }

  /** The row's date, checked: a real date, plausible (unless allowExtreme), not seen before. */
  private date(cell: string, lineNo: number): string {
    const {fail} = this
    const date = dateCell(cell)
    if (!isIsoDate(date)) fail(lineNo, `unparseable date "${cell}" (expected YYYY-MM-DD)`)
    if (!this.opts.allowExtreme && (date < FIRST_PLAUSIBLE_DATE || date > this.lastDate))
      fail(lineNo, `date ${date} is outside ${FIRST_PLAUSIBLE_DATE}..${this.lastDate}; fix it, or pass --allow-extreme`)
    this.order(isoDateKey(date, 0), date, lineNo)
    return date
  }

  /** Records the date (YYYYMMDD `key`) of line lineNo; a date seen before throws. */
  private order(key: number, date: string, lineNo: number): void {
    if (this.seen === null && key <= this.last && this.keys.length > 0) {
      this.ascending = false
      this.seen = new Map()
      for (let k = 0; k < this.keys.length; k++) this.seen.set(this.keys[k], this.lineOf[k])
    }
    if (this.seen !== null) {
      const prev = this.seen.get(key)
      if (prev !== undefined) this.fail(lineNo, `duplicate date ${date} (also on line ${prev})`)
      this.seen.set(key, lineNo)
    } else {
      this.keys.push(key)
      this.lineOf.push(lineNo)
    }
    this.last = key
  }

  /** Notes that value field f was written with d decimals. */
  private noteDecimals(f: number, d: number): void {
    const was = this.decimals[f]
    if (was < 0) this.decimalsOrder.push(f)
    if (d > was) this.decimals[f] = d
  }

  /** A value cell: a number, a positive price (plausible unless allowExtreme) or a non-negative volume. */
  private value(f: number, idx: number, lineNo: number): number {
    const {fail, header, cells, written} = this
    const v = cells.number(idx, written)
    if (Number.isNaN(v)) fail(lineNo, `unparseable number "${cells.text(idx)}" in column ${header[idx]}`)
    const cell = (): string => cells.text(idx)
    if (!Number.isFinite(v)) fail(lineNo, `number out of range "${cell()}" in column ${header[idx]}`)
    const volume = f === 5
    if (volume ? v < 0 : v <= 0) {
      fail(lineNo, `${volume ? 'negative volume' : 'non-positive price'} ${cell()} in column ${header[idx]}`)
    }
    if (!volume && !this.opts.allowExtreme && (v < PRICE_LIMITS.min || v > PRICE_LIMITS.max)) {
      fail(
        lineNo,
        `price ${cell()} in column ${header[idx]} is outside ${PRICE_LIMITS.min}..${PRICE_LIMITS.max}; fix it, or pass --allow-extreme if it is real`,
      )
    }
    this.noteDecimals(f, written.decimals)
    return v
  }
}

/** Writes bars as CSV in the shared format (empty cell for null), the same format `import` reads. */
export function formatPriceCsv(bars: readonly Bar[]): string {
  const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v))
  const lines = [EXPECTED_HEADER]
  for (const b of bars)
    lines.push(
      [b.date, cell(b.open), cell(b.high), cell(b.low), cell(b.close), cell(b.adjClose), cell(b.volume)].join(','),
    )
  return lines.join('\n') + '\n'
}
