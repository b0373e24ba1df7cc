import Table from 'cli-table3'
import {escapeControl} from '../errors.js'

export type Cell = string | number | null | undefined

/**
 * The plain table every data command prints: a header row and bordered cells, no colour. Cells are shown as
 * given (null and undefined as empty), with control characters escaped: file names and CSV text reach it.
 */
export function plainTable(head: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const table = new Table({head: [...head], style: {head: [], border: []}})
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '' : escapeControl(String(c)))))
  return table.toString()
}
