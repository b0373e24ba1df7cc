/**
 * CSV renderings of the section model at the full level (docs/report.md, "CSV").
 * Long format (`study run --csv`): one line per table row and measure, columns LONG_COLUMNS; `value` holds
 * numbers only (empty otherwise), `text` everything else (text, dates, windows, true/false), so a reader
 * such as DuckDB types `value` as a number. Tidy form: one CSV per table, each column one type.
 * Numbers are written at full precision; a value that does not exist is an empty field; windows "t1..t2".
 */
import {indexLevelsSection} from '../report/index-levels.js'
import {
  type Cell,
  type Column,
  type Dimension,
  isWindow,
  NUMERIC_TYPES,
  type Section,
  type Table,
  written,
} from '../report/model.js'
import {studySections} from '../report/sections.js'
import type {IndexResult, StudyResult} from '../result.js'
import {csvField, csvWindow} from './csv-field.js'

export const LONG_COLUMNS = [
  'section',
  'group',
  'symbol',
  'event',
  'window',
  't',
  'date',
  'measure',
  'value',
  'text',
] as const

/** One line of the long CSV. */
export type LongRow = {section: string; measure: string; value: number | null; text: string | null} & Partial<
  Record<Dimension, string | number | null>
>

/** A cell as a CSV field's content: numbers stay numbers, windows "t1..t2", booleans true/false. */
function plain(c: Cell | undefined): string | number | null {
  if (c === null || c === undefined) return null
  if (isWindow(c)) return csvWindow(c)
  if (typeof c === 'boolean') return c ? 'true' : 'false'
  return c as string | number
}

/** The long rows of the sections' tables, in table, row and column order. */
export function longRows(sections: readonly Section[]): LongRow[] {
  return [...eachLongRow(sections)]
}

/** longRows one at a time: a list study's millions of rows are written as they are made, never held. */
function* eachLongRow(sections: readonly Section[]): Generator<LongRow> {
  for (const t of sections.flatMap((s) => s.tables)) {
    const cols = t.columns.filter(written)
    const dims = cols.filter((c) => c.dim !== undefined)
    const measures = cols.filter((c) => c.dim === undefined && c.key !== t.measurePrefix)
    for (const row of t.rows) {
      const base: Partial<Record<Dimension, string | number | null>> = {}
      for (const c of dims) base[c.dim as Dimension] = plain(row[c.key])
      const prefix = t.measurePrefix ? `${row[t.measurePrefix]}:` : ''
      for (const c of measures) {
        const v = row[c.key]
        if (v === undefined) continue
        // The row's dimensions, a column's own (`at`, rare) over them; every key written out, none spread per cell.
        const d = c.at ? {...base, ...c.at} : base
        const numeric = isNumeric(c)
        yield {
          section: t.id,
          group: d.group,
          symbol: d.symbol,
          event: d.event,
          window: d.window,
          t: d.t,
          date: d.date,
          measure: prefix + (c.measure ?? c.key),
          value: numeric ? (typeof v === 'number' && Number.isFinite(v) ? v : null) : null,
          text: numeric ? null : textOf(v),
        }
      }
    }
  }
}

/** Whether a column's cells go in `value` (numbers) rather than `text`. */
const isNumeric = (c: Column): boolean => NUMERIC_TYPES.has(c.type) || Boolean(c.typeFrom)

/** A text cell's `text`: its plain form as a string, null when empty. */
function textOf(v: Cell): string | null {
  const p = plain(v)
  return p === null ? null : String(p)
}

/** The lines of the long CSV of `rows` (the header first), each ending in '\n'. */
function* longCsvLines(rows: Iterable<LongRow>): Generator<string> {
  yield `${LONG_COLUMNS.join(',')}\n`
  // The fields in LONG_COLUMNS' order, written out: a map and join per line is a third of the time.
  for (const r of rows)
    yield `${csvField(r.section)},${csvField(r.group)},${csvField(r.symbol)},${csvField(r.event)},${csvField(r.window)},${csvField(r.t)},${csvField(r.date)},${csvField(r.measure)},${csvField(r.value)},${csvField(r.text)}\n`
}

/** CSV text of long rows, with the header line. */
export function csvText(rows: readonly LongRow[]): string {
  return [...longCsvLines(rows)].join('')
}

/**
 * The lines of a study result's long CSV (`study run --csv`), made one at a time: the command writes them as they
 * come (a list study of 20,000 events is some 2.5 M lines, 150 MB), so memory does not grow with the output.
 */
export function studyCsvLines(result: StudyResult): Generator<string> {
  return longCsvLines(eachLongRow(studySections(result, 'full')))
}

/** The long CSV of a study result (`study run --csv`): every section at the full level. */
export function renderStudyCsv(result: StudyResult): string {
  return [...studyCsvLines(result)].join('')
}

/** The long rows of an index alone (`aftershock index --csv`): the as-of table and the daily series. */
export function indexCsvRows(index: IndexResult): LongRow[] {
  return longRows([indexLevelsSection(index, 'full')])
}

/** The lines of one table's tidy CSV (a header of column keys, then a line per row), each ending in '\n'. */
export function* tableCsvLines(t: Table): Generator<string> {
  const cols = t.columns.filter(written)
  yield `${cols.map((c) => csvField(c.key)).join(',')}\n`
  for (const r of t.rows) yield `${cols.map((c) => csvField(plain(r[c.key]))).join(',')}\n`
}

/** The tidy form: one CSV per table (keyed by table id), a header of column keys, each column one type. */
export function renderCsvTables(sections: readonly Section[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const t of sections.flatMap((s) => s.tables)) out.set(t.id, [...tableCsvLines(t)].join(''))
  return out
}

/** The SQL type of a column of the tidy CSVs (what DuckDB, SQLite or pandas should read it as). */
export function sqlType(c: Column): 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'DATE' | 'BOOLEAN' {
  if (c.type === 'integer' || c.type === 'day') return 'BIGINT'
  if (NUMERIC_TYPES.has(c.type) || c.typeFrom) return 'DOUBLE'
  if (c.type === 'date') return 'DATE'
  if (c.type === 'boolean') return 'BOOLEAN'
  return 'VARCHAR'
}

/** The file of `--csv-dir` naming every column's type: table,column,type (a column with no value reads as text). */
export const COLUMNS_FILE = '_columns.csv'

/** The lines of COLUMNS_FILE for the tables. */
export function* columnTypeLines(tables: readonly Table[]): Generator<string> {
  yield 'table,column,type\n'
  for (const t of tables) {
    for (const c of t.columns.filter(written)) yield `${csvField(t.id)},${csvField(c.key)},${sqlType(c)}\n`
  }
}
