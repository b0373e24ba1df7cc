/**
 * report.md: the study's questions, plain-words answers, the tables of `study run` as Markdown tables and the
 * charts as PNG files beside it. Suits GitHub's $GITHUB_STEP_SUMMARY. Deterministic: no run timestamp.
 */
import type {StudyResult} from '../result.js'
import {findings, studyText, type StudyText} from '../report/findings.js'
import {reportSections, type ReportTable} from '../report/tables.js'

export interface MarkdownChart {
  title: string
  /** Path of the PNG relative to report.md. */
  file: string
}

/** Escapes a table cell: pipes and line breaks would break the row. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function markdownTable(t: ReportTable): string {
  const lines: string[] = []
  if (t.caption) lines.push(`**${t.caption}**`, '')
  lines.push(`| ${t.headers.map(cell).join(' | ')} |`)
  lines.push(`|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`)
  for (const r of t.rows) lines.push(`| ${r.map(cell).join(' | ')} |`)
  return lines.join('\n')
}

/** The one-line provenance shown under the title of both reports. */
export function provenance(result: StudyResult): string {
  const s = result.study
  return `Data as of ${result.dataAsOf} · ${result.tool.name} ${result.tool.version} · study ${s.name} · benchmark ${s.benchmark}, ${s.model} model, ${s.returns} returns from ${s.price === 'adjClose' ? 'adjusted closes' : 'closes'}`
}

export function renderMarkdown(result: StudyResult, opts: {charts: MarkdownChart[]; text?: StudyText}): string {
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
  for (const s of reportSections(result)) {
    out.push(`## ${s.title}`, '')
    if (s.intro) out.push(s.intro, '')
    for (const t of s.tables) out.push(markdownTable(t), '')
  }
  if (result.notes.length > 0) {
    out.push('## Notes', '')
    for (const n of result.notes) out.push(`- ${n}`)
    out.push('')
  }
  return out.join('\n')
}
