/**
 * A study's events on the benchmark's trading calendar: each event's day 0 under the study's nonTradingDay rule,
 * with the notes a shifted or skipped event gets. The one resolution that `study run` and `index` share.
 */
import {resolveEventDay, type TradingCalendar} from '../engine/calendar.js'
import {InputError} from '../errors.js'
import type {EventResult} from '../result.js'
import type {EventSpec, StudySpec} from '../spec/types.js'
import {fetchHint, studyLabel} from './data.js'

/** An event with its day 0 as a calendar index. */
export interface ResolvedEvent {
  spec: EventSpec
  day0: number
}

export interface EventsOptions {
  /** Events came from `--events` (messages name its rows instead of the study's events[i]). */
  fromOverride?: boolean
}

/**
 * Day 0 of every event. A date outside the benchmark's data is an error naming the field, except for list events,
 * which are left out with a note; skipped events (nonTradingDay: skip) get a note.
 */
export function resolveEvents(
  spec: StudySpec,
  cal: TradingCalendar,
  notes: string[],
  opts: EventsOptions = {},
): {events: EventResult[]; resolved: ResolvedEvent[]} {
  const listMode = spec.eventsKind === 'list'
  const events: EventResult[] = []
  const resolved: ResolvedEvent[] = []
  for (const [i, ev] of spec.events.entries()) {
    const r = resolveEventDay(cal, ev.date, spec.nonTradingDay)
    if (r.kind === 'error') {
      const outside = r.reason.includes('outside')
      if (listMode && outside) {
        notes.push(`${ev.id}: left out: ${r.reason}`)
        continue
      }
      const field = listMode && opts.fromOverride ? `--events row ${i + 1}` : `events[${i}] (${ev.id})`
      const hint = outside ? `; ${fetchHint([spec.benchmark, ...(ev.symbol ? [ev.symbol] : [])])}` : ''
      throw new InputError(`${studyLabel(spec)}: ${field}.date: ${r.reason}${hint}`)
    }
    if (r.kind === 'skip') {
      notes.push(`${ev.id}: ${r.reason}`)
      continue
    }
    if (r.note) notes.push(`${ev.id}: ${r.note}`)
    const symbol = listMode ? ev.symbol : null
    events.push({
      id: ev.id,
      label: ev.label,
      symbol,
      date: ev.date,
      tradingDate: r.tradingDate,
      shift: r.shift,
      note: r.note,
    })
    resolved.push({spec: ev, day0: r.index})
  }
  return {events, resolved}
}
