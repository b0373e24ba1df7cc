/**
 * Market value at stake: change = shares × (P_end − P_start), P_start the close before the window;
 * abnormal change = shares × P_start × CAR. The summary has one table per event (group totals, then their
 * members; a change and an abnormal change per window), the full level one row per subject and window.
 */
import type {ValueResult, ValueRow} from '../result.js'
import {fmtWindow} from './format.js'
import {col, type Column, type Level, type Row, type Section, type Table, keyColumn} from './model.js'

const winKey = (w: readonly [number, number]): string => `${w[0]},${w[1]}`

function eventTable(value: ValueResult, ev: string, allApprox: boolean): Table {
  const groupRows = value.groups.filter((g) => g.event === ev)
  const memberRows = value.rows.filter((r) => r.event === ev || ev === 'all')
  const windows: Array<[number, number]> = []
  for (const r of [...groupRows, ...memberRows])
    if (!windows.some((w) => winKey(w) === winKey(r.window))) windows.push(r.window)
  const dates = (w: [number, number]): string => {
    const r = groupRows.find((g) => winKey(g.window) === winKey(w))
    return r && ev !== 'all' ? (r.from === r.to ? ` ${r.from}` : ` ${r.from}..${r.to}`) : ''
  }
  const columns: Column[] = [
    col('name', '', 'text'),
    ...windows.flatMap((w) => [
      col(`change:${winKey(w)}`, `Δ ${fmtWindow(w)}`, 'money'),
      col(`abnormal:${winKey(w)}`, `abn. ${fmtWindow(w)}`, 'money'),
    ]),
  ]
  const row = (name: string, rows: ValueRow[]): Row => {
    const out: Row = {name: name + (!allApprox && rows.some((r) => r.approximate) ? ' †' : '')}
    for (const r of rows) {
      out[`change:${winKey(r.window)}`] = r.change
      out[`abnormal:${winKey(r.window)}`] = r.abnormalChange
    }
    return out
  }
  const rows: Row[] = []
  for (const g of [...new Set(groupRows.map((x) => x.id))]) {
    rows.push(
      row(
        `[${g}] total`,
        groupRows.filter((r) => r.id === g),
      ),
    )
    for (const m of [...new Set(memberRows.filter((r) => r.group === g).map((r) => r.id))])
      rows.push(
        row(
          `  ${m}`,
          memberRows.filter((r) => r.group === g && r.id === m),
        ),
      )
  }
  return {
    id: `value:${ev}`,
    caption: `event ${ev}: ${windows.map((w) => `${fmtWindow(w)}${dates(w)}`).join('; ')}`,
    columns,
    rows,
  }
}

function fullTable(id: string, rows: ValueRow[], withPrices: boolean): Table {
  return {
    id,
    columns: [
      keyColumn.group(),
      keyColumn.symbol(),
      keyColumn.event(),
      keyColumn.window(),
      col('from', 'From', 'date'),
      col('date', 'To', 'date', {dim: 'date'}),
      ...(withPrices ? [col('startPrice', 'Start price', 'number'), col('endPrice', 'End price', 'number')] : []),
      col('change', 'Change', 'money'),
      col('abnormalChange', 'Abnormal change', 'money'),
      col('approximate', 'Approximate', 'boolean'),
    ],
    rows: rows.map((r) => ({
      group: r.group ?? r.id,
      symbol: r.group === null ? null : r.id,
      event: r.event,
      window: r.window,
      from: r.from,
      date: r.to,
      startPrice: r.startPrice,
      endPrice: r.endPrice,
      change: r.change,
      abnormalChange: r.abnormalChange,
      approximate: r.approximate,
    })),
  }
}

function sharesTable(value: ValueResult): Table {
  return {
    id: 'shares',
    caption: 'Shares outstanding',
    columns: [
      keyColumn.symbol(),
      col('shares', 'Shares', 'integer'),
      col('source', 'Source', 'text'),
      col('current', 'Current, not as of the event', 'boolean'),
    ],
    rows: value.shares.map((s) => ({symbol: s.symbol, shares: s.shares, source: s.source, current: s.current})),
  }
}

export function valueSection(value: ValueResult, level: Level): Section {
  const allApprox = value.rows.length > 0 && value.rows.every((r) => r.approximate)
  const events = [...new Set([...value.groups, ...value.rows].map((r) => r.event))]
  const tables =
    level === 'full'
      ? [fullTable('value', value.rows, true), fullTable('value-group', value.groups, false)]
      : events.map((ev) => eventTable(value, ev, allApprox))
  const notes = [...value.notes.map((n) => `note: ${n}`)]
  if (allApprox) notes.unshift('All figures approximate: adjusted closes stand in for the unadjusted close.')
  else if (value.rows.some((r) => r.approximate))
    notes.unshift('† approximate: adjusted closes stand in for the unadjusted close.')
  return {
    id: 'value',
    title: 'Market value at stake',
    intro:
      'In US dollars. Δ = shares × (end price − close before the window); abn. = shares × start price × CAR, the abnormal part.',
    tables: [...tables, sharesTable(value)],
    notes,
  }
}
