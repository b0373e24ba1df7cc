/**
 * The terminal rendering of the section model (cli-table3): the `study run` summary and the `index` table.
 * Pure: the same result gives the same string; colour only when asked for.
 */
import {indexLevelsSection} from '../report/index-levels.js'
import type {Section, Table as ModelTable} from '../report/model.js'
import {studySections} from '../report/sections.js'
import type {IndexResult, StudyResult} from '../result.js'
import {fitTable} from './fit-table.js'
import {toGrid} from './grid.js'
import {wrapText} from './text-width.js'

export interface StudyTableOptions {
  /** Colour table headers (callers pass useColor(process.stdout)). Default false. */
  color?: boolean
  /** Columns of the terminal: tables and text are fitted to it. Default: no limit. */
  width?: number
}

/** Whether to colour output on a stream: never with NO_COLOR set, never when not a TTY. */
export function useColor(stream: {isTTY?: boolean} = process.stdout): boolean {
  return !process.env.NO_COLOR && stream.isTTY === true
}

function heading(text: string, width?: number): string {
  const lines = wrapText(text, width, 0)
  return `\n${lines}\n${'='.repeat(Math.max(...lines.split('\n').map((l) => l.length)))}`
}

/**
 * One table drawn with cli-table3; compact (no rule between rows), so long tables stay readable. Fitted to
 * `width` (wrapped cells, else one block per row); caption and notes wrapped at it.
 */
export function terminalTable(t: ModelTable, color = false, width?: number): string {
  const lines: string[] = []
  if (t.caption) lines.push(wrapText(t.caption, width))
  if (t.rows.length > 0) {
    const g = toGrid(t)
    const style = {head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true}
    lines.push(fitTable({...g, style, transposed: t.layout === 'columns'}, width))
  }
  for (const n of t.notes ?? []) lines.push(wrapText(`  ${n}`, width))
  return lines.join('\n')
}

/** A section without its heading: intro, tables, notes (wrapped at `width`). */
export function terminalSectionBody(s: Section, color = false, width?: number): string {
  const out: string[] = []
  if (s.intro) out.push(wrapText(s.intro, width))
  for (const t of s.tables) {
    const drawn = terminalTable(t, color, width)
    out.push(t.caption && out.length > 0 ? `\n${drawn}` : drawn)
  }
  for (const n of s.notes ?? []) out.push(wrapText(s.tables.length === 0 ? `  - ${n}` : `  ${n}`, width))
  return out.join('\n')
}

/** Renders the whole result as text tables. */
export function renderStudyTable(result: StudyResult, opts: StudyTableOptions = {}): string {
  const color = opts.color ?? false
  const width = opts.width
  const s = result.study
  const out: string[] = [
    wrapText(
      `Study ${s.name}: ${s.model} model on ${s.benchmark}, ${s.returns} returns from ${s.price === 'adjClose' ? 'adjusted closes' : 'closes'}`,
      width,
    ),
    wrapText(`Data as of ${result.dataAsOf} · aftershock ${result.tool.version}`, width),
  ]
  for (const section of studySections(result, 'summary')) {
    out.push(heading(section.title, width))
    out.push(terminalSectionBody(section, color, width))
  }
  return `${out.join('\n')}\n`
}

/** The index table as of its date (`aftershock index`): groups with their members, the benchmark first. */
export function renderIndexTable(index: IndexResult, width?: number): string {
  return terminalSectionBody(indexLevelsSection(index, 'summary'), false, width)
}
