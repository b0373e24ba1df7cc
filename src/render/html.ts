/**
 * report.html: one self-contained page (no network: inline CSS, inline SVG charts, no scripts or web fonts)
 * with the questions, plain-words answers, the tables of `study run` and the charts. Deterministic.
 */
import {findings, type StudyText, studyText} from '../report/findings.js'
import type {Section, Table} from '../report/model.js'
import {studySections} from '../report/sections.js'
import type {StudyResult} from '../result.js'
import {toGrid} from './grid.js'
import {provenance} from './md.js'

export interface HtmlChart {
  id: string
  title: string
  svg: string
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d2330; font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 60px; }
header { border-bottom: 3px solid #4e79a7; margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d8dce3; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.meta { color: #5a6372; font-size: 13px; }
.card { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 16px 20px; margin: 14px 0; }
ol.questions li { margin: 4px 0; }
ul.findings { margin: 4px 0 8px; padding-left: 22px; }
ul.findings li { margin: 3px 0; }
figure { margin: 14px 0; background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 10px; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #5a6372; font-size: 13px; margin-top: 4px; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; background: #fff; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e6e9ee; white-space: nowrap; }
th { background: #eef1f5; text-align: left; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.fails { color: #b3261e; font-weight: bold; }
td.holds { color: #1e7b34; font-weight: bold; }
footer { margin-top: 40px; color: #5a6372; font-size: 12px; }
`

function htmlTable(t: Table): string {
  const caption = t.caption ? `<caption>${escapeHtml(t.caption)}</caption>` : ''
  const notes = (t.notes ?? []).map((n) => `<p class="meta">${escapeHtml(n)}</p>`).join('')
  if (t.rows.length === 0) return `<div class="table-wrap"><table>${caption}</table></div>${notes}`
  const g = toGrid(t)
  const num = (i: number): boolean => g.align[i] === 'right'
  const th = g.head
    .map((h, i) => `<th${num(i) ? ' class="num"' : ''}>${escapeHtml(h).replace(/\n/g, '<br>')}</th>`)
    .join('')
  const rows = g.rows
    .map((r) => {
      const tds = r.map((c, i) => {
        const cls = num(i) ? 'num' : c === 'FAILS' ? 'fails' : c === 'holds' ? 'holds' : ''
        return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(c)}</td>`
      })
      return `<tr>${tds.join('')}</tr>`
    })
    .join('\n')
  return `<div class="table-wrap"><table>${caption}<thead><tr>${th}</tr></thead><tbody>\n${rows}\n</tbody></table></div>${notes}`
}

function htmlSection(s: Section): string[] {
  const parts = [`<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>`]
  if (s.intro) parts.push(`<p class="meta">${escapeHtml(s.intro)}</p>`)
  for (const t of s.tables) parts.push(htmlTable(t))
  const notes = s.notes ?? []
  if (notes.length > 0 && s.tables.length === 0)
    parts.push(`<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`)
  else for (const n of notes) parts.push(`<p class="meta">${escapeHtml(n)}</p>`)
  parts.push('</section>')
  return parts
}

/** Strips the XML prolog, if any, so the SVG can sit inline in HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '')
}

export function renderHtml(
  result: StudyResult,
  opts: {charts: HtmlChart[]; text?: StudyText; extra?: readonly Section[]},
): string {
  const text = studyText(result, opts.text)
  const parts: string[] = []
  parts.push(`<header><h1>${escapeHtml(text.title)}</h1>`)
  if (text.description) parts.push(`<p>${escapeHtml(text.description)}</p>`)
  parts.push(`<div class="meta">${escapeHtml(provenance(result))}</div></header>`)
  if (text.questions.length > 0) {
    parts.push('<section id="questions"><h2>Questions</h2><div class="card"><ol class="questions">')
    for (const q of text.questions) parts.push(`<li>${escapeHtml(q)}</li>`)
    parts.push('</ol></div></section>')
  }
  const f = findings(result)
  if (f.length > 0) {
    parts.push('<section id="answers"><h2>What the data says</h2><div class="card">')
    for (const g of f) {
      parts.push(`<h3>${escapeHtml(g.heading)}</h3><ul class="findings">`)
      for (const item of g.items) parts.push(`<li>${escapeHtml(item)}</li>`)
      parts.push('</ul>')
    }
    parts.push('</div></section>')
  }
  if (opts.charts.length > 0) {
    parts.push('<section id="charts"><h2>Charts</h2>')
    for (const c of opts.charts) {
      parts.push(
        `<figure id="chart-${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}">${inlineSvg(c.svg)}<figcaption>${escapeHtml(c.title)}</figcaption></figure>`,
      )
    }
    parts.push('</section>')
  }
  for (const s of [...studySections(result, 'summary'), ...(opts.extra ?? [])]) parts.push(...htmlSection(s))
  parts.push(
    `<footer>${escapeHtml(provenance(result))}. Made by ${escapeHtml(result.tool.name)} ${escapeHtml(result.tool.version)}; this page needs no network.</footer>`,
  )
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(text.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    ...parts,
    '</main></body>',
    '</html>',
    '',
  ].join('\n')
}
