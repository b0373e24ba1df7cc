/**
 * The study's questions and plain-words answers drawn from the result's own numbers.
 * Sentences only state what the tables show; a group window is judged by the battery (significance.ts):
 * how many tests of a fixed set reject at 5%, and which disagree.
 */
import type {TestName} from '../engine/types.js'
import type {GroupResult, StudyResult, WindowRow} from '../result.js'
import {type Day0Point, day0Points, eventLabel, groupLabel, pooledEvent} from './chart-data.js'
import {claimUnit} from './claims.js'
import {fmtNumber, fmtSignedPercent, fmtSignedUsd, fmtUsd, fmtWindow, listed} from './format.js'
import type {ColumnType} from './model.js'
import {FINDING_TESTS, judgeBattery} from './significance.js'
import {TEST_LABELS} from './test-labels.js'

/** Study text the caller may pass when the result does not echo it (an older results.json). */
export interface StudyText {
  title?: string | null
  description?: string | null
  questions?: string[]
}

export interface FindingGroup {
  heading: string
  items: string[]
}

/** Title, description and questions: from result.study when the runner echoes them, else from `text`. */
export function studyText(
  result: StudyResult,
  text: StudyText = {},
): {title: string; description: string | null; questions: string[]} {
  const echo = result.study as StudyResult['study'] & StudyText
  return {
    title: echo.title ?? text.title ?? result.study.name,
    description: echo.description ?? text.description ?? null,
    questions: echo.questions && echo.questions.length > 0 ? echo.questions : (text.questions ?? []),
  }
}

function level(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'not tested'
  if (p < 0.01) return 'significant at 1%'
  if (p < 0.05) return 'significant at 5%'
  if (p < 0.1) return 'significant at 10%'
  return 'not significant'
}

/** "-15.6%" for returns, "-$592.5bn" for dollars, "804.4" for index points. */
function valueIn(unit: ColumnType, x: number | null, unsigned = false): string {
  const s = unit === 'money' ? fmtUsd(x) : unit === 'number' ? fmtNumber(x, 2) : fmtSignedPercent(x)
  return unsigned ? s.replace(/^[+-]/, '') : s
}

/**
 * The battery's verdict on a group window, naming both sides: "3 of 6 tests reject at 5%: Cross-sectional t -4.03,
 * Brown-Warner 1985 -8.52 and BMP -4.03; Kolari-Pynnönen -1.91 (p 0.110) ... do not".
 */
export function batteryVerdict(w: WindowRow): string {
  const v = judgeBattery(w.tests)
  const m = v.tested.length
  if (m === 0) return 'not tested'
  const k = v.rejecting.length
  const stat = (t: TestName): string => `${TEST_LABELS[t].long} ${fmtNumber(w.tests[t].stat, 2)}`
  const withP = (t: TestName): string => `${stat(t)} (p ${fmtNumber(w.tests[t].p, 3)})`
  if (k === m) return `all ${m} tests reject at 5%`
  if (k === 0) return `none of the ${m} tests rejects at 5%`
  const no = v.notRejecting
  return `${k} of ${m} tests ${k === 1 ? 'rejects' : 'reject'} at 5%: ${listed(v.rejecting.map(stat))}; ${listed(no.map(withP))} ${no.length === 1 ? 'does' : 'do'} not`
}

/** A single security's window: its own t test. */
function ownTest(result: StudyResult, g: GroupResult, w: WindowRow): string {
  const s = result.securities.find(
    (x) => x.group === g.group && (g.event === 'all' || x.event === g.event) && x.windows,
  )
  const sw = s?.windows?.find((x) => x.window[0] === w.window[0] && x.window[1] === w.window[1])
  const p = sw?.p ?? w.tests.crossSectionalT?.p ?? null
  return p === null ? level(p) : `${level(p)}, own t test`
}

function describeWindow(result: StudyResult, g: GroupResult, w: WindowRow): string {
  const where = w.window[0] === 0 && w.window[1] === 0 ? 'on day 0' : `over days ${fmtWindow(w.window)}`
  const verdict = w.n >= 2 ? batteryVerdict(w) : ownTest(result, g, w)
  return `${fmtSignedPercent(w.caar, 1)} ${where} (${verdict})`
}

function groupItem(result: StudyResult, g: GroupResult): string | null {
  if (g.windows.length === 0) return null
  const day0 = g.windows.find((w) => w.window[0] === 0 && w.window[1] === 0)
  const longest = [...g.windows].sort((a, b) => b.window[1] - b.window[0] - (a.window[1] - a.window[0]))[0]
  const parts = [day0, longest].filter((w, i, arr): w is WindowRow => w !== undefined && arr.indexOf(w) === i)
  const who = g.n === 1 ? `${g.label ?? g.group} (1 security)` : `${g.label ?? g.group} (N = ${g.n})`
  return `${who}: abnormal return ${parts.map((w) => describeWindow(result, g, w)).join('; ')}.`
}

