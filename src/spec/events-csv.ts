/**
 * Per-security events from CSV: `symbol,date[,id][,group][,label]` with a header (any case, any column order;
 * other columns are ignored, so an earnings calendar can be used as it is). Used for `events: {file}` in a
 * study file and by `study run --events -` (stdin).
 */
import {splitCsvLine} from '../sources/csv-line.js'
import {normalizeSymbol} from '../store/symbols.js'
import {ALL_EVENTS, ID_PATTERN, isRealDate} from './fields.js'
import {StudyValidationError, type StudyIssue} from './issues.js'
import type {EventSpec} from './types.js'

const KNOWN = ['symbol', 'date', 'id', 'group', 'label'] as const
type Column = (typeof KNOWN)[number]

/** Reads events CSV text; returns the events and every problem found (source and 1-based line named). */
export function readEventsCsv(text: string, source: string): {events: EventSpec[]; issues: StudyIssue[]} {
  const issues: StudyIssue[] = []
  const events: EventSpec[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerAt = lines.findIndex((l) => l.trim() !== '')
  const issue = (line: number, path: string, message: string): void => {
    issues.push({file: source, line, path, message})
  }
  if (headerAt < 0) {
    issue(1, '', 'no events: the CSV is empty; write a header symbol,date[,id][,group][,label] and one row per event')
    return {events, issues}
  }
  const header = splitCsvLine(lines[headerAt], {trim: true}).map((h) => h.toLowerCase())
  const col = new Map<Column, number>()
  for (const k of KNOWN) if (header.includes(k)) col.set(k, header.indexOf(k))
  for (const need of ['symbol', 'date'] as const) {
    if (!col.has(need)) {
      issue(
        headerAt + 1,
        need,
        `missing column "${need}": the header must name symbol,date[,id][,group][,label] (found: ${header.join(',')})`,
      )
    }
  }
  if (issues.length > 0) return {events, issues}
  const seen = new Map<string, number>()
  // Thousands of events share a few hundred dates: each date is checked once.
  const dates = new Map<string, boolean>()
  const realDate = (d: string): boolean => {
    const known = dates.get(d)
    if (known !== undefined) return known
    const ok = isRealDate(d)
    dates.set(d, ok)
    return ok
  }
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const f = splitCsvLine(lines[i], {trim: true})
    const get = (c: Column): string => {
      const j = col.get(c)
      return j === undefined ? '' : (f[j] ?? '')
    }
    const event = readRow(get, (path, message) => issue(i + 1, path, message), realDate)
    if (!event) continue
    const prev = seen.get(event.id)
    if (prev !== undefined) {
      issue(
        i + 1,
        'id',
        `event id "${event.id}" repeats line ${prev}; give each row its own id (or drop the duplicate row)`,
      )
      continue
    }
    seen.set(event.id, i + 1)
    events.push(event)
  }
  if (events.length === 0 && issues.length === 0) {
    issue(headerAt + 1, '', 'no events: the CSV has a header but no rows; add one row per event')
  }
  return {events, issues}
}

/** One row as an event, or null after reporting each bad field. */
function readRow(
  get: (c: Column) => string,
  issue: (path: string, message: string) => void,
  realDate: (d: string) => boolean = isRealDate,
): EventSpec | null {
  const rawSymbol = get('symbol')
  const date = get('date')
  const group = get('group')
  // The id a claim's event names: the same rule as event ids in a study file; "all" names the pooled group results.
  const ownId = get('id')
  let bad = 0
  const fail = (path: string, message: string): void => {
    bad++
    issue(path, message)
  }
  if (!/^\^?[A-Za-z0-9][A-Za-z0-9.=-]*$/.test(rawSymbol)) {
    fail(
      'symbol',
      rawSymbol
        ? `"${rawSymbol}" is not a ticker symbol; write e.g. NVDA or BRK-B`
        : 'the symbol is empty; fill it in or delete the row',
    )
  }
  if (!realDate(date)) {
    fail(
      'date',
      date ? `"${date}" is not a real date; write it as YYYY-MM-DD` : 'the date is empty; write it as YYYY-MM-DD',
    )
  }
  if (group && !ID_PATTERN.test(group)) {
    fail(
      'group',
      `"${group}" is not a group id; use letters, digits, '-', '_' and '.', starting with a letter or digit`,
    )
  }
  if (ownId && !ID_PATTERN.test(ownId)) {
    fail(
      'id',
      `"${ownId}" is not an event id; use letters, digits, '-', '_' and '.', starting with a letter or digit (or leave it empty for SYMBOL-DATE)`,
    )
  } else if (ownId.toLowerCase() === ALL_EVENTS) {
    fail(
      'id',
      `"${ownId}" is reserved for the pooled results of each group; give the event another id (or leave it empty for SYMBOL-DATE)`,
    )
  }
  if (bad > 0) return null
  const symbol = normalizeSymbol(rawSymbol)
  return {id: ownId || `${symbol}-${date}`, date, label: get('label') || null, symbol, group: group || null}
}

/**
 * Parses events CSV text into list events (symbol set; group from the CSV or null, resolved later by
 * `withListEvents` / the study loader; id defaults to SYMBOL-DATE). Throws StudyValidationError (an
 * InputError, exit 2) listing every bad line of `source`.
 */
export function parseEventsCsv(text: string, source: string): EventSpec[] {
  const {events, issues} = readEventsCsv(text, source)
  if (issues.length > 0) throw new StudyValidationError(issues)
  return events
}
