/**
 * The indexing part of a study alone (`aftershock index STUDY`): bars from the store, events on the
 * benchmark's calendar, computeIndex. No engine run.
 */
import {buildCalendar, resolveEventDay} from '../engine/calendar.js'
import {InputError, MissingDataError} from '../errors.js'
import type {EventResult, IndexResult} from '../result.js'
import {usableBars} from '../study/history.js'
import type {StudySpec} from '../study/spec-types.js'
import type {Bar} from '../types.js'
import {computeIndex} from './base-index.js'

export interface IndexBarSource {
  hasSymbol(symbol: string): boolean
  getBars(symbol: string, from?: string, to?: string): Bar[]
}

export interface IndexStudyResult {
  study: string
  benchmark: string
  events: EventResult[]
  index: IndexResult
  notes: string[]
}

/** Every symbol whose index the study asks for: the benchmark and the groups' symbols, in study order. */
export function indexSymbols(spec: StudySpec): string[] {
  return [...new Set([spec.benchmark, ...spec.groups.flatMap((g) => g.symbols)])]
}

/** Runs the study's `index:` section on the stored bars. Throws InputError / MissingDataError naming the fix. */
export function runIndexStudy(spec: StudySpec, store: IndexBarSource): IndexStudyResult {
  const where = spec.file ?? `study ${spec.name}`
  if (!spec.index)
    throw new InputError(`${where}: index: the study has no index section; add index: {base: {from, to}, asOf}`)
  const missing = indexSymbols(spec).filter((s) => !store.hasSymbol(s))
  if (missing.length > 0) {
    const field = missing.includes(spec.benchmark) ? `benchmark ${spec.benchmark}` : `groups`
    throw new MissingDataError(
      `${where}: ${field}: no prices in the store for ${missing.join(', ')}; import them with \`aftershock import FILE.csv\` or fetch them with \`aftershock fetch ${missing.join(' ')}\``,
    )
  }
  const notes: string[] = []
  const bars = new Map<string, Bar[]>()
  for (const s of indexSymbols(spec)) {
    // history: as in study run, a security's rows before its first usable date are not used
    const {bars: usable, note} =
      s === spec.benchmark ? {bars: store.getBars(s), note: null} : usableBars(spec.history, s, store.getBars(s))
    bars.set(s, usable)
    if (note) notes.push(note)
  }
  const cal = buildCalendar((bars.get(spec.benchmark) ?? []).map((b) => b.date))

  const events: EventResult[] = []
  for (const ev of spec.events) {
    const day = resolveEventDay(cal, ev.date, spec.nonTradingDay)
    if (day.kind === 'error') throw new InputError(`${where}: events (${ev.id}): ${day.reason}`)
    if (day.kind === 'skip') {
      notes.push(`event ${ev.id}: ${day.reason}`)
      continue
    }
    events.push({
      id: ev.id,
      label: ev.label,
      symbol: ev.symbol,
      date: ev.date,
      tradingDate: day.tradingDate,
      shift: day.shift,
      note: day.note,
    })
  }
  const shares = new Map(spec.shares.map((s) => [s.symbol, s.shares]))
  const index = computeIndex({
    index: spec.index,
    calendar: cal.dates,
    groups: spec.groups,
    bars,
    events,
    benchmark: spec.benchmark,
    shares,
  })
  return {study: spec.name, benchmark: spec.benchmark, events, index, notes}
}
