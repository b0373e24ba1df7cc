/**
 * The tables of `study run`, as plain data (headers + string cells) so that Markdown and HTML render the same thing.
 * Order follows the study run summary: events, three waves, CAAR with tests, day-0 extremes, value at stake,
 * volatility, volume, claims, exclusions, overlapping events, notes.
 */
import {TEST_NAMES, type TestName} from '../engine/types.js'
import type {StudyResult} from '../result.js'
import {day0Points, eventLabel, groupLabel} from './chart-data.js'
import {
  fmtDay,
  fmtMoney,
  fmtNumber,
  fmtPercent,
  fmtSignedPercent,
  fmtTest,
  fmtWindow,
  MISSING,
  stars,
} from '../render/format.js'

export interface ReportTable {
  caption?: string
  headers: string[]
  /** Right-align these columns (numbers). */
  numeric: boolean[]
  rows: string[][]
}

export interface ReportSection {
  id: string
  title: string
  /** One short paragraph saying how to read the tables. */
  intro?: string
  tables: ReportTable[]
}

export const TEST_SHORT: Record<TestName, string> = {
  crossSectionalT: 'CS t',
  brownWarner1980: 'BW80',
  brownWarner1985: 'BW85',
  patell: 'Patell',
  bmp: 'BMP',
  kolariPynnonen: 'KP',
  corrado: 'Corrado',
  sign: 'Sign',
  generalizedSign: 'G-sign',
  wilcoxon: 'Wilcoxon',
}

/** Signed percent: -0.1697 -> "-16.97%", 0.05 -> "+5.00%"; a value that rounds to zero prints unsigned. */
export function pct(x: number | null | undefined, digits = 2): string {
  const s = fmtSignedPercent(x, digits)
  return /^\+0(\.0*)?%$/.test(s) ? s.slice(1) : s
}
/** Fixed decimals, two by default. */
export const num = (x: number | null | undefined, digits = 2): string => fmtNumber(x, digits)

/** US dollars in short scale: -5.92e11 -> "-$592.0bn". */
export function usd(x: number | null | undefined): string {
  const m = fmtMoney(x)
  return m === MISSING ? m : m.startsWith('-') ? `-$${m.slice(1)}` : `$${m}`
}

function eventsSection(result: StudyResult): ReportSection {
  return {
    id: 'events',
    title: 'Events',
    intro: 'Day 0 is the first trading day on or after the event date (the study’s non-trading-day rule).',
    tables: [
      {
        headers: ['Event', 'Label', 'Date', 'Day 0', 'Shift', 'Note'],
        numeric: [false, false, false, false, true, false],
        rows: result.events.map((e) => [
          e.symbol ? `${e.id} (${e.symbol})` : e.id,
          e.label ?? '',
          e.date,
          e.tradingDate,
          String(e.shift),
          e.note ?? '',
        ]),
      },
    ],
  }
}

function indexSection(result: StudyResult): ReportSection | null {
  const idx = result.index
  if (!idx) return null
  const events = result.events.filter((e) => e.symbol === null).map((e) => e.id)
  const headers = [
    'Group / security',
    'Level',
    'Since base',
    ...events.map((e) => `Since ${e}`),
    'Peak',
    'Peak date',
    'Drawdown',
    'Note',
  ]
  const numeric = headers.map((_, i) => i >= 1 && i < headers.length - 1 && i !== 4 + events.length)
  const row = (r: (typeof idx.groups)[number], name: string): string[] => [
    name,
    num(r.level, 1),
    pct(r.sinceBase, 1),
    ...events.map((e) => pct(r.sinceEvent[e] ?? null, 1)),
    num(r.peak, 1),
    r.peakDate ?? MISSING,
    pct(r.drawdown, 1),
    r.excluded ?? '',
  ]
  return {
    id: 'index',
    title: 'Three waves: indexes since the base period',
    intro: `Index 100 = mean adjusted close over ${idx.base.from} to ${idx.base.to} (${idx.weighting}-weighted groups), as of ${idx.asOf}. "Since" an event: from the last close before it.`,
    tables: [
      {caption: 'Groups', headers, numeric, rows: idx.groups.map((g) => row(g, groupLabel(result, g.id)))},
      {
        caption: 'Securities',
        headers,
        numeric,
        rows: idx.securities.map((s) => row(s, s.group ? `${s.id} (${s.group})` : s.id)),
      },
    ].filter((t) => t.rows.length > 0),
  }
}

