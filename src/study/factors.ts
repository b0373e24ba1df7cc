/**
 * The factor sets a study's factor model reads (docs/methods.md, "Factor models"): present in the store (fetched
 * first when the run may use the network, else an error naming the set and the fix), the model's columns resolved
 * against the stored set (by key or French's name), and the values on the benchmark's calendar as decimal returns
 * (stored values are percent per day). A calendar day without a value stays NaN: the engine leaves it out of the
 * estimation, and the notes count those days. An event window past the factors' last date is an error.
 */
import type {TradingCalendar} from '../engine/calendar.js'
import {InputError, MissingDataError} from '../errors.js'
import {type FactorModelSpec, type FactorRef, modelFactorSets, modelLabel} from '../spec/model.js'
import type {StudySpec} from '../spec/types.js'
import type {BarSource, FactorSource} from '../store/bar-source.js'
import type {FactorSetInfo} from '../store/factors.js'
import {studyLabel} from './data.js'
import {type Layout, windowSpan} from './layout.js'

/** Fetches factor sets into the store (online only); one result per set. */
export type FetchFactors = (sets: string[]) => Promise<Array<{set: string; ok: boolean; error?: string}>>

/** The factor values a run's panels read, one entry per calendar day of the benchmark, decimal returns. */
export interface CalendarFactors {
  /** The factors' column keys, in the model's order (the coefficients' names). */
  names: string[]
  values: Float64Array[]
  /** RF_t, or null when the model regresses raw returns. */
  riskFree: Float64Array | null
}

/** How to get a missing set, as every message says it. */
export function factorFetchHint(sets: readonly string[]): string {
  return `fetch it with \`npx aftershock factors fetch ${sets.join(' ')}\` or import French's file with \`npx aftershock factors import FILE\``
}

/** The model as messages name it: `model (ff3)`. */
/** The study-file field that names the model: `model`, or `models[i]` for a robustness model after the primary. */
function modelField(spec: StudySpec): string {
  const label = modelLabel(spec.model)
  const i = (spec.models ?? []).findIndex((m) => modelLabel(m) === label)
  return `${i > 0 ? `models[${i}]` : 'model'} (${label})`
}

/**
 * Makes sure the source holds the factor sets the study's model reads: fetches the missing ones when online,
 * then throws MissingDataError naming `model`, each set and the fix.
 */
export async function ensureFactors(
  spec: StudySpec,
  source: BarSource,
  opts: {offline: boolean; fetchFactors?: FetchFactors; log?: (message: string) => void},
): Promise<void> {
  const sets = modelFactorSets(spec.model)
  if (sets.length === 0) return
  const missingNow = (): string[] => sets.filter((s) => !source.factors?.get(s))
  let missing = missingNow()
  const snapshot = source.provenance?.()
  if (snapshot && missing.length > 0) {
    throw new MissingDataError(
      `${snapshot.file}: the data snapshot has no factor set ${missing.join(', ')}, which ${modelField(spec)} of ${studyLabel(spec)} reads; write it anew with \`aftershock snapshot ${spec.name}\`, or run with --live`,
    )
  }
  if (missing.length > 0 && !opts.offline && opts.fetchFactors) {
    opts.log?.(`fetching ${missing.length} factor set(s) the store lacks: ${missing.join(', ')}`)
    for (const r of await opts.fetchFactors(missing))
      if (!r.ok) opts.log?.(`factors fetch ${r.set} failed: ${r.error ?? 'unknown error'}`)
    missing = missingNow()
  }
  if (missing.length === 0) return
  const have = source.factors?.list().map((s) => s.name) ?? []
  const stored = have.length > 0 ? `the store holds ${have.join(', ')}` : 'the store holds no factor set'
  throw new MissingDataError(
    `${studyLabel(spec)}: ${modelField(spec)}: factor set ${missing.join(', ')} is not in the store${opts.offline ? ' (offline: nothing was fetched)' : ''} (${stored}); ${factorFetchHint(missing)}`,
  )
}

/**
 * The study's factor model with every column named by its stored key, and the default risk-free column applied
 * (the set's `rf` when it has one, else raw returns). An unknown set or column is an InputError naming `model`.
 */
