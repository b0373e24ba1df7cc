/**
 * The sections of a result derived from the event-study part and the bars: base-period indexing, market value at
 * stake and claims. Called by the runner (src/study/run.ts) once the event-study part of the result is built.
 */
import {computeIndex} from '../analysis/base-index.js'
import {evaluateClaims} from '../analysis/claims.js'
import {securityCar} from '../analysis/security-car.js'
import {computeValueAtStake, type ShareEntry, type ValueSubject} from '../analysis/value-at-stake.js'
import type {TradingCalendar} from '../engine/calendar.js'
import type {StudyResult} from '../result.js'
import type {GroupSpec, StudySpec} from '../spec/types.js'
import type {CalendarPrices} from './securities.js'

export interface DerivedContext {
  spec: StudySpec
  /** The study's securities' and the benchmark's prices on the calendar (index and value at stake read them). */
  prices: CalendarPrices
  /** The study's trading calendar (the benchmark's trading dates). */
  calendar: TradingCalendar
  /** Shares outstanding fetched live (--live-shares): flagged as current, not as of the event. */
  liveShares?: Map<string, number>
}

/** Groups of the study: the spec's, else (list events grouped by the events file) those of the result. */
function studyGroups(spec: StudySpec, result: StudyResult): GroupSpec[] {
  if (spec.groups.length > 0) return spec.groups
  const members = new Map<string, Set<string>>()
  for (const s of result.securities) {
    const set = members.get(s.group) ?? new Set<string>()
    set.add(s.symbol)
    members.set(s.group, set)
  }
  return [...members].map(([id, set]) => ({id, label: null, symbols: [...set]}))
}

/** Study-file shares first (as of the event); live shares only for symbols the study file does not cover. */
export function shareEntries(spec: StudySpec, live?: ReadonlyMap<string, number>): ShareEntry[] {
  const out: ShareEntry[] = spec.shares.map((s) => ({
    symbol: s.symbol,
    shares: s.shares,
    source: s.source,
    current: false,
  }))
  const given = new Set(out.map((s) => s.symbol))
  for (const [symbol, shares] of live ?? []) {
    if (given.has(symbol) || !(shares > 0) || !Number.isFinite(shares)) continue
    out.push({symbol, shares, source: 'Yahoo Finance, current shares outstanding (not as of the event)', current: true})
  }
  return out
}

/**
 * CAR of a security-event over a window, from the result (its window row, else the sum of its daily ARs): the
 * first row of that symbol and event that is not excluded, found by key (value at stake asks once per row).
 */
function carLookup(result: StudyResult): (symbol: string, event: string, w: [number, number]) => number | null {
  const rows = new Map<string, StudyResult['securities'][number]>()
  for (const s of result.securities) {
    const key = `${s.symbol}\u0000${s.event}`
    if (!s.excluded && !rows.has(key)) rows.set(key, s)
  }
  return (symbol, event, w) => {
    const sec = rows.get(`${symbol}\u0000${event}`)
    return sec ? securityCar(sec, w) : null
  }
}

/** Fills result.index, result.value and result.claims (and their notes) in place. */
export function addDerivedSections(result: StudyResult, ctx: DerivedContext): void {
  const {spec} = ctx
  const groups = studyGroups(spec, result)
  const events = result.events.map((e) => ({id: e.id, tradingDate: e.tradingDate, symbol: e.symbol}))
  const shares = shareEntries(spec, ctx.liveShares)

  if (spec.index) {
    result.index = computeIndex({
      index: spec.index,
      calendar: ctx.calendar,
      groups,
      prices: (symbol) => ctx.prices.index(symbol),
      events,
      benchmark: spec.benchmark,
      shares: new Map(shares.map((s) => [s.symbol, s.shares])),
    })
  }

  if (shares.length > 0) {
    const day0 = new Map(result.events.map((e) => [e.id, e.tradingDate]))
    const subjects: ValueSubject[] = []
    for (const s of result.securities) {
      const tradingDate = day0.get(s.event)
      if (tradingDate) subjects.push({symbol: s.symbol, group: s.group, event: s.event, tradingDate})
    }
    result.value = computeValueAtStake({
      calendar: ctx.calendar,
      closes: (symbol) => ctx.prices.closes(symbol),
      subjects,
      windows: spec.windows,
      shares,
      car: carLookup(result),
      aggregateEvents: spec.eventsKind === 'list',
    })
  }

  if (spec.claims.length > 0) {
    result.claims = evaluateClaims(spec.claims, result)
    const failing = result.claims.filter((c) => !c.holds)
    result.notes.push(
      `claims: ${result.claims.length - failing.length} of ${result.claims.length} hold` +
        (failing.length > 0 ? `; not holding: ${failing.map((c) => c.id).join(', ')}` : ''),
    )
  }
}
