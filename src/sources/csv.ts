/**
 * Daily-price CSV files: the shared format `date,open,high,low,close,adj_close,volume` and Yahoo's own download
 * `Date,Open,High,Low,Close,Adj Close,Volume`. A file is read whole or rejected whole: the first bad row
 * throws an InputError `FILE:LINE: reason` (line 1 is the header).
 */
import path from 'node:path'
import {InputError} from '../errors.js'
import type {Rounding} from '../store/merge.js'
import {normalizeSymbol} from '../store/symbols.js'
import type {Bar} from '../types.js'
import {splitCsvLine} from './csv-line.js'
import {addDays, isIsoDate, todayIso} from './dates.js'

type Field = 'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume'
const VALUE_FIELDS: readonly Exclude<Field, 'date'>[] = ['open', 'high', 'low', 'close', 'adjClose', 'volume']
const PRICE_FIELDS: readonly Exclude<Field, 'date' | 'volume'>[] = ['open', 'high', 'low', 'close', 'adjClose']

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

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** Symbol from a file name: `NVDA.csv` -> `NVDA`, `^GSPC.csv` -> `GSPC`. */
export function symbolFromFile(file: string): string {
  return normalizeSymbol(path.basename(file).replace(/\.csv$/i, ''))
}

/**
 * The date of a date cell. yfinance's `to_csv` writes `2020-01-02 00:00:00-05:00`: the date part is already the
 * exchange-local trading date, so a time and offset after it are dropped.
 */
function dateCell(cell: string): string {
  return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(cell)
    ? cell.slice(0, 10)
    : cell
}

/** Decimals a number cell is written with, exponent included (`1.25` 2, `1.5e-3` 4, `12e2` 0). */
function decimalsOf(cell: string): number {
  const m = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(cell)
  if (!m) return 0
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0))
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
 * Parses a price CSV. `file` names the file in error messages. Throws InputError `FILE:LINE: reason` on a
 * missing or unknown header, a wrong number of fields, an unparseable date or number, a duplicate date,
 * a price <= 0 or a negative volume, and (unless allowExtreme) a price outside 1e-6..1e9 or a date outside
 * 1900-01-01..tomorrow.
 */
export function parsePriceCsv(text: string, file: string, opts: ParseOptions = {}): ParsedCsv {
  const name = file
  const lastDate = addDays(opts.today ?? todayIso(), 1)
  const decimals: Partial<Record<Exclude<Field, 'date'>, number>> = {}
  const fail = (line: number, reason: string): never => {
    throw new InputError(`${name}:${line}: ${reason}`)
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  if (lines.length === 0) fail(1, `empty file; expected the header ${EXPECTED_HEADER}`)

  const {header, column} = readHeader(lines[0], fail)

  const bars: Bar[] = []
  const seen = new Map<string, number>()
  let skipped = 0
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1
    const raw = lines[i]
    if (raw.trim() === '') fail(lineNo, 'empty line inside the data')
    const cells = splitCsvLine(raw).map((c) => c.trim())
    if (cells.length !== header.length)
      fail(lineNo, `expected ${header.length} fields as in the header, found ${cells.length}`)

    const date = dateCell(cells[column.get('date')!])
    if (!isIsoDate(date)) fail(lineNo, `unparseable date "${cells[column.get('date')!]}" (expected YYYY-MM-DD)`)
    if (!opts.allowExtreme && (date < FIRST_PLAUSIBLE_DATE || date > lastDate))
      fail(lineNo, `date ${date} is outside ${FIRST_PLAUSIBLE_DATE}..${lastDate}; fix it, or pass --allow-extreme`)
    const prev = seen.get(date)
    if (prev !== undefined) fail(lineNo, `duplicate date ${date} (also on line ${prev})`)
    seen.set(date, lineNo)

    const bar: Bar = {date, open: null, high: null, low: null, close: null, adjClose: null, volume: null}
    for (const f of VALUE_FIELDS) {
      const idx = column.get(f)
      if (idx === undefined) continue
      const cell = cells[idx]
      if (cell === '' || cell.toLowerCase() === 'null') continue
      if (!NUMBER.test(cell)) fail(lineNo, `unparseable number "${cell}" in column ${header[idx]}`)
      const v = Number(cell)
      if (!Number.isFinite(v)) fail(lineNo, `number out of range "${cell}" in column ${header[idx]}`)
      if (f === 'volume' ? v < 0 : v <= 0) {
        fail(lineNo, `${f === 'volume' ? 'negative volume' : 'non-positive price'} ${cell} in column ${header[idx]}`)
      }
      if (f !== 'volume' && !opts.allowExtreme && (v < PRICE_LIMITS.min || v > PRICE_LIMITS.max)) {
        fail(
          lineNo,
          `price ${cell} in column ${header[idx]} is outside ${PRICE_LIMITS.min}..${PRICE_LIMITS.max}; fix it, or pass --allow-extreme if it is real`,
        )
      }
      decimals[f] = Math.max(decimals[f] ?? 0, decimalsOf(cell))
      bar[f] = v
    }
    if (VALUE_FIELDS.every((f) => bar[f] === null)) {
      skipped++
      continue
    }
    if (PRICE_FIELDS.every((f) => bar[f] === null)) fail(lineNo, 'a row with a volume but no price')
    bars.push(bar)
  }
  bars.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const rounding: Rounding = {}
  for (const [f, d] of Object.entries(decimals)) rounding[f as Exclude<Field, 'date'>] = 0.5 / 10 ** d
  return {bars, skipped, rounding}
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
