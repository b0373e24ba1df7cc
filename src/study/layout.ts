/**
 * The relative-day layout of one event: the study's estimation window, event windows and volatility window
 * resolved to trading-day offsets (ISO-date bounds resolve per event), checked against the benchmark's data;
 * and the date range a study reads.
 */
import {boundToOffset, type TradingCalendar} from '../engine/calendar.js'
import {InputError} from '../errors.js'
import {AR_PATH_RANGE} from '../result.js'
import type {Bound, EventSpec, StudySpec} from '../spec/types.js'
import {fetchHint, studyLabel} from './data.js'
import type {ResolvedEvent} from './events.js'

export interface Layout {
  estimation: [number, number]
  windows: Array<[number, number]>
  volatility: [number, number]
}

/** First start .. last end of the event windows. */
export function windowSpan(l: Layout): [number, number] {
  let from = Number.POSITIVE_INFINITY
  let to = Number.NEGATIVE_INFINITY
  for (const [a, b] of l.windows) {
    if (a < from) from = a
    if (b > to) to = b
  }
  return [from, to]
}

/**
 * Relative days each security's `ar` rows cover: the event windows, widened to AR_PATH_RANGE where those days
 * lie outside the estimation window. Group daily rows and tests stay on the event windows' days.
 */
export function pathRange(layout: Layout): [number, number] {
  const [e1, e2] = layout.estimation
  const [t1, t2] = windowSpan(layout)
  let from = Math.min(t1, AR_PATH_RANGE[0])
  let to = Math.max(t2, AR_PATH_RANGE[1])
  if (e2 < t1) from = Math.min(t1, Math.max(from, e2 + 1))
  if (e1 > t2) to = Math.max(t2, Math.min(to, e1 - 1))
  return [from, to]
}

/** Every relative day a panel of this layout reads: estimation, windows, volatility window and the AR path. */
export function panelRange(l: Layout): [number, number] {
  const path = pathRange(l)
  const [t1, t2] = windowSpan(l)
  return [
    Math.min(l.estimation[0], t1, l.volatility[0], path[0]),
    Math.max(l.estimation[1], t2, l.volatility[1], path[1]),
  ]
}

/** Resolves the layout of one event whose day 0 is calendar index `day0`, checking the data covers it. */
export function resolveLayout(spec: StudySpec, cal: TradingCalendar, day0: number, ev: EventSpec): Layout {
  const check = layoutChecks(spec, cal, day0, ev)
  const estimation: [number, number] = [
    check.offset('estimation.from', spec.estimation.from, 'from'),
    check.offset('estimation.to', spec.estimation.to, 'to'),
  ]
  if (estimation[0] > estimation[1]) {
    throw new InputError(
      `${check.where()}: estimation: from ${spec.estimation.from} to ${spec.estimation.to} holds no trading day for event ${check.tag()}; widen it`,
    )
  }
  check.inData('estimation.from', estimation[0], 'the estimation start')
  check.inData('estimation.to', estimation[1], 'the estimation end')
  // With offsets this is checked in the file; dates resolve to a number of trading days only here.
  const estDays = estimation[1] - estimation[0] + 1
  if (spec.estimation.minObservations > estDays) {
    throw new InputError(
      `${check.where()}: estimation.minObservations: ${spec.estimation.minObservations} observations cannot come from the estimation window ${spec.estimation.from}..${spec.estimation.to}, which holds ${estDays} trading day${estDays === 1 ? '' : 's'} for event ${check.tag()}; lower estimation.minObservations to at most ${estDays} or widen the window`,
    )
  }
  const windows = spec.windows.map((w, k) => resolveWindow(w, k, estimation, check, day0))
  const maxEnd = Math.max(...windows.map((w) => w[1]))
  const volatility: [number, number] = spec.volatilityWindow
    ? [spec.volatilityWindow[0], spec.volatilityWindow[1]]
    : [Math.min(1, maxEnd), maxEnd]
  check.inData('volatility.window', volatility[0], 'the volatility window start')
  check.inData('volatility.window', volatility[1], 'the volatility window end')
  return {estimation, windows, volatility}
}

interface LayoutChecks {
  /** The study and the event, for messages (built only when one is thrown: a study may have 100,000 events). */
  where: () => string
  tag: () => string
  offset: (field: string, b: Bound, side: 'from' | 'to') => number
  inData: (field: string, t: number, what: string) => void
}

