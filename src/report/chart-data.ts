/**
 * The numbers behind the report's charts, taken from a StudyResult: pure functions, no rendering.
 * Every value is finite or null; rows that cannot be computed are left out.
 */
import {meanConfidenceBand} from '../engine/confidence-band.js'
import {mean} from '../engine/stats.js'
import {AR_PATH_RANGE, type EventResult, type GroupResult, type SecurityResult, type StudyResult} from '../result.js'
import {day0P} from './significance.js'

export interface CaarPoint {
  event: string
  eventLabel: string
  group: string
  groupLabel: string
  t: number
  /** CAAR(first day..t) = mean_i CAR_i(first day..t). */
  caar: number
  /** CAAR ± 1.96 × s(CAR_i)/sqrt(N); null when N < 2. */
  lo: number | null
  hi: number | null
  n: number
}

/** Display name of a group: its label, else its id. */
export function groupLabel(result: StudyResult, group: string): string {
  return result.groups.find((g) => g.group === group)?.label ?? group
}

/** Display name of an event: "label (trading date)", or the id for list events aggregated as "all". */
export function eventLabel(result: StudyResult, event: string): string {
  const e = result.events.find((x) => x.id === event)
  if (!e) return event === 'all' ? 'all events' : event
  return `${e.label ?? e.id} (${e.tradingDate})`
}

