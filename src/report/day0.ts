/**
 * Abnormal returns on day 0, per event from the largest fall: each AR starred from the security's own day-0
 * test (significance.ts, day0P). The summary shows the bottom and top five of each event, the full level all.
 */
import type {StudyResult} from '../result.js'
import {eventLabel, pooledEvent} from './chart-data.js'
import {col, type Level, type Row, type Section, type Table, keyColumn} from './model.js'
import {day0P, STARS_LEGEND} from './significance.js'

/** Securities shown at each end of an event's day-0 ranking at the summary level. */
export const DAY0_ENDS = 5

/** The columns; the event is shown where one table pools several events. */
const columns = (showEvent: boolean) => [
  keyColumn.symbol(),
  keyColumn.group(),
  keyColumn.event({hidden: !showEvent}),
  col('date', 'Date', 'date', {dim: 'date'}),
  col('ret', 'Return', 'percent'),
  col('ar', 'AR', 'percent', {p: 'p'}),
  col('sar', 'SAR', 'number', {digits: 2}),
  col('p', 'p', 'p-value', {digits: 3}),
]

/** Every included security-event's day-0 row, by event (study order), then AR ascending, then symbol. */
export function day0Rows(result: StudyResult): Row[] {
  const rows: Array<Row & {ar: number; symbol: string; event: string}> = []
  for (const s of result.securities) {
    if (s.excluded || !s.ar) continue
    const r = s.ar.find((x) => x.t === 0)
    if (!r || !Number.isFinite(r.ar)) continue
    rows.push({
      symbol: s.symbol,
      group: s.group,
      event: s.event,
      date: r.date,
      ret: r.ret,
      ar: r.ar,
      sar: r.sar,
      p: day0P(s),
    })
  }
  const eventIdx = new Map(result.events.map((e, i) => [e.id, i]))
  return rows.sort(
    (a, b) =>
      (eventIdx.get(a.event) ?? 0) - (eventIdx.get(b.event) ?? 0) || a.ar - b.ar || a.symbol.localeCompare(b.symbol),
  )
}

/**
 * One table per common event; events from a list (one security each) pooled in one table, as their group
 * results are. Each table keeps the bottom and top DAY0_ENDS rows.
 */
function summaryTables(result: StudyResult, rows: Row[]): Table[] {
  const pooled = pooledEvent(result)
  const key = (r: Row): string => pooled(r.event as string)
  return [...new Set(rows.map(key))].map((k) => {
    const own = rows.filter((r) => key(r) === k)
    if (k === 'all') own.sort((a, b) => (a.ar as number) - (b.ar as number))
    const cut = own.length > 2 * DAY0_ENDS
    const name = k === 'all' ? 'Events from the list' : eventLabel(result, k)
    return {
      id: `day0:${k}`,
      caption: cut ? `${name}: bottom and top ${DAY0_ENDS}` : name,
      columns: columns(k === 'all'),
      rows: cut ? [...own.slice(0, DAY0_ENDS), ...own.slice(-DAY0_ENDS)] : own,
    }
  })
}

export function day0Section(result: StudyResult, level: Level): Section | null {
  const rows = day0Rows(result)
  if (rows.length === 0) return null
  return {
    id: 'day0',
    title: 'Abnormal returns on day 0',
    intro:
      'From the largest fall. Stars and p from the security’s own day-0 test: the [0,0] window’s t test, else the SAR as a standard normal.',
    tables: level === 'full' ? [{id: 'day0', columns: columns(true), rows}] : summaryTables(result, rows),
    notes: [STARS_LEGEND],
  }
}
