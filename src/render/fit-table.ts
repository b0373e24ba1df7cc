/**
 * A table drawn with cli-table3 to fit a terminal's width: as it is when it fits; else with its cells wrapped
 * (long labels over several lines, date ranges broken after `..`), the widest columns narrowed first; and when
 * even the narrowest wrapping does not fit, as a vertical list: one block per row of `label: value` lines.
 */
import Table from 'cli-table3'
import type {Align} from './grid.js'
import {blockWidth, narrowest, wrapLine, wrapText} from './text-width.js'

export interface DrawnTable {
  head: string[]
  rows: string[][]
  align?: Align[]
  /** Wrap width per column (the model's), null for none. */
  wrap?: Array<number | null>
  /** cli-table3's style (colour, compact). */
  style?: Record<string, unknown>
  /** Transposed: each column is one thing (a window), each row one measure; blocks then go per column. */
  transposed?: boolean
}

/** cli-table3 columns: each has a space of padding either side and one border. */
function tableWidth(widths: readonly number[]): number {
  return widths.reduce((a, w) => a + w + 3, 1)
}

/** Draws the table; with widths, cli-table3 wraps the cells (wordWrap) or, already wrapped, only sizes them. */
function draw(t: DrawnTable, widths?: Array<number | null>, wordWrap = true): string {
  const table = new Table({
    head: t.head,
    ...(t.align ? {colAligns: t.align} : {}),
    // cli-table3 widths include one space of padding each side
    ...(widths ? {wordWrap, colWidths: widths.map((w) => (w === null ? null : w + 2))} : {}),
    ...(t.style ? {style: t.style} : {}),
  })
  for (const r of t.rows) table.push(r)
  return table.toString()
}

/** The table as today: the model's wrap widths, no limit. */
function drawWhole(t: DrawnTable): string {
  return draw(t, t.wrap?.some((w) => w !== null) ? t.wrap : undefined)
}

/** Column widths within `room` columns of content, narrowing the widest first; null when they cannot fit. */
export function fitWidths(natural: readonly number[], least: readonly number[], room: number): number[] | null {
  if (least.reduce((a, b) => a + b, 0) > room) return null
  const w = [...natural]
  let total = w.reduce((a, b) => a + b, 0)
  while (total > room) {
    let j = -1
    for (let i = 0; i < w.length; i++) if (w[i] > least[i] && (j === -1 || w[i] > w[j])) j = i
    w[j]--
    total--
  }
  return w
}

/**
 * Column widths for cells already wrapped: what each column uses, then the columns left room given to those
 * that wrapped (left first, up to their natural width), so a wrapped label gets back what a narrowed column
 * did not use.
 */
function spread(t: DrawnTable, natural: readonly number[], room: number): number[] {
  const used = natural.map((_, j) => Math.max(1, blockWidth(t.head[j]), ...t.rows.map((r) => blockWidth(r[j] ?? ''))))
  let slack = room - used.reduce((a, b) => a + b, 0)
  for (let j = 0; j < used.length && slack > 0; j++) {
    const more = Math.min(slack, natural[j] - used[j])
    if (more > 0) {
      used[j] += more
      slack -= more
    }
  }
  return used
}

/** One block per row (per column when transposed): `label: value` lines, wrapped at the width. */
export function verticalTable(t: DrawnTable, width: number): string {
  const flat = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim()
  const blocks: string[][] = []
  if (t.transposed) {
    for (let j = 1; j < t.head.length; j++)
      blocks.push([flat(t.head[j]), ...t.rows.map((r) => `  ${flat(r[0])}: ${flat(r[j])}`)])
  } else {
    for (const r of t.rows) {
      // A member's label is indented under its group's: its block keeps that indentation.
      const lead = /^ */.exec(r[0])?.[0] ?? ''
      const title = t.head[0] ? `${flat(t.head[0])}: ${flat(r[0])}` : `${lead}${flat(r[0])}`
      const lines = r.slice(1).map((v, i) => (flat(v) === '' ? '' : `${lead}  ${flat(t.head[i + 1])}: ${flat(v)}`))
      blocks.push([title, ...lines.filter((l) => l !== '')])
    }
  }
  return blocks.map((b) => b.flatMap((l) => wrapLine(l, width, 4)).join('\n')).join('\n')
}

/** The table drawn within `width` columns (undefined: no limit, drawn as it is). */
export function fitTable(t: DrawnTable, width?: number): string {
  const whole = drawWhole(t)
  if (width === undefined || !Number.isFinite(width) || blockWidth(whole) <= width) return whole
  const n = t.head.length
  const cells = (j: number): string[] => [t.head[j], ...t.rows.map((r) => r[j] ?? '')]
  const natural = Array.from({length: n}, (_, j) => t.wrap?.[j] ?? Math.max(1, ...cells(j).map(blockWidth)))
  const least = Array.from({length: n}, (_, j) => Math.min(natural[j], Math.max(1, ...cells(j).map(narrowest))))
  const room = width - tableWidth(new Array(n).fill(0))
  const widths = fitWidths(natural, least, room)
  if (widths) {
    const wrapped = (w: readonly number[]): DrawnTable => {
      const wrapCell = (s: string, j: number): string => wrapText(s, w[j], 0)
      return {...t, head: t.head.map(wrapCell), rows: t.rows.map((r) => r.map(wrapCell))}
    }
    const wider = spread(wrapped(widths), natural, room)
    const drawn = draw(wrapped(wider), wider, false)
    if (blockWidth(drawn) <= width) return drawn
  }
  return verticalTable(t, width)
}