function eventFindings(result: StudyResult): FindingGroup[] {
  const out: FindingGroup[] = []
  const shifted = result.events.filter((e) => e.shift !== 0 && e.symbol === null)
  // Each event's day-0 points, ranked by day0Points once for all events (a study may have a hundred).
  const day0 = day0Points(result)
  const day0Of = new Map<string, Day0Point[]>()
  for (const p of day0) {
    const list = day0Of.get(p.event)
    if (list) list.push(p)
    else day0Of.set(p.event, [p])
  }
  for (const ev of [...new Set(result.groups.map((g) => g.event))]) {
    const items = result.groups
      .filter((x) => x.event === ev)
      .map((g) => groupItem(result, g))
      .filter((s): s is string => s !== null)
    const pts = ev === 'all' ? [...day0] : (day0Of.get(ev) ?? [])
    // Pooled list events: day0Points ranks within each event (one security each), so rank them all here.
    if (ev === 'all') pts.sort((a, b) => a.ar - b.ar)
    if (pts.length > 1) {
      const lo = pts[0]
      const hi = pts[pts.length - 1]
      items.push(
        `Largest day-0 fall: ${lo.symbol} ${fmtSignedPercent(lo.ar, 1)}; largest day-0 rise or smallest fall: ${hi.symbol} ${fmtSignedPercent(hi.ar, 1)}.`,
      )
    }
    const e = shifted.find((x) => x.id === ev)
    if (e) items.unshift(`The market was closed on ${e.date}; day 0 is ${e.tradingDate}.`)
    if (items.length > 0) out.push({heading: `Around ${eventLabel(result, ev)}`, items})
  }
  if (out.length > 0) {
    const set = FINDING_TESTS.map((t) => TEST_LABELS[t].long).join(', ')
    out[0].items.push(
      `Significance: for a group, how many of ${FINDING_TESTS.length} tests (${set}) reject "no abnormal return" at 5%, naming those that disagree; for a single security, its own t test.`,
    )
  }
  return out
}

function indexFindings(result: StudyResult): FindingGroup[] {
  const idx = result.index
  if (!idx || idx.groups.length === 0) return []
  const items = idx.groups.map((g) => {
    const peak =
      g.peak !== null && g.peakDate
        ? `; peak ${fmtNumber(g.peak, 1)} on ${g.peakDate}, ${fmtSignedPercent(g.drawdown, 1)} from it`
        : ''
    return `${groupLabel(result, g.id)}: index ${fmtNumber(g.level, 1)} (${fmtSignedPercent(g.sinceBase, 1)} since the base)${peak}.`
  })
  return [{heading: `Since the base period (${idx.base.from} to ${idx.base.to} = 100), as of ${idx.asOf}`, items}]
}

function valueFindings(result: StudyResult): FindingGroup[] {
  const v = result.value
  if (!v) return []
  const day0 = (r: {window: [number, number]}): boolean => r.window[0] === 0 && r.window[1] === 0
  const items = v.groups
    .filter(day0)
    .map(
      (r) =>
        `${groupLabel(result, r.id)}, day 0 of ${r.event}: market value changed by ${fmtSignedUsd(r.change)} (abnormal part ${fmtSignedUsd(r.abnormalChange)}).`,
    )
  const worst = [...v.rows].filter(day0).sort((a, b) => a.change - b.change)[0]
  if (worst && worst.change < 0)
    items.push(`Largest single loss on a day 0: ${worst.id}, ${fmtUsd(worst.change)} (${worst.event}).`)
  return items.length > 0 ? [{heading: 'Market value at stake', items}] : []
}

function volatilityFindings(result: StudyResult): FindingGroup[] {
  const vol = result.volatility
  if (!vol) return []
  // Events from a list (one security each) pooled per group, as their group results are.
  const pooled = pooledEvent(result)
  const byKey = new Map<string, {ev: string; grp: string; n: number; rose: number; sum: number}>()
  for (const s of vol.securities) {
    const ev = pooled(s.event)
    const k = `${ev}\u0000${s.group}`
    const e = byKey.get(k) ?? {ev, grp: s.group, n: 0, rose: 0, sum: 0}
    e.n++
    if (s.significant) e.rose++
    e.sum += s.ratio
    byKey.set(k, e)
  }
  const items = [...byKey.values()].map(
    ({ev, grp, n, rose, sum}) =>
      `${groupLabel(result, grp)} after ${ev === 'all' ? 'the list events' : ev}: volatility rose significantly for ${rose} of ${n} (mean variance ratio ${fmtNumber(sum / n, 2)}).`,
  )
  if (items.length === 0) return []
  return [
    {heading: `Volatility, days ${vol.window[0]} to ${vol.window[1]} after the event vs. the estimation window`, items},
  ]
}

function claimFindings(result: StudyResult): FindingGroup[] {
  const claims = result.claims ?? []
  if (claims.length === 0) return []
  const held = claims.filter((c) => c.holds).length
  const items = claims.map((c) => {
    const u = claimUnit(c.metric)
    const measured = `measured ${valueIn(u, c.measured)}, claimed ${valueIn(u, c.expected)} ± ${valueIn(u, c.tolerance, true)}`
    return `${c.holds ? 'Holds' : 'Fails'}: “${c.text}” (${measured}${c.note ? `; ${c.note}` : ''}).`
  })
  return [{heading: `Claims: ${held} of ${claims.length} hold`, items}]
}

/** Plain-words findings, one heading per topic. */
export function findings(result: StudyResult): FindingGroup[] {
  return [
    ...eventFindings(result),
    ...indexFindings(result),
    ...valueFindings(result),
    ...volatilityFindings(result),
    ...claimFindings(result),
  ]
}
