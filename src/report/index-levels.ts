/**
 * Index levels ("three waves"): per group its index row then its members, the benchmark first.
 * Level I = 100 × P / B, B the base-period mean adjusted close; since base = I / 100 − 1; since an event:
 * from the last close before its day 0; drawdown from the peak.
 */
import type {IndexResult, IndexRow} from '../result.js'
import {col, type Column, type Level, type Row, type Section, type Table, keyColumn} from './model.js'

/** Event ids in first-seen order across the index rows. */
function indexEvents(index: IndexResult): string[] {
  const ids: string[] = []
  for (const r of [...index.securities, ...index.groups])
    for (const id of Object.keys(r.sinceEvent)) if (!ids.includes(id)) ids.push(id)
  return ids
}

function levelRow(r: IndexRow, name: string, group: string | null, symbol: string | null, asOf: string): Row {
  const row: Row = {
    name,
    group,
    symbol,
    date: asOf,
    base: r.base,
    level: r.level,
    sinceBase: r.sinceBase,
    peak: r.peak,
    peakDate: r.peakDate,
    drawdown: r.drawdown,
    excluded: r.excluded ?? undefined,
  }
  for (const [ev, v] of Object.entries(r.sinceEvent)) row[`since:${ev}`] = v
  return row
}

function levelsTable(index: IndexResult): Table {
  const columns: Column[] = [
    col('name', '', 'text', {display: true}),
    keyColumn.group({hidden: true}),
    col('symbol', 'Symbol', 'text', {dim: 'symbol', hidden: true}),
    col('date', 'As of', 'date', {dim: 'date', hidden: true}),
    col('base', 'Base B', 'number', {digits: 2}),
    col('level', 'Level', 'number', {digits: 1}),
    col('sinceBase', 'Since base', 'percent', {digits: 1}),
    ...indexEvents(index).map((e) =>
      col(`since:${e}`, `Since ${e}`, 'percent', {digits: 1, measure: 'sinceEvent', at: {event: e}}),
    ),
    col('peak', 'Peak', 'number', {digits: 1}),
    col('peakDate', 'Peak date', 'date'),
    col('drawdown', 'Drawdown', 'percent', {digits: 1}),
    col('excluded', 'Left out', 'text', {hidden: true}),
  ]
  const rows: Row[] = []
  for (const r of index.securities.filter((s) => s.group === null))
    rows.push(levelRow(r, `${r.id} (benchmark)`, null, r.id, index.asOf))
  for (const g of index.groups) {
    rows.push(levelRow(g, `[${g.id}]${g.excluded ? ` (${g.excluded})` : ''}`, g.id, null, index.asOf))
    for (const r of index.securities.filter((s) => s.group === g.id))
      rows.push(levelRow(r, `  ${r.id}${r.excluded ? ' †' : ''}`, g.id, r.id, index.asOf))
  }
  const left = index.securities.filter((s) => s.excluded && s.group !== null)
  return {id: 'index', columns, rows, notes: left.map((s) => `† ${s.id}: ${s.excluded}`)}
}

/** The daily index series: one row per date, one column per group and security (CSV only). */
function seriesTable(index: IndexResult): Table {
  const groupIds = new Set(index.groups.map((g) => g.id))
  const keys: string[] = []
  for (const day of index.series) for (const k of Object.keys(day.values)) if (!keys.includes(k)) keys.push(k)
  return {
    id: 'index-series',
    columns: [
      col('date', 'Date', 'date', {dim: 'date'}),
      ...keys.map((k) => col(k, k, 'number', {measure: 'level', at: groupIds.has(k) ? {group: k} : {symbol: k}})),
    ],
    rows: index.series.map((day) => ({date: day.date, ...day.values})),
  }
}

/** The index section; the daily series only at the full level. */
export function indexLevelsSection(index: IndexResult, level: Level): Section {
  return {
    id: 'index',
    title: `Three waves: index levels as of ${index.asOf} (100 = ${index.base.from} to ${index.base.to})`,
    intro: `Base-period index (${index.weighting}-weighted groups): 100 = mean adjusted close ${index.base.from} .. ${index.base.to}; as of ${index.asOf}. "Since" an event: from the last close before it.`,
    tables: level === 'full' ? [levelsTable(index), seriesTable(index)] : [levelsTable(index)],
    notes: index.notes.map((n) => `note: ${n}`),
  }
}
