/**
 * The human summary of a study result (the default output of `aftershock study run`), in the order issue 4
 * asks for: events and trading dates; three-waves table; per group and window the CAAR with its tests; top
 * and bottom day-0 abnormal returns; value at stake; volatility; volume; claims; exclusions and notes.
 */
import Table from 'cli-table3'
import {normalTwoSidedP} from '../engine/distributions.js'
import {TEST_NAMES} from '../engine/types.js'
import type {GroupResult, StudyResult} from '../result.js'
import {renderClaimsTable, renderIndexTable, renderValueTable} from './extras-table.js'
import {
  fmtDay,
  fmtNumber,
  fmtPercent,
  fmtSignedPercent,
  fmtTest,
  fmtWindow,
  MISSING,
  STARS_LEGEND,
  stars,
  TEST_LABELS,
} from './format.js'

export interface StudyTableOptions {
  /** Colour table headers (callers pass useColor(process.stdout)). Default false. */
  color?: boolean
  /** How many securities to show at each end of the day-0 ranking. Default 5. */
  topN?: number
}

function table(head: string[], color: boolean, colAligns?: Array<'left' | 'right' | 'center'>): Table.Table {
  // compact: no rule between rows, so long tables stay readable in a terminal
  return new Table({
    head,
    style: {head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true},
    ...(colAligns ? {colAligns} : {}),
  })
}

