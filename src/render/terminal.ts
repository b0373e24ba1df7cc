/**
 * The terminal rendering of the section model (cli-table3): the `study run` summary and the `index` table.
 * Pure: the same result gives the same string; colour only when asked for.
 */
import Table from 'cli-table3'
import {indexLevelsSection} from '../report/index-levels.js'
import type {Section, Table as ModelTable} from '../report/model.js'
import {studySections} from '../report/sections.js'
import type {IndexResult, StudyResult} from '../result.js'
import {toGrid} from './grid.js'

export interface StudyTableOptions {
  /** Colour table headers (callers pass useColor(process.stdout)). Default false. */
  color?: boolean
}

/** Whether to colour output on a stream: never with NO_COLOR set, never when not a TTY. */
export function useColor(stream: {isTTY?: boolean} = process.stdout): boolean {
  return !process.env.NO_COLOR && stream.isTTY === true
}

function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`
}

/** One table drawn with cli-table3; compact (no rule between rows), so long tables stay readable. */
export function terminalTable(t: ModelTable, color = false): string {
  const lines: string[] = []
  if (t.caption) lines.push(t.caption)
  if (t.rows.length > 0) {
    const g = toGrid(t)
    const wrap = g.wrap.some((w) => w !== null)
    const table = new Table({
      head: g.head,
      colAligns: g.align,
      // cli-table3 widths include one space of padding each side
      ...(wrap ? {wordWrap: true, colWidths: g.wrap.map((w) => (w === null ? null : w + 2))} : {}),
      style: {head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true},
    })
    for (const r of g.rows) table.push(r)
    lines.push(table.toString())
  }
  for (const n of t.notes ?? []) lines.push(`  ${n}`)
  return lines.join('\n')
}

/** A section without its heading: intro, tables, notes. */
export function terminalSectionBody(s: Section, color = false): string {
  const out: string[] = []
  if (s.intro) out.push(s.intro)
  for (const t of s.tables)
    out.push(t.caption && out.length > 0 ? `\n${terminalTable(t, color)}` : terminalTable(t, color))
  for (const n of s.notes ?? []) out.push(s.tables.length === 0 ? `  - ${n}` : `  ${n}`)
  return out.join('\n')
}

/** Renders the whole result as text tables. */
export function renderStudyTable(result: StudyResult, opts: StudyTableOptions = {}): string {
  const color = opts.color ?? false
  const s = result.study
  const out: string[] = [
    `Study ${s.name}: ${s.model} model on ${s.benchmark}, ${s.returns} returns from ${s.price === 'adjClose' ? 'adjusted closes' : 'closes'}`,
    `Data as of ${result.dataAsOf} · aftershock ${result.tool.version}`,
  ]
  for (const section of studySections(result, 'summary')) {
    out.push(heading(section.title))
    out.push(terminalSectionBody(section, color))
  }
  return `${out.join('\n')}\n`
}

/** The index table as of its date (`aftershock index`): groups with their members, the benchmark first. */
export function renderIndexTable(index: IndexResult): string {
  return terminalSectionBody(indexLevelsSection(index, 'summary'))
}
