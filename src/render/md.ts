/**
 * report.md: the study's questions, plain-words answers, the summary sections as Markdown tables and the
 * charts as PNG files beside it. Suits GitHub's $GITHUB_STEP_SUMMARY. Deterministic: no run timestamp.
 */
import {findings, type StudyText, studyText} from '../report/findings.js'
import type {Section, Table} from '../report/model.js'
import {studySections} from '../report/sections.js'
import type {StudyResult} from '../result.js'
import {toGrid} from './grid.js'

export interface MarkdownChart {
  title: string
  /** Path of the PNG relative to report.md. */
  file: string
}

/** Escapes a table cell: pipes and line breaks would break the row. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function markdownTable(t: Table): string {
  const lines: string[] = []
  if (t.caption) lines.push(`**${t.caption}**`, '')
  if (t.rows.length > 0) {
    const g = toGrid(t)
    lines.push(`| ${g.head.map(cell).join(' | ')} |`)
    lines.push(`|${g.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`)
    for (const r of g.rows) lines.push(`| ${r.map(cell).join(' | ')} |`)
  }
  for (const n of t.notes ?? []) lines.push('', n)
  return lines.join('\n')
}

function markdownSection(s: Section): string[] {
  const out = [`## ${s.title}`, '']
  if (s.intro) out.push(s.intro, '')
  for (const t of s.tables) out.push(markdownTable(t), '')
  const notes = s.notes ?? []
  if (notes.length > 0) {
    for (const n of notes) out.push(s.tables.length === 0 ? `- ${n}` : n)
    out.push('')
  }
  return out
}

/** The one-line provenance shown under the title of both reports. */
export function provenance(result: StudyResult): string {
  const s = result.study
  return `Data as of ${result.dataAsOf} · ${result.tool.name} ${result.tool.version} · study ${s.name} · benchmark ${s.benchmark}, ${s.model} model, ${s.returns} returns from ${s.price === 'adjClose' ? 'adjusted closes' : 'closes'}`
}

export function renderMarkdown(
  result: StudyResult,
  opts: {charts: MarkdownChart[]; text?: StudyText; extra?: readonly Section[]},
): string {
  const text = studyText(result, opts.text)
  const out: string[] = [`# ${text.title}`, '']
  if (text.description) out.push(text.description, '')
  out.push(`_${provenance(result)}_`, '')
  if (text.questions.length > 0) {
    out.push('## Questions', '')
    text.questions.forEach((q, i) => out.push(`${i + 1}. ${q}`))
    out.push('')
  }
  const f = findings(result)
  if (f.length > 0) {
    out.push('## What the data says', '')
    for (const g of f) {
      out.push(`### ${g.heading}`, '')
      for (const item of g.items) out.push(`- ${item}`)
      out.push('')
    }
  }
  if (opts.charts.length > 0) {
    out.push('## Charts', '')
    for (const c of opts.charts) out.push(`![${c.title}](${c.file})`, '')
  }
  for (const s of [...studySections(result, 'summary'), ...(opts.extra ?? [])]) out.push(...markdownSection(s))
  return out.join('\n')
}