/** The two checks of every bound: it resolves to a trading day, and that day is in the benchmark's data. */
function layoutChecks(spec: StudySpec, cal: TradingCalendar, day0: number, ev: EventSpec): LayoutChecks {
  const where = (): string => studyLabel(spec)
  const tag = (): string => (ev.symbol ? `${ev.id} (${ev.symbol})` : ev.id)
  const last = cal.dates.length - 1
  return {
    where,
    tag,
    offset: (field, b, side) => {
      const o = boundToOffset(cal, day0, b, side)
      if (o !== null) return o
      throw new InputError(
        `${where()}: ${field}: ${b} has no trading day in the benchmark's data (${cal.dates[0]} to ${cal.dates[last]}) for event ${tag()}; ${fetchHint([spec.benchmark])} for that period, or change ${field}`,
      )
    },
    inData: (field, t, what) => {
      const k = day0 + t
      if (k < 0) {
        throw new InputError(
          `${where()}: ${field}: ${what} (day ${t} of event ${tag()}) is before the benchmark's first date in the data, ${cal.dates[0]}; import or fetch older data for ${spec.benchmark}, or shorten ${field}`,
        )
      }
      if (k > last) {
        throw new InputError(
          `${where()}: ${field}: ${what} (day ${t} of event ${tag()}) is after the benchmark's last date in the data, ${cal.dates[last]}; fetch newer data (\`aftershock fetch ${spec.benchmark} ...\`), or shorten ${field}`,
        )
      }
    },
  }
}

/** The field names of windows[k] and its bounds, made once per k rather than once per event and window. */
const fieldsOfWindow: Array<{window: string; from: string; to: string}> = []

function windowFields(k: number): {window: string; from: string; to: string} {
  fieldsOfWindow[k] ??= {window: `windows[${k}]`, from: `windows[${k}][0]`, to: `windows[${k}][1]`}
  return fieldsOfWindow[k]
}

function resolveWindow(
  w: readonly [Bound, Bound],
  k: number,
  estimation: [number, number],
  check: LayoutChecks,
  day0: number,
): [number, number] {
  const where = check.where
  const tag = check.tag
  const field = windowFields(k)
  const r: [number, number] = [check.offset(field.from, w[0], 'from'), check.offset(field.to, w[1], 'to')]
  if (r[0] > r[1])
    throw new InputError(
      `${where()}: windows[${k}]: [${w[0]}, ${w[1]}] holds no trading day for event ${tag()}; widen it`,
    )
  check.inData(field.window, r[0], 'the window start')
  check.inData(field.window, r[1], 'the window end')
  if (day0 + r[0] < 1) {
    throw new InputError(
      `${where()}: windows[${k}]: the window starts on the benchmark's first date, which has no return; import older data`,
    )
  }
  if (estimation[1] >= r[0] && estimation[0] <= r[1]) {
    throw new InputError(
      `${where()}: estimation: days ${estimation[0]}..${estimation[1]} overlap windows[${k}] (days ${r[0]}..${r[1]}) of event ${tag()}; end the estimation before the window starts`,
    )
  }
  return r
}

/**
 * The dates the study reads: every panel's range (with the close before it, for value at stake) and the
 * index's base period to its as-of date.
 */
export function neededDates(
  spec: StudySpec,
  cal: TradingCalendar,
  kept: ReadonlyArray<{event: ResolvedEvent; layout: Layout}>,
): [string, string] {
  const last = cal.dates.length - 1
  let lo = last
  let hi = 0
  for (const {event, layout} of kept) {
    const [a, b] = panelRange(layout)
    lo = Math.min(lo, Math.max(0, event.day0 + a - 1))
    hi = Math.max(hi, Math.min(last, event.day0 + b))
  }
  let from = cal.dates[Math.min(lo, hi)]
  let to = cal.dates[hi]
  if (spec.index) {
    if (spec.index.base.from < from) from = spec.index.base.from
    if (spec.index.asOf > to) to = spec.index.asOf
  }
  return [from, to]
}

/** List events share one engine run per group, so their relative layout must agree. */
export function sameLayout(layouts: Layout[], where: string): Layout | null {
  if (layouts.length === 0) return null
  const l0 = layouts[0]
  if (layouts.some((l) => !equalLayouts(l, l0))) {
    throw new InputError(
      `${where}: estimation/windows: with events from a list, give the estimation window and the event windows as trading-day offsets (e.g. [-1, 1]), not dates`,
    )
  }
  return layouts[0]
}

/** Whether two layouts have the same estimation window, event windows and volatility window. */
function equalLayouts(a: Layout, b: Layout): boolean {
  const same = (x: readonly number[], y: readonly number[]): boolean => x[0] === y[0] && x[1] === y[1]
  return (
    same(a.estimation, b.estimation) &&
    same(a.volatility, b.volatility) &&
    a.windows.length === b.windows.length &&
    a.windows.every((w, k) => same(w, b.windows[k]))
  )
}
