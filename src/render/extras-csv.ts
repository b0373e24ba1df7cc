/**
 * Long-format CSV rows of issue 4's extras (index, value at stake, claims), as rows of the study CSV
 * (src/render/study-csv.ts: columns section,group,symbol,event,window,t,date,measure,value).
 * One row per subject, window or day, and measure; null values are empty fields.
 */
import type {ClaimResult, IndexResult, IndexRow, StudyResult, ValueResult} from '../result.js'
import {CSV_COLUMNS, csvLine, type CsvRow} from './study-csv.js'

/** A row of the extras: a study CSV row object (windows written "t1..t2" like the rest of the file). */
export type ExtrasCsvRow = CsvRow

function indexRowCells(r: IndexRow, group: string | null, symbol: string | null, asOf: string): CsvRow[] {
  const base = {section: 'index', group, symbol, date: asOf}
  const out: CsvRow[] = [
    {...base, measure: 'base', value: r.base},
    {...base, measure: 'level', value: r.level},
    {...base, measure: 'sinceBase', value: r.sinceBase},
    {...base, date: r.peakDate, measure: 'peak', value: r.peak},
    {...base, measure: 'drawdown', value: r.drawdown},
  ]
  for (const [ev, v] of Object.entries(r.sinceEvent)) out.push({...base, event: ev, measure: 'sinceEvent', value: v})
  if (r.excluded) out.push({...base, measure: 'excluded', value: r.excluded})
  return out
}

/** Index: the as-of table (section "index") and the daily series (section "index-series", measure "level"). */
export function indexCsvRows(index: IndexResult): CsvRow[] {
  const out: CsvRow[] = []
  for (const r of index.securities) out.push(...indexRowCells(r, r.group, r.id, index.asOf))
  for (const g of index.groups) out.push(...indexRowCells(g, g.id, null, index.asOf))
  const groupIds = new Set(index.groups.map((g) => g.id))
  for (const day of index.series) {
    for (const [key, v] of Object.entries(day.values)) {
      const isGroup = groupIds.has(key)
      out.push({
        section: 'index-series',
        group: isGroup ? key : null,
        symbol: isGroup ? null : key,
        date: day.date,
        measure: 'level',
        value: v,
      })
    }
  }
  return out
}

/** Value at stake: per security and group total, event and window: prices, change, abnormal change. */
export function valueCsvRows(value: ValueResult): CsvRow[] {
  const out: CsvRow[] = []
  for (const r of [...value.rows, ...value.groups]) {
    const isGroup = r.group === null
    const base = {
      section: isGroup ? 'value-group' : 'value',
      group: isGroup ? r.id : r.group,
      symbol: isGroup ? null : r.id,
      event: r.event,
      window: r.window,
      date: r.to,
    }
    if (!isGroup)
      out.push({...base, measure: 'startPrice', value: r.startPrice}, {...base, measure: 'endPrice', value: r.endPrice})
    out.push(
      {...base, measure: 'change', value: r.change},
      {...base, measure: 'abnormalChange', value: r.abnormalChange},
      {...base, measure: 'approximate', value: r.approximate},
    )
  }
  for (const s of value.shares)
    out.push({section: 'shares', symbol: s.symbol, measure: s.current ? 'sharesCurrent' : 'shares', value: s.shares})
  return out
}

/** Claims: expected, tolerance, measured and holds, the measure prefixed by the claim id. */
export function claimsCsvRows(claims: readonly ClaimResult[]): CsvRow[] {
  const out: CsvRow[] = []
  for (const c of claims) {
    const base = {section: 'claim', symbol: c.subject, event: c.event || null, window: c.window}
    out.push(
      {...base, measure: `${c.id}:expected`, value: c.expected},
      {...base, measure: `${c.id}:tolerance`, value: c.tolerance},
      {...base, measure: `${c.id}:measured`, value: c.measured},
      {...base, measure: `${c.id}:holds`, value: c.holds},
    )
  }
  return out
}

/** All extras rows of a result, in the order study run prints its sections (index, value, claims). */
export function extrasCsvRows(result: StudyResult): CsvRow[] {
  return [
    ...(result.index ? indexCsvRows(result.index) : []),
    ...(result.value ? valueCsvRows(result.value) : []),
    ...(result.claims ? claimsCsvRows(result.claims) : []),
  ]
}

/** CSV text with the header line, for commands that print extras alone (`aftershock index --csv`). */
export function csvText(rows: readonly CsvRow[]): string {
  return [CSV_COLUMNS.join(','), ...rows.map(csvLine)].join('\n') + '\n'
}
