/**
 * Kenneth French's daily factor files (Fama-French 3 and 5 factors, momentum), as his data library publishes
 * them, and their clean CSV copies (`date,mkt_rf,smb,hml,rf`). French's layout: a description header whose
 * first line names the CRSP vintage, a header row with an empty (or `Date`) first cell, `YYYYMMDD` rows in
 * percent per day, a blank line, then perhaps the monthly and annual tables and a copyright footer. Only the
 * daily table is read. Values stay in percent per day as published; the models divide by 100. A file is read
 * whole or rejected whole: the first bad line throws InputError `FILE:LINE: reason`.
 */
import path from 'node:path'
import {InputError} from '../errors.js'
import type {FactorColumn, FactorSetInput} from '../store/factors.js'
import {splitCsvLine} from './csv-line.js'
import {isIsoDate} from './dates.js'

/** French's file names (lower-case, without `.csv`) and the clean copies' names, to the set each one holds. */
const SET_OF_FILE: Record<string, string> = {
  'f-f_research_data_factors_daily': 'ff3',
  'f-f_research_data_5_factors_2x3_daily': 'ff5',
  'f-f_momentum_factor_daily': 'mom',
  'ff3-daily': 'ff3',
  'ff5-daily': 'ff5',
  'mom-daily': 'mom',
}

/** French's column names, keyed by the stable key the store uses. */
export const FRENCH_NAMES: Readonly<Record<string, string>> = {
  mkt_rf: 'Mkt-RF',
  smb: 'SMB',
  hml: 'HML',
  rmw: 'RMW',
  cma: 'CMA',
  rf: 'RF',
  mom: 'Mom',
}

/** Missing-value codes French writes in place of a number. */
export const MISSING_CODES: readonly number[] = [-99.99, -999]

const SET_NAME = /^[a-z][a-z0-9_-]{0,31}$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const VINTAGE = /\b(\d{6}) CRSP database\b/

/** A parsed daily factor file, ready for the store. */
export interface FactorFile extends FactorSetInput {
  /** Cells holding a missing-value code (-99.99 or -999), stored as missing. */
  missing: number
  /** Line where the daily table ended when tables (monthly, annual) follow it; null when none do. */
  ignoredFrom: number | null
}

/** True for a valid set name: lower-case letters, digits, `_` and `-`, starting with a letter. */
export function isFactorSetName(name: string): boolean {
  return SET_NAME.test(name)
}

/** The set a file holds, from its name (`F-F_Research_Data_Factors_daily.CSV` -> `ff3`), or null. */
export function setFromFile(file: string): string | null {
  const base = path
    .basename(file)
    .replace(/\.csv$/i, '')
    .toLowerCase()
  return SET_OF_FILE[base] ?? null
}

/** The stable key of a column name: `Mkt-RF` -> `mkt_rf`, `Mom` -> `mom`. */
export function columnKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** A daily date cell, `YYYYMMDD` or `YYYY-MM-DD`, as an ISO date; null when it is neither. */
export function dailyDate(cell: string): string | null {
  const iso = /^\d{8}$/.test(cell) ? `${cell.slice(0, 4)}-${cell.slice(4, 6)}-${cell.slice(6, 8)}` : cell
  return isIsoDate(iso) ? iso : null
}

/** True for a blank line, or one of only commas and spaces (a spreadsheet's empty row). */
function isBlank(line: string): boolean {
  return /^[\s,]*$/.test(line)
}

/** The header: its first cell empty or `date`, then at least one named column. */
function isHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && /^(date)?$/i.test(cells[0].trim()) && cells.slice(1).every((c) => c.trim() !== '')
}

/** The columns of a header, each with its key and French's name; a repeated or unnamable column fails. */
function readColumns(cells: readonly string[], fail: (reason: string) => never): FactorColumn[] {
  const columns: FactorColumn[] = []
  for (const cell of cells.slice(1)) {
    const written = cell.trim()
    const key = columnKey(written)
    if (key === '') fail(`column "${written}" has no letters or digits to name it by`)
    if (columns.some((c) => c.key === key)) fail(`column "${written}" appears twice in the header; keep one`)
    columns.push({key, name: FRENCH_NAMES[key] ?? written})
  }
  return columns
}

