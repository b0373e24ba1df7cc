/**
 * Long-format CSV rows of issue 4's extras (index, value at stake, claims), in the study CSV's columns:
 * section,group,symbol,event,window,t,date,measure,value. One row per subject, window or day, and measure.
 * Values are numbers or empty (null); the study CSV renderer quotes and joins them.
 */
import type {ClaimResult, IndexResult, IndexRow, StudyResult, ValueResult} from '../result.js'

export const EXTRAS_CSV_COLUMNS = ['section', 'group', 'symbol', 'event', 'window', 't', 'date', 'measure', 'value'] as const
export type ExtrasCsvRow = [
  section: string,
  group: string,
  symbol: string,
  event: string,
  window: string,
  t: number | null,
  date: string,
  measure: string,
  value: number | string | null,
]

const win = (w: readonly [number, number]): string => `${w[0]},${w[1]}`

function indexRowCells(section: string, r: IndexRow, group: string, symbol: string, asOf: string): ExtrasCsvRow[] {
  const out: ExtrasCsvRow[] = [
    [section, group, symbol, '', '', null, asOf, 'base', r.base],
    [section, group, symbol, '', '', null, asOf, 'level', r.level],
    [section, group, symbol, '', '', null, asOf, 'sinceBase', r.sinceBase],
    [section, group, symbol, '', '', null, r.peakDate ?? '', 'peak', r.peak],
    [section, group, symbol, '', '', null, asOf, 'drawdown', r.drawdown],
  ]
  for (const [ev, v] of Object.entries(r.sinceEvent)) out.push([section, group, symbol, ev, '', null, asOf, 'sinceEvent', v])
  if (r.excluded) out.push([section, group, symbol, '', '', null, '', 'excluded', r.excluded])
  return out
}

/** Index: the as-of table (section "index") and the daily series (section "index-series", measure "level"). */
export function indexCsvRows(index: IndexResult): ExtrasCsvRow[] {
  const out: ExtrasCsvRow[] = []
  for (const r of index.securities) out.push(...indexRowCells('index', r, r.group ?? '', r.id, index.asOf))
  for (const g of index.groups) out.push(...indexRowCells('index', g, g.id, '', index.asOf))
  const groupIds = new Set(index.groups.map((g) => g.id))
  for (const day of index.series) {
    for (const [key, v] of Object.entries(day.values)) {
      const isGroup = groupIds.has(key)
      out.push(['index-series', isGroup ? key : '', isGroup ? '' : key, '', '', null, day.date, 'level', v])
    }
  }
  return out
}

/** Value at stake: per security and group total, event and window: prices, change, abnormal change. */
export function valueCsvRows(value: ValueResult): ExtrasCsvRow[] {
  const out: ExtrasCsvRow[] = []
  for (const r of [...value.rows, ...value.groups]) {
    const isGroup = r.group === null
    const group = isGroup ? r.id : (r.group ?? '')
    const symbol = isGroup ? '' : r.id
    const base: [string, string, string, string, string, null, string] = ['value', group, symbol, r.event, win(r.window), null, r.to]
    if (!isGroup) {
      out.push([...base, 'startPrice', r.startPrice])
      out.push([...base, 'endPrice', r.endPrice])
    }
    out.push([...base, 'change', r.change])
    out.push([...base, 'abnormalChange', r.abnormalChange])
    out.push([...base, 'approximate', r.approximate ? 1 : 0])
  }
  for (const s of value.shares) out.push(['shares', '', s.symbol, '', '', null, '', s.current ? 'sharesCurrent' : 'shares', s.shares])
  return out
}

/** Claims: expected, tolerance, measured and holds (1/0), keyed by the claim id in the measure column's prefix. */
export function claimsCsvRows(claims: readonly ClaimResult[]): ExtrasCsvRow[] {
  const out: ExtrasCsvRow[] = []
  for (const c of claims) {
    const base: [string, string, string, string, string, null, string] = ['claim', '', c.subject, c.event, win(c.window), null, '']
    out.push([...base, `${c.id}:expected`, c.expected])
    out.push([...base, `${c.id}:tolerance`, c.tolerance])
    out.push([...base, `${c.id}:measured`, c.measured])
    out.push([...base, `${c.id}:holds`, c.holds ? 1 : 0])
  }
  return out
}

/** All extras rows of a result, in the order study run prints its sections (index, value, claims). */
export function extrasCsvRows(result: StudyResult): ExtrasCsvRow[] {
  return [
    ...(result.index ? indexCsvRows(result.index) : []),
    ...(result.value ? valueCsvRows(result.value) : []),
    ...(result.claims ? claimsCsvRows(result.claims) : []),
  ]
}
