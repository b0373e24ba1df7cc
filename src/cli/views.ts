/** Text views of the data commands' results: the plain tables they print on a terminal. */
import type {
  CacheInfoResult,
  FactorsInfoResult,
  FactorsResult,
  FetchResult,
  ImportResult,
  PricesResult,
  StudyListResult,
} from './results.js'
import {type Cell, plainTable} from './table.js'

export function fetchTable({results}: FetchResult, width?: number): string {
  return plainTable(
    ['symbol', 'status', 'added', 'from', 'to', 'rows', 'note'],
    results.map((r) => [r.symbol, r.ok ? 'ok' : 'FAILED', r.added, r.from, r.to, r.rows, r.ok ? r.note : r.error]),
    width,
  )
}

export function importTable({results}: ImportResult, width?: number): string {
  return plainTable(
    ['symbol', 'status', 'rows', 'from', 'to', 'file'],
    results.map((r) => [r.symbol, r.ok ? 'ok' : 'REJECTED', r.rows, r.from, r.to, r.file]),
    width,
  )
}

export function pricesTable({rows}: PricesResult, width?: number): string {
  const n = (v: number | null): string => (v === null ? '' : v.toFixed(4))
  return plainTable(
    ['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume'],
    rows.map((r) => [r.date, n(r.open), n(r.high), n(r.low), n(r.close), n(r.adjClose), r.volume]),
    width,
  )
}

/** "last written": the time of the last import or fetch that wrote bars of the symbol. */
export function cacheInfoTable({securities}: CacheInfoResult, width?: number): string {
  return plainTable(
    ['symbol', 'first', 'last', 'rows', 'source', 'last written'],
    securities.map((s) => [s.symbol, s.firstDate, s.lastDate, s.rows, s.source, s.lastFetch]),
    width,
  )
}

export function studyListTable({studies}: StudyListResult, width?: number): string {
  return plainTable(
    ['name', 'title', 'events', 'groups', 'securities'],
    studies.map((s) =>
      s.error ? [s.name, `INVALID: ${s.error}`, '', '', ''] : [s.name, s.title, s.events, s.groups, s.securities],
    ),
    width,
  )
}

/** The cells both factor tables open with: set, column keys, first and last date, rows, vintage. */
function factorSetCells(
  name: string,
  s: {columns: ReadonlyArray<{key: string}>; firstDate: string; lastDate: string; rows: number; vintage: string | null},
): Cell[] {
  return [name, s.columns.map((c) => c.key).join(' '), s.firstDate, s.lastDate, s.rows, s.vintage]
}

/** The sets `factors import` or `factors fetch` wrote; "revised" counts stored values the new file changed. */
export function factorsTable({results}: FactorsResult, width?: number): string {
  return plainTable(
    ['set', 'columns', 'first', 'last', 'rows', 'vintage', 'revised', 'source'],
    results.map((r) => [...factorSetCells(r.set, r), r.replaced ? r.changed : '', r.source]),
    width,
  )
}

export function factorsInfoTable({sets}: FactorsInfoResult, width?: number): string {
  return plainTable(
    ['set', 'columns', 'first', 'last', 'rows', 'vintage', 'source', 'last written'],
    sets.map((s) => [...factorSetCells(s.name, s), s.source, s.writtenAt]),
    width,
  )
}