export function resolveFactorModel(spec: StudySpec, factors: FactorSource): FactorModelSpec | null {
  const model = spec.model
  if (model.kind !== 'factors') return null
  const where = `${studyLabel(spec)}: ${modelField(spec)}`
  const infos = new Map<string, FactorSetInfo>()
  const info = (set: string): FactorSetInfo => {
    const got = infos.get(set) ?? factors.get(set)
    if (!got) {
      const have = factors.list().map((s) => s.name)
      throw new InputError(
        `${where}: there is no factor set ${set} (\`aftershock factors info\` lists ${have.join(', ') || 'none'}); ${factorFetchHint([set])}`,
      )
    }
    infos.set(set, got)
    return got
  }
  const resolve = (ref: FactorRef): FactorRef => {
    const i = info(ref.set)
    const want = ref.column.toLowerCase()
    const c = i.columns.find((k) => k.key === ref.column) ?? i.columns.find((k) => k.name.toLowerCase() === want)
    if (!c) {
      const cols = i.columns.map((k) => (k.key === k.name ? k.key : `${k.key} (${k.name})`)).join(', ')
      throw new InputError(
        `${where}: factor set ${ref.set} has no column ${ref.column}; \`aftershock factors info\` lists its columns: ${cols}`,
      )
    }
    return {set: ref.set, column: c.key}
  }
  const resolved = model.factors.map(resolve)
  let riskFree: FactorRef | null = null
  if (model.riskFree) {
    const rf = model.riskFree
    const optional = model.riskFreeDefault === true
    riskFree = optional && !info(rf.set).columns.some((k) => k.key === rf.column) ? null : resolve(rf)
  }
  const {riskFreeDefault: _, ...rest} = model
  return {...rest, factors: resolved, riskFree}
}

/** The sets a resolved model reads, each with the column keys it reads (factors first, then RF). */
export function setColumns(model: FactorModelSpec): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const r of model.riskFree ? [...model.factors, model.riskFree] : model.factors) {
    const cols = out.get(r.set) ?? []
    if (!cols.includes(r.column)) cols.push(r.column)
    out.set(r.set, cols)
  }
  return out
}

/**
 * An event whose windows reach past the last date of a set the model reads: an InputError naming that date and
 * the fetch (its message says "data", so a list event is left out with a note, as for prices).
 */
export function checkFactorDates(
  spec: StudySpec,
  model: FactorModelSpec,
  factors: FactorSource,
  cal: TradingCalendar,
  event: {id: string; day0: number},
  layout: Layout,
): void {
  const end = cal.dates[Math.min(cal.dates.length - 1, event.day0 + windowSpan(layout)[1])]
  for (const set of setColumns(model).keys()) {
    const last = factors.get(set)?.lastDate
    if (last !== undefined && end > last) {
      throw new InputError(
        `${studyLabel(spec)}: ${modelField(spec)}: the factor data of ${set} end on ${last}, before event ${event.id}'s windows end on ${end}; fetch the latest with \`npx aftershock factors fetch ${set}\` (French publishes with a lag of a month or two) or use a model without factors`,
      )
    }
  }
}

/** Reads the model's factors over [from, to] onto the calendar, as decimal returns; NaN where a set has no value. */
export function calendarFactors(
  model: FactorModelSpec,
  factors: FactorSource,
  cal: TradingCalendar,
  range: [string, string],
): CalendarFactors {
  const index = new Map(cal.dates.map((d, i) => [d, i]))
  const column = new Map<string, Float64Array>()
  for (const [set, cols] of setColumns(model)) {
    const s = factors.series(set, cols, range[0], range[1])
    cols.forEach((c, j) => {
      const out = new Float64Array(cal.dates.length).fill(Number.NaN)
      s.dates.forEach((d, k) => {
        const i = index.get(d)
        if (i !== undefined) out[i] = s.values[j][k] / 100
      })
      column.set(`${set}|${c}`, out)
    })
  }
  const get = (r: FactorRef): Float64Array => column.get(`${r.set}|${r.column}`) as Float64Array
  return {
    names: model.factors.map((f) => f.column),
    values: model.factors.map(get),
    riskFree: model.riskFree ? get(model.riskFree) : null,
  }
}

/**
 * The note on estimation days without factor values (left out of every estimation): how many of the calendar
 * days in the events' estimation windows lack a factor or RF, with the first few dates; null when none do.
 */
export function missingFactorNote(
  model: FactorModelSpec,
  f: CalendarFactors,
  cal: TradingCalendar,
  events: ReadonlyArray<{day0: number; layout: Layout}>,
): string | null {
  const days = new Set<number>()
  const arrays = f.riskFree ? [...f.values, f.riskFree] : f.values
  for (const {day0, layout} of events) {
    const lo = Math.max(0, day0 + layout.estimation[0])
    const hi = Math.min(cal.dates.length - 1, day0 + layout.estimation[1])
    for (let i = lo; i <= hi; i++) if (arrays.some((a) => Number.isNaN(a[i]))) days.add(i)
  }
  if (days.size === 0) return null
  const dates = [...days].sort((a, b) => a - b).map((i) => cal.dates[i])
  const shown = dates.slice(0, 3).join(', ') + (dates.length > 3 ? ', ...' : '')
  const sets = [...setColumns(model).keys()].join(', ')
  return `model ${modelLabel(model)}: ${days.size} trading day(s) of the estimation windows have no factor values in ${sets} (${shown}); they are left out of the estimation`
}