function caarSection(result: StudyResult): ReportSection {
  const headers = ['Group', 'Event', 'Window', 'N', 'CAAR', ...TEST_NAMES.map((t) => TEST_SHORT[t])]
  const rows: string[][] = []
  for (const g of result.groups) {
    for (const w of g.windows) {
      rows.push([
        g.label ?? g.group,
        g.event,
        fmtWindow(w.window),
        String(w.n),
        pct(w.caar),
        ...TEST_NAMES.map((t) => fmtTest(w.tests[t])),
      ])
    }
  }
  return {
    id: 'caar',
    title: 'Cumulative average abnormal returns and tests',
    intro:
      'Test statistics with stars for two-sided p-values: *** 1%, ** 5%, * 10%. CS t: cross-sectional t; BW80/BW85: Brown-Warner; BMP: Boehmer-Musumeci-Poulsen; KP: Kolari-Pynnönen adjusted BMP; G-sign: generalized sign.',
    tables: [{headers, numeric: headers.map((_, i) => i >= 3), rows}],
  }
}

function day0Section(result: StudyResult, k = 5): ReportSection | null {
  const pts = day0Points(result)
  if (pts.length === 0) return null
  const tables: ReportTable[] = []
  for (const ev of [...new Set(pts.map((p) => p.event))]) {
    const rows = pts.filter((p) => p.event === ev)
    const pick = rows.length <= 2 * k ? rows : [...rows.slice(0, k), ...rows.slice(-k)]
    tables.push({
      caption: rows.length <= 2 * k ? eventLabel(result, ev) : `${eventLabel(result, ev)}: bottom and top ${k}`,
      headers: ['Security', 'Group', 'AR day 0', 'SAR', 'p'],
      numeric: [false, false, true, true, true],
      rows: pick.map((p) => [p.symbol, p.groupLabel, pct(p.ar), num(p.sar), `${num(p.p, 3)}${stars(p.p)}`]),
    })
  }
  return {
    id: 'day0',
    title: 'Abnormal returns on day 0',
    intro: 'Sorted from the largest fall; p from the security’s own day-0 test.',
    tables,
  }
}

function valueSection(result: StudyResult): ReportSection | null {
  const v = result.value
  if (!v) return null
  const headers = [
    'Security / group',
    'Event',
    'Window',
    'Start',
    'End',
    'Start price',
    'End price',
    'Change',
    'Abnormal change',
  ]
  const numeric = [false, false, false, false, false, true, true, true, true]
  const row = (r: (typeof v.rows)[number], name: string): string[] => [
    name + (r.approximate ? ' †' : ''),
    r.event,
    fmtWindow(r.window),
    r.from,
    r.to,
    num(r.startPrice),
    num(r.endPrice),
    usd(r.change),
    usd(r.abnormalChange),
  ]
  return {
    id: 'value',
    title: 'Market value at stake',
    intro:
      'Change = shares × (end price − close before the window); abnormal change = shares × start price × CAR. † adjusted closes stand in for unadjusted closes.',
    tables: [
      {caption: 'Groups (sums)', headers, numeric, rows: v.groups.map((r) => row(r, groupLabel(result, r.id)))},
      {caption: 'Securities', headers, numeric, rows: v.rows.map((r) => row(r, r.id))},
      {
        caption: 'Shares outstanding used',
        headers: ['Security', 'Shares', 'Source'],
        numeric: [false, true, false],
        rows: v.shares.map((s) => [
          s.symbol,
          s.shares.toLocaleString('en-US'),
          s.source + (s.current ? ' (current, not as of the event)' : ''),
        ]),
      },
    ].filter((t) => t.rows.length > 0),
  }
}

function volatilitySection(result: StudyResult): ReportSection | null {
  const v = result.volatility
  if (!v) return null
  const tables: ReportTable[] = []
  if (v.groups.length > 0) {
    tables.push({
      caption: 'Groups',
      headers: ['Group', 'Event', 'N', 'Mean variance ratio', 'Share significant', 'Mean SAR² − 1', 'CS t'],
      numeric: [false, false, true, true, true, true, true],
      rows: v.groups.map((g) => [
        groupLabel(result, g.group),
        g.event,
        String(g.n),
        num(g.meanRatio),
        fmtPercent(g.shareSignificant, 0),
        num(g.meanSar2Minus1),
        fmtTest(g.test),
      ]),
    })
  }
  tables.push({
    caption: 'Securities',
    headers: ['Security', 'Group', 'Event', 'Variance ratio', 'p (F)', 'Rose?'],
    numeric: [false, false, false, true, true, false],
    rows: v.securities.map((s) => [
      s.symbol,
      s.group,
      s.event,
      num(s.ratio),
      num(s.p, 3),
      s.significant ? 'yes' : 'no',
    ]),
  })
  return {
    id: 'volatility',
    title: 'Volatility after the event',
    intro: `Variance ratio: variance of ARs over days ${v.window[0]} to ${v.window[1]} / estimation-window variance; F test, one-sided, 5%.`,
    tables,
  }
}

