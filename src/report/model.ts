/**
 * The section model: what a study summary shows, for every renderer (terminal, Markdown, HTML, CSV).
 * A section has tables; a table has typed columns and rows of raw values (numbers stay numbers); a cell's
 * significance is the p-value in another cell of its row, so stars come from one rule (significance.ts).
 */

/** How a column's values are typed and drawn. */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'number'
  /** A return as a signed percent: +1.23%. */
  | 'percent'
  /** A share or ratio as an unsigned percent: 50%. */
  | 'share'
  /** US dollars. */
  | 'money'
  /** A test statistic; stars from the row's p cell named by Column.p. */
  | 'stat'
  | 'p-value'
  | 'date'
  /** A relative-day window [t1, t2]. */
  | 'window'
  /** A relative day: -1, 0, +3. */
  | 'day'
  | 'boolean'

/** Types whose values are numbers (drawn right-aligned; the CSV's value column). */
export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set([
  'integer',
  'number',
  'percent',
  'share',
  'money',
  'stat',
  'p-value',
  'day',
])

/** Dimensions of the long CSV: a column filling one identifies its row rather than being a measure. */
export const DIMENSIONS = ['group', 'symbol', 'event', 'window', 't', 'date'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export type Cell = string | number | boolean | null | readonly [number, number]
export type Row = Record<string, Cell | undefined>

export interface Column {
  key: string
  label: string
  type: ColumnType
  /** Decimals of number, percent and stat columns. */
  digits?: number
  /** Key of the cell holding the p-value whose stars this cell carries. */
  p?: string
  /** Key of a cell naming this row's ColumnType (a claim's unit depends on its metric). */
  typeFrom?: string
  /** Words for true and false of a boolean column (default yes / no). */
  words?: readonly [string, string]
  /** Data for the CSV only: the human renderers leave the column out. */
  hidden?: boolean
  /** For the human renderers only: the CSV leaves the column out (a label, a layout aid). */
  display?: boolean
  /** 'columns' layout: drawn as a second header line under the first column's value (a window's dates). */
  subhead?: boolean
  /** Long text: wrap at about this many characters where the renderer can (the terminal). */
  wrap?: number
  /** Drawn without a sign (a tolerance): "+0.10%" -> "0.10%". */
  unsigned?: boolean
  /** Long CSV: the dimension this column fills instead of being a measure. */
  dim?: Dimension
  /** Long CSV: the measure name when not the key. */
  measure?: string
  /** Long CSV: fixed dimension values of this column's measure (e.g. {event: 'crash'}). */
  at?: Partial<Record<Dimension, string>>
}

export interface Table {
  /** Unique in a study's sections; the section name of the long CSV and the file name of the tidy CSVs. */
  id: string
  caption?: string
  columns: Column[]
  rows: Row[]
  /** 'columns': each row drawn as a column (e.g. windows across, CAAR and tests down), headed by the first column. */
  layout?: 'rows' | 'columns'
  /** Long CSV: measure names are prefixed with this cell's value and ':' (rows without another identifier). */
  measurePrefix?: string
  /** Lines under the table. */
  notes?: string[]
}

export interface Section {
  id: string
  title: string
  /** One short paragraph saying how to read the tables. */
  intro?: string
  tables: Table[]
  /** Lines after the tables (notes of the result, lists). */
  notes?: string[]
}

/** Summary: what a reader scans (terminal, Markdown, HTML). Full: every row (CSV). */
export type Level = 'summary' | 'full'

/** Whether a cell is a relative-day window. */
export function isWindow(c: Cell | undefined): c is readonly [number, number] {
  return Array.isArray(c) && c.length === 2
}

/** A column; `extra` sets the optional fields. */
export function col(key: string, label: string, type: ColumnType, extra: Partial<Column> = {}): Column {
  return {key, label, type, ...extra}
}

/** The key columns the sections share, one label each: group, event, window and security; `extra` as for col. */
export const keyColumn = {
  group: (extra: Partial<Column> = {}): Column => col('group', 'Group', 'text', {dim: 'group', ...extra}),
  event: (extra: Partial<Column> = {}): Column => col('event', 'Event', 'text', {dim: 'event', ...extra}),
  window: (extra: Partial<Column> = {}): Column => col('window', 'Window', 'window', {dim: 'window', ...extra}),
  symbol: (extra: Partial<Column> = {}): Column => col('symbol', 'Security', 'text', {dim: 'symbol', ...extra}),
}

/** Whether the human renderers draw a column. */
export function shown(c: Column): boolean {
  return c.hidden !== true
}

/** Whether the CSV writes a column. */
export function written(c: Column): boolean {
  return c.display !== true
}
