/**
 * Human tables of issue 4's extras: the three-waves index table, value at stake and claims.
 * Strings only (cli-table3, no colour codes); the study table renderer prints them in its sections.
 */
import Table from 'cli-table3'
import type {ClaimResult, IndexResult, IndexRow, ValueResult, ValueRow} from '../result.js'
import {MISSING, fmtMoney, fmtNumber, fmtPercent, fmtSignedPercent, fmtWindow} from './format.js'

const plain = {style: {head: [], border: []}}

/** Event ids in first-seen order across the index rows. */
function indexEvents(index: IndexResult): string[] {
  const ids: string[] = []
  for (const r of [...index.securities, ...index.groups]) for (const id of Object.keys(r.sinceEvent)) if (!ids.includes(id)) ids.push(id)
  return ids
}

function indexCells(r: IndexRow, label: string, events: string[]): string[] {
  return [
    label,
    fmtNumber(r.base, 2),
    fmtNumber(r.level, 1),
    fmtSignedPercent(r.sinceBase, 1),
    ...events.map((e) => (e in r.sinceEvent ? fmtSignedPercent(r.sinceEvent[e], 1) : '')),
    r.peak === null ? MISSING : `${fmtNumber(r.peak, 1)} (${r.peakDate ?? MISSING})`,
    fmtPercent(r.drawdown, 1),
  ]
}

/**
 * The index table as of asOf: per group its index row, then its members; the benchmark first.
 * Level: 100 = base-period mean; since base = level / 100 − 1; since EVENT = from the last close before day 0.
 */
export function renderIndexTable(index: IndexResult): string {
  const events = indexEvents(index)
  const head = ['', 'base B', 'level', 'since base', ...events.map((e) => `since ${e}`), 'peak (date)', 'drawdown']
  const t = new Table({head, ...plain})
  for (const r of index.securities.filter((s) => s.group === null)) t.push(indexCells(r, `${r.id} (benchmark)`, events))
  for (const g of index.groups) {
    t.push(indexCells(g, `[${g.id}]${g.excluded ? ` (${g.excluded})` : ''}`, events))
    for (const r of index.securities.filter((s) => s.group === g.id)) t.push(indexCells(r, `  ${r.id}${r.excluded ? ' †' : ''}`, events))
  }
  const lines = [
    `Base-period index (${index.weighting}-weighted groups): 100 = mean adjusted close ${index.base.from} .. ${index.base.to}; as of ${index.asOf}`,
    t.toString(),
  ]
  const left = index.securities.filter((s) => s.excluded && s.group !== null)
  if (left.length > 0) lines.push(...left.map((s) => `† ${s.id}: ${s.excluded}`))
  lines.push(...index.notes.map((n) => `note: ${n}`))
  return lines.join('\n')
}

function valueCells(r: ValueRow, label: string): string[] {
  const mark = r.approximate ? '≈' : ''
  return [
    label,
    r.event,
    fmtWindow(r.window),
    r.from === r.to ? r.from : `${r.from} .. ${r.to}`,
    r.startPrice === null ? '' : fmtNumber(r.startPrice, 2),
    r.endPrice === null ? '' : fmtNumber(r.endPrice, 2),
    mark + fmtMoney(r.change),
    r.abnormalChange === null ? MISSING : mark + fmtMoney(r.abnormalChange),
  ]
}

/**
 * Value at stake: per group, event and window the members' dollar changes and the group total.
 * change = shares × (P_end − P_start); abnormal = shares × P_start × CAR; ≈ marks adjusted closes standing in.
 */
export function renderValueTable(value: ValueResult): string {
  const t = new Table({head: ['', 'event', 'window', 'dates', 'P start', 'P end', 'change (USD)', 'abnormal (USD)'], ...plain})
  for (const g of value.groups) {
    t.push(valueCells(g, `[${g.id}] total`))
    const members = value.rows.filter((r) => r.group === g.id && (g.event === 'all' || r.event === g.event) && r.window[0] === g.window[0] && r.window[1] === g.window[1])
    for (const r of members) t.push(valueCells(r, `  ${r.id}`))
  }
  const lines = ['Market value at stake: shares × (P_end − P_start); abnormal: shares × P_start × CAR', t.toString()]
  lines.push('Shares outstanding:')
  for (const s of value.shares) lines.push(`  ${s.symbol}: ${fmtNumber(s.shares / 1e9, 3)}bn (${s.source})${s.current ? ' [current shares, not as of the event]' : ''}`)
  if (value.rows.some((r) => r.approximate)) lines.push('≈ approximate: adjusted closes stand in for the unadjusted close')
  lines.push(...value.notes.map((n) => `note: ${n}`))
  return lines.join('\n')
}

/** A claim's number in the unit of its metric: percents for returns, money for dollars, points for index levels. */
export function fmtClaimValue(metric: string, x: number | null): string {
  if (metric === 'valueChange' || metric === 'abnormalValueChange') return fmtMoney(x)
  if (metric === 'indexLevel') return fmtNumber(x, 1)
  return fmtPercent(x, 2)
}

/** Claims: each with expected ± tolerance, the measured value, and HOLDS / FAILS. */
export function renderClaimsTable(claims: readonly ClaimResult[]): string {
  const t = new Table({head: ['claim', 'metric', 'subject', 'event', 'window', 'expected', 'measured', ''], ...plain, wordWrap: true, colWidths: [40, null, null, null, null, null, null, null]})
  for (const c of claims) {
    t.push([
      c.text,
      c.metric,
      c.subject,
      c.event || MISSING,
      fmtWindow(c.window),
      `${fmtClaimValue(c.metric, c.expected)} ± ${fmtClaimValue(c.metric, c.tolerance).replace(/^-/, '')}`,
      fmtClaimValue(c.metric, c.measured),
      c.holds ? 'HOLDS' : 'FAILS',
    ])
  }
  const held = claims.filter((c) => c.holds).length
  const lines = [`Claims: ${held} of ${claims.length} hold (|measured − expected| <= tolerance)`, t.toString()]
  for (const c of claims) if (c.note) lines.push(`${c.id}: ${c.note}`)
  return lines.join('\n')
}
