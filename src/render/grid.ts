/**
 * A table of the section model as a grid of strings: the cells formatted by their column type, stars from the
 * cell's p (the one rule of report/significance.ts), a 'columns' layout turned so each row becomes a column.
 * The terminal, Markdown and HTML renderers draw this grid.
 */
import {
  fmtDay,
  fmtInteger,
  fmtNumber,
  fmtPercent,
  fmtSignedPercent,
  fmtUsd,
  fmtWindow,
  MISSING,
} from '../report/format.js'
import {type Column, type ColumnType, isWindow, NUMERIC_TYPES, type Row, shown, type Table} from '../report/model.js'
import {stars} from '../report/significance.js'

export type Align = 'left' | 'right'

export interface Grid {
  head: string[]
  rows: string[][]
  align: Align[]
  /** Wrap width per column, null for none. */
  wrap: Array<number | null>
}

function typeOf(c: Column, row: Row): ColumnType {
  const t = c.typeFrom ? row[c.typeFrom] : undefined
  return typeof t === 'string' ? (t as ColumnType) : c.type
}

function numberText(type: ColumnType, x: number | null, digits: number | undefined): string {
  switch (type) {
    case 'integer':
      return fmtInteger(x)
    case 'percent':
      return fmtSignedPercent(x, digits ?? 2)
    case 'share':
      return fmtPercent(x, digits ?? 0)
    case 'money':
      return fmtUsd(x)
    case 'p-value':
      return fmtNumber(x, digits ?? 3)
    case 'day':
      return x === null || !Number.isFinite(x) ? MISSING : fmtDay(x)
    default:
      return fmtNumber(x, digits ?? 2)
  }
}

/** One cell as text: MISSING for a number that does not exist, empty for absent text. */
export function cellText(c: Column, row: Row): string {
  const v = row[c.key]
  const type = typeOf(c, row)
  let s: string
  if (type === 'window') s = isWindow(v) ? fmtWindow(v) : MISSING
  else if (type === 'boolean') s = typeof v === 'boolean' ? (c.words ?? ['yes', 'no'])[v ? 0 : 1] : MISSING
  else if (NUMERIC_TYPES.has(type)) s = numberText(type, typeof v === 'number' ? v : null, c.digits)
  else s = v === null || v === undefined ? '' : String(v)
  if (c.unsigned) s = s.replace(/^[+-]/, '')
  if (c.p && s !== MISSING) s += stars(row[c.p] as number | null | undefined)
  return s
}

/** The drawn grid of a table (hidden columns left out). */
export function toGrid(t: Table): Grid {
  const cols = t.columns.filter(shown)
  if (t.layout === 'columns' && cols.length > 0) {
    const [head, ...rest] = cols
    const sub = rest.filter((c) => c.subhead)
    const headCell = (r: Row): string =>
      [head, ...sub]
        .map((c) => cellText(c, r))
        .filter((x) => x !== '')
        .join('\n')
    const body = rest.filter((c) => !c.subhead)
    return {
      head: ['', ...t.rows.map(headCell)],
      rows: body.map((c) => [c.label, ...t.rows.map((r) => cellText(c, r))]),
      align: ['left', ...t.rows.map((): Align => 'right')],
      wrap: ['left', ...t.rows].map(() => null),
    }
  }
  return {
    head: cols.map((c) => c.label),
    rows: t.rows.map((r) => cols.map((c) => cellText(c, r))),
    align: cols.map((c): Align => (NUMERIC_TYPES.has(c.type) || c.typeFrom ? 'right' : 'left')),
    wrap: cols.map((c) => c.wrap ?? null),
  }
}
