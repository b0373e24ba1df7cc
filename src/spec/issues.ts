/**
 * Problems found in a study file or its events CSV, and how they are written: `file:line: field: what to fix`,
 * the form editors and CI logs link to. Every check collects issues; a study with any is refused whole.
 */
import {InputError} from '../errors.js'

/** A step of a field path: a mapping key or a list index. */
export type PathSeg = string | number

/** One problem in a study file (or in its events CSV). `line` is 1-based; null when no line applies. */
export interface StudyIssue {
  file: string
  line: number | null
  path: string
  message: string
}

/** An invalid study file: every issue, one per line of the message. Exit code 2 (InputError). */
export class StudyValidationError extends InputError {
  constructor(readonly issues: StudyIssue[]) {
    super(
      `invalid study (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map(formatIssue).join('\n'),
    )
    this.name = 'StudyValidationError'
  }
}

/** `file:line: path: message`, the form editors and CI logs link to. */
export function formatIssue(issue: StudyIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`
}

/** `['groups', 'ai-chips', 'symbols', 2]` -> `groups.ai-chips.symbols[2]`. */
export function formatPath(path: PathSeg[]): string {
  let out = ''
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg
  return out
}

/**
 * Issues of the study file `file` first, then those of other files (the events CSV) in the order they were
 * found; within a file by line (stable), issues without a line last.
 */
export function byLine(issues: StudyIssue[], file: string): StudyIssue[] {
  const files = [file, ...new Set(issues.map((i) => i.file).filter((f) => f !== file))]
  return issues
    .map((i, k) => ({i, k}))
    .sort(
      (a, b) =>
        files.indexOf(a.i.file) - files.indexOf(b.i.file) ||
        (a.i.line ?? Infinity) - (b.i.line ?? Infinity) ||
        a.k - b.k,
    )
    .map((x) => x.i)
}

/** Reports an issue at a field path of the study file (its line found from the source). */
export type IssueSink = (path: PathSeg[], message: string, key?: boolean) => void

/** What every phase reports through: issues at field paths, and the date rule. */
export interface SpecContext {
  err: IssueSink
  checkDate: (path: PathSeg[], v: unknown) => void
  /** Issues found in other files (the events CSV), kept as they are. */
  add: (issue: StudyIssue) => void
  line: (path: PathSeg[]) => number | null
  file: string
}
