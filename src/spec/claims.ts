/**
 * Claims of a study file: published statements to check against the study's own numbers. The rules of what a
 * claim may name (subject, event, window, metric) live here once, for the study file and for `--events`.
 */
import {normalizeSymbol} from '../store/symbols.js'
import type {IssueSink, PathSeg} from './issues.js'
import {ALL_EVENTS} from './fields.js'
import type {RawStudy} from './raw.js'
import {studySymbols} from './symbols.js'
import type {ClaimMetric, ClaimSpec, StudySpec} from './types.js'

/** Metrics measured on the base-period index (as of index.asOf), not around an event. */
export const INDEX_METRICS: ReadonlySet<ClaimMetric> = new Set(['indexLevel', 'sinceBase'])

/** Metrics measured on the abnormal volatility section, over its post-event window (volatility: {window}). */
export const VOLATILITY_METRICS: ReadonlySet<ClaimMetric> = new Set(['volatilityRatio', 'volatilityRiseShare'])

/** Why `event: all` does not fit a security subject, and the ids that do. */
function allOnSecurity(subject: string, spec: StudySpec): string {
  const own = spec.events.filter((e) => e.symbol === subject).map((e) => e.id)
  const fix = own.length > 0 ? `name one of ${subject}'s events (${own.join(', ')})` : 'name one of its events'
  return `event "all" is the pooled result of a group; ${subject} is a security, whose results carry their own event ids: ${fix}, or make a group the subject`
}

/**
 * What a claim names that the study lacks: its event and its subject. `source` names an events list that
 * replaced the study's events (`--events FILE`); messages then say so.
 */
export function claimReferenceIssues(
  c: Pick<ClaimSpec, 'subject' | 'event' | 'metric'>,
  spec: StudySpec,
  source?: string,
): Array<{field: 'event' | 'subject'; message: string}> {
  const out: Array<{field: 'event' | 'subject'; message: string}> = []
  const groupIds = spec.groups.map((g) => g.id)
  const isGroup = groupIds.includes(c.subject)
  const symbols = new Set([...studySymbols(spec), spec.benchmark])
  const eventIds = new Set(spec.events.map((e) => e.id))
  if (spec.eventsKind === 'list') eventIds.add(ALL_EVENTS)
  const indexMetric = INDEX_METRICS.has(c.metric)
  const from = source ? ` (events now come from ${source})` : ''
  if (c.event !== null && !eventIds.has(c.event)) {
    const fix = source ? 'use an id from that list or "all"' : `use one of ${[...eventIds].join(', ') || '(no events)'}`
    out.push({field: 'event', message: `unknown event "${c.event}"${from}; ${fix}`})
  } else if (
    c.event === ALL_EVENTS &&
    spec.eventsKind === 'list' &&
    !isGroup &&
    !indexMetric &&
    symbols.has(c.subject)
  ) {
    out.push({field: 'event', message: allOnSecurity(c.subject, spec) + from})
  }
  if (!isGroup && !symbols.has(c.subject)) {
    const message = source
      ? `"${c.subject}" is neither a group nor a symbol of the events in ${source}`
      : `"${c.subject}" is neither a group id (${groupIds.join(', ') || 'none'}) nor a symbol of this study; name one of them`
    out.push({field: 'subject', message})
  }
  return out
}

/** The study file's claims, checked: ids unique, subject and event known, metric and window consistent. */
export function buildClaims(raw: RawStudy, spec: StudySpec, err: IssueSink): ClaimSpec[] {
  const claims: ClaimSpec[] = []
  const groupIds = new Set(spec.groups.map((g) => g.id))
  const seen = new Set<string>()
  ;(raw.claims ?? []).forEach((c, i) => {
    const at = (f: string): PathSeg[] => ['claims', i, f]
    if (seen.has(c.id)) err(at('id'), `claim id "${c.id}" is used twice; give each claim its own id`)
    seen.add(c.id)
    const isGroup = groupIds.has(c.subject)
    const subject = isGroup ? c.subject : normalizeSymbol(c.subject)
    const window: [number, number] = c.window ?? [0, 0]
    const claim: ClaimSpec = {
      id: c.id,
      text: c.text,
      metric: c.metric,
      subject,
      event: c.event ?? null,
      window,
      expected: c.expected,
      tolerance: c.tolerance,
    }
    // the subject first, as the file lists it
    const refs = claimReferenceIssues(claim, spec).sort(
      (a, b) => Number(a.field === 'event') - Number(b.field === 'event'),
    )
    for (const p of refs) err(at(p.field), p.message)
    claimShapeIssues(claim, spec, isGroup, (f, m) => err(at(f), m))
    claims.push(claim)
  })
  return claims
}

/** A claim's metric, event and window must fit together (caar on a group, ar on one day, index metrics). */
function claimShapeIssues(c: ClaimSpec, spec: StudySpec, isGroup: boolean, err: (f: string, m: string) => void): void {
  if (c.metric === 'caar' && !isGroup) {
    err('subject', `metric caar needs a group as subject, not the symbol ${c.subject}; use car for one security`)
  }
  const indexMetric = INDEX_METRICS.has(c.metric)
  if (indexMetric && !spec.index) {
    err('metric', `metric ${c.metric} needs an index: section in the study; add one or pick another metric`)
  }
  if (c.event === null && !indexMetric) {
    const first = spec.events[0]?.id ?? (spec.eventsKind === 'list' ? ALL_EVENTS : undefined)
    err('event', `metric ${c.metric} needs an event; add event: ${first ?? 'EVENT-ID'}`)
  }
  const [a, b] = c.window
  if (a > b) err('window', `window [${a}, ${b}] ends before it starts; write it as [${b}, ${a}]`)
  if (c.metric === 'ar' && a !== b) {
    err('window', `metric ar is one day's abnormal return: use a one-day window like [${a}, ${a}], or metric car`)
  }
  volatilityClaimIssues(c, spec, isGroup, err)
}

/** Volatility metrics: the share needs a group; the window is the study's volatility window (or left out). */
function volatilityClaimIssues(
  c: ClaimSpec,
  spec: StudySpec,
  isGroup: boolean,
  err: (f: string, m: string) => void,
): void {
  if (!VOLATILITY_METRICS.has(c.metric)) return
  if (c.metric === 'volatilityRiseShare' && !isGroup) {
    err(
      'subject',
      `metric volatilityRiseShare is a share of a group's members, not of the symbol ${c.subject}; use volatilityRatio for one security`,
    )
  }
  const v = spec.volatilityWindow
  const [a, b] = c.window
  const omitted = a === 0 && b === 0
  if (v && !omitted && (a !== v[0] || b !== v[1])) {
    err(
      'window',
      `metric ${c.metric} is measured over the volatility window [${v[0]}, ${v[1]}]; use that window or leave window out`,
    )
  }
}