function volumeSection(result: StudyResult): ReportSection | null {
  const v = result.volume
  if (!v || v.groups.length === 0) return null
  const rows = v.groups.map((g) => {
    const d0 = g.daily.find((d) => d.t === 0)
    const peak = g.daily.reduce<(typeof g.daily)[number] | null>(
      (a, d) => (a === null || d.meanAv > a.meanAv ? d : a),
      null,
    )
    const avg = g.daily.length > 0 ? g.daily.reduce((a, d) => a + d.meanAv, 0) / g.daily.length : null
    return [
      groupLabel(result, g.group),
      g.event,
      String(g.n),
      num(d0?.meanAv),
      fmtTest(d0?.crossSectionalT),
      peak ? fmtDay(peak.t) : MISSING,
      num(peak?.meanAv),
      fmtTest(peak?.crossSectionalT),
      num(avg),
    ]
  })
  const notes = v.notes.length > 0 ? ` ${v.notes.join('; ')}.` : ''
  return {
    id: 'volume',
    title: 'Abnormal volume',
    intro:
      `AV = ln(1 + volume) minus its estimation-window mean, days ${fmtWindow(v.window)} (0.69 ≈ double the usual volume); ` +
      `t: cross-sectional t of the standardized AV.${notes}`,
    tables: [
      {
        headers: [
          'Group',
          'Event',
          'N',
          'Day 0 mean AV',
          'Day 0 t',
          'Peak day',
          'Peak mean AV',
          'Peak t',
          'Window mean AV',
        ],
        numeric: [false, false, true, true, true, true, true, true, true],
        rows,
      },
    ],
  }
}

function overlapsSection(result: StudyResult): ReportSection | null {
  const o = result.overlaps
  if (!o || o.length === 0) return null
  return {
    id: 'overlaps',
    title: 'Overlapping events',
    intro: 'Events of one security whose windows overlap: their abnormal returns share days and are not independent.',
    tables: [
      {headers: ['Security', 'Events'], numeric: [false, false], rows: o.map((x) => [x.symbol, x.events.join(', ')])},
    ],
  }
}

/** A claim's value in its metric's unit: dollars, index points or a percent. */
export function claimValue(metric: string, x: number | null): string {
  if (metric === 'valueChange' || metric === 'abnormalValueChange') return usd(x)
  if (metric === 'indexLevel') return num(x, 1)
  return pct(x)
}

function claimsSection(result: StudyResult): ReportSection | null {
  const c = result.claims
  if (!c || c.length === 0) return null
  const fmt = claimValue
  return {
    id: 'claims',
    title: 'Claims',
    intro: 'A claim holds when |measured − expected| ≤ tolerance.',
    tables: [
      {
        headers: ['Claim', 'Metric', 'Subject', 'Event', 'Window', 'Expected', 'Measured', 'Holds', 'Note'],
        numeric: [false, false, false, false, false, true, true, false, false],
        rows: c.map((x) => [
          x.text,
          x.metric,
          x.subject,
          x.event ?? MISSING,
          fmtWindow(x.window),
          `${fmt(x.metric, x.expected)} ± ${fmt(x.metric, x.tolerance).replace(/^\+/, '')}`,
          fmt(x.metric, x.measured),
          x.holds ? 'holds' : 'FAILS',
          x.note ?? '',
        ]),
      },
    ],
  }
}

function exclusionsSection(result: StudyResult): ReportSection | null {
  const ex = result.securities.filter((s) => s.excluded)
  if (ex.length === 0) return null
  return {
    id: 'excluded',
    title: 'Excluded securities',
    tables: [
      {
        headers: ['Security', 'Group', 'Event', 'Reason'],
        numeric: [false, false, false, false],
        rows: ex.map((s) => [s.symbol, s.group, s.event, s.excluded ?? '']),
      },
    ],
  }
}

/** Every table of the report, in `study run` order; sections without data are left out. */
export function reportSections(result: StudyResult): ReportSection[] {
  return [
    eventsSection(result),
    indexSection(result),
    caarSection(result),
    day0Section(result),
    valueSection(result),
    volatilitySection(result),
    volumeSection(result),
    claimsSection(result),
    exclusionsSection(result),
    overlapsSection(result),
  ].filter((s): s is ReportSection => s !== null && s.tables.length > 0)
}