function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`
}

/** Renders the whole result as text tables. Pure: the same result gives the same string. */
export function renderStudyTable(result: StudyResult, opts: StudyTableOptions = {}): string {
  const color = opts.color ?? false
  const topN = opts.topN ?? 5
  const out: string[] = []
  const s = result.study
  out.push(
    `Study ${s.name}: ${s.model} model on ${s.benchmark}, ${s.returns} returns from ${s.price === 'adjClose' ? 'adjusted closes' : 'closes'}`,
  )
  out.push(`Data as of ${result.dataAsOf} · aftershock ${result.tool.version}`)

  // events
  out.push(heading('Events'))
  const ev = table(['Event', 'Symbol', 'Label', 'Date', 'Day 0', 'Shift'], color)
  const events = result.events.length > 40 ? result.events.slice(0, 40) : result.events
  for (const e of events)
    ev.push([e.id, e.symbol ?? '', e.label ?? '', e.date, e.tradingDate, e.shift === 0 ? '0' : fmtDay(e.shift)])
  out.push(ev.toString())
  if (result.events.length > events.length)
    out.push(`(${result.events.length - events.length} more events; see --json or --csv)`)
  for (const e of result.events.slice(0, 40)) if (e.note) out.push(`  ${e.id}: ${e.note}`)

  if (result.index) {
    out.push(
      heading(
        `Three waves: index levels as of ${result.index.asOf} (100 = ${result.index.base.from} to ${result.index.base.to})`,
      ),
    )
    out.push(renderIndexTable(result.index))
  }

  // CAAR and tests per group × event
  out.push(heading('Cumulative average abnormal returns (CAAR) and tests'))
  for (const g of result.groups) out.push(groupTable(g, color))
  out.push(STARS_LEGEND)

  // top and bottom day-0 ARs
  const day0 = dayZeroRanking(result)
  if (day0.length > 0) {
    out.push(heading('Abnormal returns on day 0'))
    const t = table(['Symbol', 'Group', 'Event', 'Date', 'Return', 'AR', 'SAR'], color, [
      'left',
      'left',
      'left',
      'left',
      'right',
      'right',
      'right',
    ])
    const shown = day0.length <= 2 * topN ? day0 : [...day0.slice(0, topN), null, ...day0.slice(-topN)]
    for (const r of shown) {
      if (r === null) t.push(['…', '', '', '', '', '', ''])
      else
        t.push([
          r.symbol,
          r.group,
          r.event,
          r.date,
          fmtSignedPercent(r.ret),
          fmtSignedPercent(r.ar) + stars(normalTwoSidedP(r.sar)),
          fmtNumber(r.sar, 2),
        ])
    }
    out.push(t.toString())
    out.push(`Highest first. Stars from the standardized AR (SAR, normal). ${STARS_LEGEND}`)
  }

  if (result.value) {
    out.push(heading('Market value at stake'))
    out.push(renderValueTable(result.value))
  }

  if (result.volatility && result.volatility.groups.length > 0) {
    const v = result.volatility
    out.push(heading(`Abnormal volatility, days ${fmtWindow(v.window)} vs the estimation window`))
    const t = table(
      ['Group', 'Event', 'N', 'Mean variance ratio', 'Share significant (5%)', 'mean SAR² − 1', 'Test t'],
      color,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    )
    for (const g of v.groups)
      t.push([
        g.group,
        g.event,
        g.n,
        fmtNumber(g.meanRatio, 2),
        fmtPercent(g.shareSignificant, 0),
        fmtNumber(g.meanSar2Minus1, 2),
        fmtTest(g.test),
      ])
    out.push(t.toString())
    const rose = v.securities.filter((x) => x.significant)
    if (rose.length > 0) {
      const list = rose.map((x) => `${x.symbol} (${x.event}, ratio ${fmtNumber(x.ratio, 1)})`)
      out.push(
        `Significant rise (F test, 5%): ${list.slice(0, 30).join(', ')}${list.length > 30 ? `, and ${list.length - 30} more` : ''}`,
      )
    } else {
      out.push('No security shows a significant rise in volatility (F test, 5%).')
    }
  }

  if (result.volume && result.volume.groups.length > 0) {
    const v = result.volume
    out.push(heading(`Abnormal volume, days ${fmtWindow(v.window)}`))
    const t = table(
      ['Group', 'Event', 'N', 'Day 0 mean AV', 'Day 0 t', 'Peak day', 'Peak mean AV', 'Peak t', 'Window mean AV'],
      color,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    )
    for (const g of v.groups) {
      const d0 = g.daily.find((d) => d.t === 0)
      const peak = g.daily.reduce<(typeof g.daily)[number] | null>(
        (a, d) => (a === null || d.meanAv > a.meanAv ? d : a),
        null,
      )
      const avg = g.daily.length > 0 ? g.daily.reduce((a, d) => a + d.meanAv, 0) / g.daily.length : null
      t.push([
        g.group,
        g.event,
        g.n,
        fmtNumber(d0?.meanAv, 2),
        fmtTest(d0?.crossSectionalT),
        peak ? fmtDay(peak.t) : MISSING,
        fmtNumber(peak?.meanAv, 2),
        fmtTest(peak?.crossSectionalT),
        fmtNumber(avg, 2),
      ])
    }
    out.push(t.toString())
    out.push(
      'AV = ln(1 + volume) minus its estimation-window mean (0.69 ≈ double the usual volume); t: cross-sectional t. Daily rows: --json or --csv.',
    )
    for (const n of v.notes) out.push(`  ${n}`)
  }

  if (result.claims && result.claims.length > 0) {
    out.push(heading('Claims'))
    out.push(renderClaimsTable(result.claims))
  }

  const excluded = result.securities.filter((x) => x.excluded)
  if (excluded.length > 0) {
    out.push(heading('Excluded'))
    for (const x of excluded.slice(0, 50)) out.push(`  ${x.symbol} (${x.group}, ${x.event}): ${x.excluded}`)
    if (excluded.length > 50) out.push(`  and ${excluded.length - 50} more (see --json)`)
  }
  if (result.overlaps && result.overlaps.length > 0) {
    out.push(heading('Overlapping events'))
    for (const o of result.overlaps) out.push(`  ${o.note}`)
  }
  if (result.notes.length > 0) {
    out.push(heading('Notes'))
    for (const n of result.notes) out.push(`  - ${n}`)
  }
  return out.join('\n') + '\n'
}

/** One table per group × event: rows CAAR, N, then each test; columns the windows. */
function groupTable(g: GroupResult, color: boolean): string {
  const title = `${g.label ? `${g.label} (${g.group})` : g.group}, event ${g.event}: N = ${g.n}${g.excluded > 0 ? `, ${g.excluded} excluded` : ''}`
  if (g.windows.length === 0) return `\n${title}\n  no estimable security: no averages or tests`
  const head = [
    '',
    ...g.windows.map(
      (w) => fmtWindow(w.window) + (w.from && w.to ? `\n${w.from === w.to ? w.from : `${w.from}..${w.to}`}` : ''),
    ),
  ]
  const t = table(head, color, ['left', ...g.windows.map(() => 'right' as const)])
  t.push(['CAAR', ...g.windows.map((w) => fmtSignedPercent(w.caar))])
  t.push(['N', ...g.windows.map((w) => String(w.n))])
  for (const name of TEST_NAMES) t.push([TEST_LABELS[name], ...g.windows.map((w) => fmtTest(w.tests[name]))])
  return `\n${title}\n${t.toString()}`
}

interface DayZeroRow {
  symbol: string
  group: string
  event: string
  date: string
  ret: number
  ar: number
  sar: number
}

/** Every included security-event's day-0 AR, highest first; ties by symbol for a stable order. */
export function dayZeroRanking(result: StudyResult): DayZeroRow[] {
  const rows: DayZeroRow[] = []
  for (const s of result.securities) {
    const r = s.ar?.find((x) => x.t === 0)
    if (r) rows.push({symbol: s.symbol, group: s.group, event: s.event, date: r.date, ret: r.ret, ar: r.ar, sar: r.sar})
  }
  return rows.sort((a, b) => b.ar - a.ar || a.symbol.localeCompare(b.symbol) || a.event.localeCompare(b.event))
}