/**
 * Parses a daily factor file. `file` names it in messages and gives the set unless `set` is given. Throws
 * InputError `FILE:LINE: reason` for: no header, a row whose first cell is not a daily date, a wrong number
 * of cells, a cell that is not a number, dates not strictly ascending, a daily row after the daily table has
 * ended, and a file without daily rows.
 */
export function parseFactorFile(text: string, file: string, set?: string): FactorFile {
  const name = set ?? setFromFile(file)
  if (name === null)
    throw new InputError(
      `${file}: cannot tell the factor set from the file name (French's F-F_Research_Data_Factors_daily, F-F_Research_Data_5_Factors_2x3_daily, F-F_Momentum_Factor_daily, or ff3-daily.csv ...); give --set NAME`,
    )
  if (!isFactorSetName(name))
    throw new InputError(`--set "${name}": a set name is lower-case letters, digits, _ and -, starting with a letter`)
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const fail = (line: number, reason: string): never => {
    throw new InputError(`${file}:${line}: ${reason}`)
  }
  let vintageLine: string | null = null
  let h = 0
  for (; h < lines.length; h++) {
    if (vintageLine === null && VINTAGE.test(lines[h])) vintageLine = lines[h].trim()
    if (isHeader(splitCsvLine(lines[h]))) break
  }
  if (h === lines.length)
    fail(1, 'no header row: expected a line like ",Mkt-RF,SMB,HML,RF" (French) or "date,mkt_rf,smb,hml,rf"')
  const columns = readColumns(splitCsvLine(lines[h]), (reason) => fail(h + 1, reason))
  const body = readDailyRows(lines, h + 1, columns.length, fail)
  if (body.dates.length === 0) fail(h + 2, 'no daily rows after the header (YYYYMMDD or YYYY-MM-DD dates)')
  return {
    name,
    source: path.basename(file),
    columns,
    dates: body.dates,
    values: body.values,
    vintage: vintageLine === null ? null : (VINTAGE.exec(vintageLine)?.[1] ?? null),
    vintageLine,
    missing: body.missing,
    ignoredFrom: body.ignoredFrom,
  }
}

interface DailyRows {
  dates: string[]
  /** Row-major: values[i][j] is column j on dates[i]; null is missing. */
  values: Array<Array<number | null>>
  missing: number
  ignoredFrom: number | null
}

/** The daily table from line index `start` up to the first blank line; what follows may hold no daily rows. */
function readDailyRows(
  lines: readonly string[],
  start: number,
  width: number,
  fail: (line: number, reason: string) => never,
): DailyRows {
  const out: DailyRows = {dates: [], values: [], missing: 0, ignoredFrom: null}
  let i = start
  for (; i < lines.length && !isBlank(lines[i]); i++) {
    const cells = splitCsvLine(lines[i]).map((c) => c.trim())
    const date = dailyDate(cells[0])
    if (date === null) fail(i + 1, `"${cells[0].slice(0, 40)}" is not a daily date (YYYYMMDD or YYYY-MM-DD)`)
    const prev = out.dates[out.dates.length - 1]
    if (prev !== undefined && date <= prev)
      fail(i + 1, date === prev ? `date ${date} appears twice` : `date ${date} comes after ${prev}; dates must ascend`)
    if (cells.length !== width + 1) fail(i + 1, `${cells.length} cells, expected ${width + 1} (date and ${width})`)
    const row = cells.slice(1).map((cell, j) => {
      if (!NUMBER.test(cell)) fail(i + 1, `column ${j + 2}: "${cell.slice(0, 40)}" is not a number`)
      const v = Number(cell)
      if (MISSING_CODES.includes(v)) {
        out.missing++
        return null
      }
      return v
    })
    out.dates.push(date as string)
    out.values.push(row)
  }
  for (let k = i; k < lines.length; k++) {
    const first = splitCsvLine(lines[k])[0].trim()
    if (/^\d{8}$|^\d{4}-\d{2}-\d{2}$/.test(first) && dailyDate(first) !== null)
      fail(k + 1, `a daily row after the daily table ended at line ${i + 1}; remove the blank line that splits it`)
    if (out.ignoredFrom === null && !isBlank(lines[k]) && !/copyright/i.test(lines[k])) out.ignoredFrom = k + 1
  }
  return out
}
