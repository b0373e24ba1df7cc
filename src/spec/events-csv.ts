/**
 * Per-security events from CSV: `symbol,date[,id][,group][,label]` with a header (any case, any column order;
 * other columns are ignored, so an earnings calendar can be used as it is). Used for `events: {file}` in a
 * study file and by `study run --events -` (stdin).
 */
import {splitCsvLine} from '../sources/csv-line.js'
import {normalizeSymbol} from '../store/symbols.js'
import {ID_PATTERN, isRealDate} from './fields.js'
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
  if (headerAt < 0) {
    issues.push({
      file: source,
      line: 1,
      path: '',
      message: 'no events: the CSV is empty; write a header symbol,date[,id][,group][,label] and one row per event',
    })
    return {events, issues}
  }
  const header = splitCsvLine(lines[headerAt], {trim: true}).map((h) => h.toLowerCase())
  const col = new Map<Column, number>()
  for (const k of KNOWN) {
    const i = header.indexOf(k)
    if (i >= 0) col.set(k, i)
  }
  for (const need of ['symbol', 'date'] as const) {
    if (!col.has(need)) {
      issues.push({
        file: source,
        line: headerAt + 1,
        path: need,
        message: `missing column "${need}": the header must name symbol,date[,id][,group][,label] (found: ${header.join(',')})`,
      })
    }
  }
  if (issues.length > 0) return {events, issues}

  const seen = new Map<string, number>()
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const line = i + 1
    const f = splitCsvLine(lines[i], {trim: true})
    const get = (c: Column): string => {
      const j = col.get(c)
      return j === undefined ? '' : (f[j] ?? '')
    }
    const rawSymbol = get('symbol')
    const date = get('date')
    let ok = true
    if (!/^\^?[A-Za-z0-9][A-Za-z0-9.=-]*$/.test(rawSymbol)) {
      issues.push({
        file: source,
        line,
        path: 'symbol',
        message: rawSymbol
          ? `"${rawSymbol}" is not a ticker symbol; write e.g. NVDA or BRK-B`
          : 'the symbol is empty; fill it in or delete the row',
      })
      ok = false
    }
    if (!isRealDate(date)) {
      issues.push({
        file: source,
        line,
        path: 'date',
        message: date
          ? `"${date}" is not a real date; write it as YYYY-MM-DD`
          : 'the date is empty; write it as YYYY-MM-DD',
      })
      ok = false
    }
    const group = get('group')
    if (group && !ID_PATTERN.test(group)) {
      issues.push({
        file: source,
        line,
        path: 'group',
        message: `"${group}" is not a group id; use letters, digits, '-', '_' and '.', starting with a letter or digit`,
      })
      ok = false
    }
    // The id a claim's event names: the same rule as event ids in a study file; "all" names the pooled group results.
    const ownId = get('id')
    if (ownId && !ID_PATTERN.test(ownId)) {
      issues.push({
        file: source,
        line,
        path: 'id',
        message: `"${ownId}" is not an event id; use letters, digits, '-', '_' and '.', starting with a letter or digit (or leave it empty for SYMBOL-DATE)`,
      })
      ok = false
    } else if (ownId.toLowerCase() === 'all') {
      issues.push({
        file: source,
        line,
        path: 'id',
        message: `"${ownId}" is reserved for the pooled results of each group; give the event another id (or leave it empty for SYMBOL-DATE)`,
      })
      ok = false
    }
    if (!ok) continue
    const symbol = normalizeSymbol(rawSymbol)
    const id = ownId || `${symbol}-${date}`
    const prev = seen.get(id)
    if (prev !== undefined) {
      issues.push({
        file: source,
        line,
        path: 'id',
        message: `event id "${id}" repeats line ${prev}; give each row its own id (or drop the duplicate row)`,
      })
      continue
    }
    seen.set(id, line)
    events.push({id, date, label: get('label') || null, symbol, group: group || null})
  }
  if (events.length === 0 && issues.length === 0) {
    issues.push({
      file: source,
      line: headerAt + 1,
      path: '',
      message: 'no events: the CSV has a header but no rows; add one row per event',
    })
  }
  return {events, issues}
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
