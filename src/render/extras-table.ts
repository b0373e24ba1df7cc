/**
 * Human tables of issue 4's extras: the three-waves index table, value at stake and claims.
 * Strings only (cli-table3, no colour codes); the study table renderer prints them in its sections.
 */
import Table from 'cli-table3'
import type {ClaimResult, IndexResult, IndexRow, ValueResult, ValueRow} from '../result.js'
import {MISSING, fmtMoney, fmtNumber, fmtPercent, fmtSignedPercent, fmtWindow} from './format.js'

/** No colour codes; no rule between body rows (long tables stay readable in a terminal). */
const plain = {style: {head: [], border: []}, chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''}}

/** Event ids in first-seen order across the index rows. */
function indexEvents(index: IndexResult): string[] {
  const ids: string[] = []
  for (const r of [...index.securities, ...index.groups])
    for (const id of Object.keys(r.sinceEvent)) if (!ids.includes(id)) ids.push(id)
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
    for (const r of index.securities.filter((s) => s.group === g.id))
      t.push(indexCells(r, `  ${r.id}${r.excluded ? ' †' : ''}`, events))
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

const winKey = (w: readonly [number, number]): string => `${w[0]},${w[1]}`

/**
 * Value at stake, one table per event: rows are group totals followed by their members, columns the dollar
 * change and the abnormal dollar change over each window (day 0 first).
 * change = shares × (P_end − P_start); abnormal = shares × P_start × CAR; ≈ marks adjusted closes standing in.
 */
export function renderValueTable(value: ValueResult): string {
  const lines = [
    'Market value at stake (USD): Δ = shares × (P_end − P_start), P_start the close before the window; abn. = shares × P_start × CAR',
  ]
  const events = [...new Set([...value.groups, ...value.rows].map((r) => r.event))]
  for (const ev of events) {
    const groupRows = value.groups.filter((g) => g.event === ev)
    const memberRows = value.rows.filter((r) => r.event === ev || ev === 'all')
    const windows: Array<[number, number]> = []
    for (const r of [...groupRows, ...memberRows])
      if (!windows.some((w) => winKey(w) === winKey(r.window))) windows.push(r.window)
    const dates = (w: [number, number]): string => {
      const r = groupRows.find((g) => winKey(g.window) === winKey(w))
      return r && ev !== 'all' ? (r.from === r.to ? ` ${r.from}` : ` ${r.from}..${r.to}`) : ''
    }
    const head = ['', ...windows.flatMap((w) => [`Δ ${fmtWindow(w)}`, `abn. ${fmtWindow(w)}`])]
    const t = new Table({head, ...plain})
    const allApprox = memberRows.every((r) => r.approximate)
    const cells = (label: string, rows: ValueRow[]): string[] => [
      label,
      ...windows.flatMap((w) => {
        const r = rows.find((x) => winKey(x.window) === winKey(w))
        if (!r) return [MISSING, MISSING]
        const mark = r.approximate && !allApprox ? '≈' : ''
        return [mark + fmtMoney(r.change), r.abnormalChange === null ? MISSING : mark + fmtMoney(r.abnormalChange)]
      }),
    ]
    const groupIds = [...new Set(groupRows.map((g) => g.id))]
    for (const g of groupIds) {
      t.push(
        cells(
          `[${g}] total`,
          groupRows.filter((r) => r.id === g),
        ),
      )
      const members = [...new Set(memberRows.filter((r) => r.group === g).map((r) => r.id))]
      for (const m of members)
        t.push(
          cells(
            `  ${m}`,
            memberRows.filter((r) => r.group === g && r.id === m),
          ),
        )
    }
    lines.push(`event ${ev}: ${windows.map((w) => `${fmtWindow(w)}${dates(w)}`).join('; ')}`, t.toString())
  }
  lines.push('Shares outstanding:')
  for (const s of value.shares)
    lines.push(
      `  ${s.symbol}: ${fmtNumber(s.shares / 1e9, 3)}bn (${s.source})${s.current ? ' [current shares, not as of the event]' : ''}`,
    )
  if (value.rows.every((r) => r.approximate))
    lines.push('All figures approximate: adjusted closes stand in for the unadjusted close')
  else if (value.rows.some((r) => r.approximate))
    lines.push('≈ approximate: adjusted closes stand in for the unadjusted close')
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
  const t = new Table({
    head: ['claim', 'metric', 'subject', 'event', 'window', 'expected', 'measured', ''],
    ...plain,
    wordWrap: true,
    colWidths: [40, null, null, null, null, null, null, null],
  })
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
