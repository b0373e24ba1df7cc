import {escapeControl} from '../errors.js'
import {fitTable} from '../render/fit-table.js'

export type Cell = string | number | null | undefined

/**
 * The plain table every data command prints: a header row and bordered cells, no colour, fitted to `width`
 * columns when given. Cells are shown as given (null and undefined as empty), with control characters escaped:
 * file names and CSV text reach it.
 */
export function plainTable(head: readonly string[], rows: ReadonlyArray<readonly Cell[]>, width?: number): string {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : escapeControl(String(c)))))
  return fitTable({head: [...head], rows: cells, style: {head: [], border: []}}, width)
}
