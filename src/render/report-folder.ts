/**
 * Writes a study report folder: report.html, report.md, results.json and charts/*.svg|png.
 * Everything is written into a temporary folder beside the target first and then renamed into place,
 * so a reader (or a failed run) never sees a half-written file. Same result in, same bytes out.
 */
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import {finished} from 'node:stream/promises'
import {InputError} from '../errors.js'
import type {StudyText} from '../report/findings.js'
import {liveComparisonSection} from '../report/live-comparison.js'
import type {LiveComparison, StudyResult} from '../result.js'
import type {ChartId} from './charts/report-charts.js'
import {renderHtml} from './html.js'
import {writeJson} from './json-stream.js'
import {renderMarkdown} from './md.js'
import {checkOutDir, writeFailure} from './out-dir.js'

export const REPORT_FORMATS = ['html', 'md', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface WriteReportOptions {
  outDir: string
  formats: ReportFormat[]
  /** Title, description and questions from the study file (StudyResult does not carry them). */
  text?: StudyText
  /** The study on its pinned snapshot beside live data (`--compare-live`): a section, and live-comparison.json. */
  comparison?: LiveComparison
}

const ALL_CHARTS: ChartId[] = ['three-waves', 'caar-paths', 'day0-ar', 'volatility']

/** Parses "html,md,json" into formats; an unknown name is an InputError naming the flag. */
export function parseFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  if (names.length === 0) throw new InputError('--format: give at least one of html, md, json (comma-separated)')
  for (const n of names) {
    if (!(REPORT_FORMATS as readonly string[]).includes(n)) {
      throw new InputError(`--format: unknown format "${n}"; use a comma-separated list of html, md, json`)
    }
  }
  return REPORT_FORMATS.filter((f) => names.includes(f))
}

/** Writes the report; returns the paths written (absolute, sorted). */
export async function writeReport(result: StudyResult, opts: WriteReportOptions): Promise<string[]> {
  const outDir = path.resolve(opts.outDir)
  checkOutDir(outDir, opts.outDir, [])
  // null: results.json, streamed (a large result does not fit in one string).
  const files = new Map<string, string | Buffer | null>()
  const formats = new Set(opts.formats)
  if (formats.has('html') || formats.has('md')) {
    // vega, vega-lite and resvg load slowly: only the html and md formats need them.
    const [{renderReportCharts}, {renderPng}] = await Promise.all([
      import('./charts/report-charts.js'),
      import('./charts/render.js'),
    ])
    const charts = await renderReportCharts(result)
    for (const c of charts) {
      files.set(`charts/${c.id}.svg`, c.svg)
      files.set(`charts/${c.id}.png`, renderPng(c.svg))
    }
    const extra = opts.comparison ? [liveComparisonSection(opts.comparison)] : []
    if (formats.has('html')) files.set('report.html', renderHtml(result, {charts, text: opts.text, extra}))
    if (formats.has('md')) {
      files.set(
        'report.md',
        renderMarkdown(result, {
          charts: charts.map((c) => ({title: c.title, file: `charts/${c.id}.png`})),
          text: opts.text,
          extra,
        }),
      )
    }
  }
  if (formats.has('json')) files.set('results.json', null)
  if (formats.has('json') && opts.comparison) {
    files.set('live-comparison.json', JSON.stringify(opts.comparison, null, 2) + '\n')
  }
  checkOutDir(outDir, opts.outDir, [...files.keys()])
  try {
    await writeFolder(result, outDir, files, formats)
  } catch (err) {
    throw writeFailure(opts.outDir, err)
  }
  return [...files.keys()].sort().map((rel) => path.join(outDir, rel))
}

/** Writes the files into a temporary folder beside the target, then renames them into place. */
async function writeFolder(
  result: StudyResult,
  outDir: string,
  files: Map<string, string | Buffer | null>,
  formats: Set<ReportFormat>,
): Promise<void> {
  const parent = path.dirname(outDir)
  mkdirSync(parent, {recursive: true})
  // Same filesystem as the target, so the renames below are atomic.
  const tmp = mkdtempSync(path.join(parent, `.${path.basename(outDir)}.tmp-`))
  try {
    for (const [rel, data] of files) {
      const p = path.join(tmp, rel)
      mkdirSync(path.dirname(p), {recursive: true})
      if (data === null) await writeJsonFile(p, result)
      else writeFileSync(p, data)
    }
    if (!existsSync(outDir)) {
      // mkdtemp makes the folder private (0700); the report folder is an ordinary one.
      chmodSync(tmp, 0o777 & ~process.umask())
      renameSync(tmp, outDir)
    } else {
      // Charts of an earlier run that this result no longer has would mislead: remove them.
      for (const id of ALL_CHARTS) {
        for (const ext of ['svg', 'png']) {
          const rel = `charts/${id}.${ext}`
          if (!files.has(rel) && (formats.has('html') || formats.has('md')))
            rmSync(path.join(outDir, rel), {force: true})
        }
      }
      for (const rel of files.keys()) {
        mkdirSync(path.dirname(path.join(outDir, rel)), {recursive: true})
        renameSync(path.join(tmp, rel), path.join(outDir, rel))
      }
    }
  } finally {
    rmSync(tmp, {recursive: true, force: true})
  }
}

/** Streams JSON.stringify(value, null, 2) + '\n' into a file. */
async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const stream = createWriteStream(file)
  const failed = new Promise<never>((_, reject) => stream.once('error', reject))
  // A late error also rejects finished() below.
  failed.catch(() => undefined)
  await Promise.race([writeJson(stream, value), failed])
  stream.end()
  await finished(stream)
}