/** Event name short enough for a chart panel header: the label without its parenthetical, cut to `max`, and day 0. */
export function shortEventLabel(result: StudyResult, event: string, max = 40): string {
  const e = result.events.find((x) => x.id === event)
  if (!e) return event === 'all' ? 'all events' : event
  let name = (e.label ?? e.id).replace(/\s*\(.*$/, '').trim() || e.id
  if (name.length > max) name = name.slice(0, max - 1).trimEnd() + '…'
  return `${name} (${e.tradingDate})`
}

/** Group ids in the order the study lists them (first appearance in result.groups). */
export function groupOrder(result: StudyResult): string[] {
  return [...new Set(result.groups.map((g) => g.group))]
}

/** The estimated security-events that make up a group result (list events aggregate as event "all"). */
export function groupMembers(result: StudyResult, g: GroupResult): SecurityResult[] {
  return result.securities.filter(
    (s) => s.group === g.group && (g.event === 'all' || s.event === g.event) && !s.excluded && s.ar !== undefined,
  )
}

/**
 * CAAR paths with 95% bands, per group × event, over the days of `range` present in the securities' AR rows.
 * CAR_i(a..t) = sum_{τ=a..t} AR_iτ (a = first day present); CAAR_t = mean_i CAR_i; band = CAAR ± 1.96 s(CAR_i)/sqrt(N),
 * s the cross-sectional standard deviation (MacKinlay 1997, sec. 4.4; the cross-sectional t of the methods doc).
 * A security missing a day drops out from that day on, so every CAR covers the same days.
 */
export function caarPaths(result: StudyResult, range: readonly [number, number] = AR_PATH_RANGE): CaarPoint[] {
  const out: CaarPoint[] = []
  for (const g of result.groups) {
    const members = groupMembers(result, g)
    const days = new Set<number>()
    const byT = members.map((s) => {
      const m = new Map<number, number>()
      for (const r of s.ar ?? []) {
        if (r.t >= range[0] && r.t <= range[1] && Number.isFinite(r.ar)) {
          m.set(r.t, r.ar)
          days.add(r.t)
        }
      }
      return m
    })
    const sorted = [...days].sort((a, b) => a - b)
    const car = new Float64Array(members.length)
    const alive = members.map(() => true)
    for (const t of sorted) {
      const cars: number[] = []
      for (let i = 0; i < members.length; i++) {
        const ar = byT[i].get(t)
        if (ar === undefined) alive[i] = false
        if (!alive[i]) continue
        car[i] += ar as number
        cars.push(car[i])
      }
      if (cars.length === 0) continue
      const n = cars.length
      const {mean, lo, hi} = meanConfidenceBand(Float64Array.from(cars))
      out.push({
        event: g.event,
        eventLabel: shortEventLabel(result, g.event),
        group: g.group,
        groupLabel: g.label ?? g.group,
        t,
        caar: mean,
        lo,
        hi,
        n,
      })
    }
  }
  return out
}

export interface Day0Point {
  event: string
  eventLabel: string
  symbol: string
  group: string
  groupLabel: string
  /** AR on day 0. */
  ar: number
  sar: number
  /** Two-sided p of the security's own day-0 test (significance.ts, day0P). */
  p: number
  significant: boolean
}

/** A label function that looks each key up once (a list study asks for 20,000 events' labels, one per row). */
function once(label: (key: string) => string): (key: string) => string {
  const seen = new Map<string, string>()
  return (key) => {
    let v = seen.get(key)
    if (v === undefined) {
      v = label(key)
      seen.set(key, v)
    }
    return v
  }
}

/** Day-0 abnormal returns per security-event, sorted by AR ascending within each event; significant at 5%. */
export function day0Points(result: StudyResult, alpha = 0.05): Day0Point[] {
  const out: Day0Point[] = []
  const eventName = once((e) => shortEventLabel(result, e))
  const groupName = once((g) => groupLabel(result, g))
  for (const s of result.securities) {
    if (s.excluded || !s.ar) continue
    const row = s.ar.find((r) => r.t === 0)
    if (!row || !Number.isFinite(row.ar)) continue
    const p = day0P(s)
    if (p === null) continue
    out.push({
      event: s.event,
      eventLabel: eventName(s.event),
      symbol: s.symbol,
      group: s.group,
      groupLabel: groupName(s.group),
      ar: row.ar,
      sar: row.sar,
      p,
      significant: p < alpha,
    })
  }
  const eventIdx = new Map(result.events.map((e, i) => [e.id, i]))
  return out.sort(
    (a, b) =>
      (eventIdx.get(a.event) ?? 0) - (eventIdx.get(b.event) ?? 0) || a.ar - b.ar || a.symbol.localeCompare(b.symbol),
  )
}

export interface VolatilityBar {
  event: string
  eventLabel: string
  group: string
  groupLabel: string
  period: 'before' | 'after'
  /** Mean over the group's securities of the daily AR standard deviation (sqrt of the variance). */
  sd: number
  n: number
  /** Share of the group's securities whose variance ratio is significant (one-sided F). */
  shareSignificant: number
}

/** Event panels a report chart draws at most: a study of a hundred events gets its first twelve. */
export const CHART_EVENTS = 12

/**
 * The events a report chart draws: the first CHART_EVENTS common events in study order, and the list events (one
 * pooled panel, "all"); `leftOut` counts the common events not drawn, for the chart's subtitle.
 */
export function chartedEvents(result: StudyResult): {has: (event: string) => boolean; leftOut: number} {
  const common = result.events.filter((e) => e.symbol === null).map((e) => e.id)
  const all = new Set(common)
  const shown = new Set(common.slice(0, CHART_EVENTS))
  return {has: (event) => !all.has(event) || shown.has(event), leftOut: Math.max(0, common.length - CHART_EVENTS)}
}

/** The subtitle's words on the events a chart leaves out ('' when it draws them all). */
export function leftOutEventsNote(leftOut: number): string {
  if (leftOut === 0) return ''
  return `; the first ${CHART_EVENTS} of ${CHART_EVENTS + leftOut} events (results.json holds every one)`
}

/**
 * The event a row is pooled under: "all" for an event from a list (one security each, pooled as their group results
 * are), else the event itself.
 */
export function pooledEvent(result: StudyResult): (event: string) => string {
  const listed = new Set(result.events.filter((e) => e.symbol !== null).map((e) => e.id))
  return (event) => (listed.has(event) ? 'all' : event)
}

/** The panel of list events (one security each), pooled as their group results are. */
export const LIST_EVENTS = 'list events'

/**
 * Volatility before (estimation window, sigma_i) and after (post-event window) per group × event:
 * mean_i sqrt(preVariance_i) and mean_i sqrt(postVariance_i) (methods doc, abnormal volatility). Events from a list
 * (one security each) are pooled per group under event "all", as their group results are.
 */
export function volatilityBars(result: StudyResult): VolatilityBar[] {
  const v = result.volatility
  if (!v) return []
  const pooled = pooledEvent(result)
  const keys = new Map<string, {group: string; event: string; pre: number[]; post: number[]; sig: number}>()
  for (const s of v.securities) {
    if (!Number.isFinite(s.preVariance) || !Number.isFinite(s.postVariance) || s.preVariance < 0 || s.postVariance < 0)
      continue
    const event = pooled(s.event)
    const k = `${s.group}\u0000${event}`
    const e = keys.get(k) ?? {group: s.group, event, pre: [], post: [], sig: 0}
    e.pre.push(Math.sqrt(s.preVariance))
    e.post.push(Math.sqrt(s.postVariance))
    if (s.significant) e.sig++
    keys.set(k, e)
  }
  const order = groupOrder(result)
  const eventIdx = new Map(result.events.map((e, i) => [e.id, i]))
  const entries = [...keys.values()].sort(
    (a, b) =>
      (eventIdx.get(a.event) ?? 0) - (eventIdx.get(b.event) ?? 0) || order.indexOf(a.group) - order.indexOf(b.group),
  )
  const out: VolatilityBar[] = []
  for (const e of entries) {
    const n = e.pre.length
    const base = {
      event: e.event,
      eventLabel: e.event === 'all' ? LIST_EVENTS : shortEventLabel(result, e.event),
      group: e.group,
      groupLabel: groupLabel(result, e.group),
      n,
      shareSignificant: e.sig / n,
    }
    out.push(
      {...base, period: 'before', sd: mean(Float64Array.from(e.pre))},
      {...base, period: 'after', sd: mean(Float64Array.from(e.post))},
    )
  }
  return out
}

export interface IndexPoint {
  date: string
  group: string
  groupLabel: string
  level: number
}

/** The group index series ("three waves"), 100 = base period, one point per group and date with a value. */
export function indexPoints(result: StudyResult): IndexPoint[] {
  const idx = result.index
  if (!idx) return []
  const groups = idx.groups.map((g) => g.id)
  const out: IndexPoint[] = []
  for (const row of idx.series) {
    for (const g of groups) {
      const v = row.values[g]
      if (v === null || v === undefined || !Number.isFinite(v)) continue
      out.push({date: row.date, group: g, groupLabel: groupLabel(result, g), level: v})
    }
  }
  return out
}

/** Events to mark on date charts: common events with their trading date (list events have none in common). */
export function eventMarks(result: StudyResult): Array<{id: string; date: string; label: string}> {
  return result.events
    .filter((e: EventResult) => e.symbol === null)
    .map((e) => ({id: e.id, date: e.tradingDate, label: e.label ?? e.id}))
}
