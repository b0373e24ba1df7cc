/**
 * The study runner: study spec + bars -> StudyResult (src/result.ts), as named phases: check (and fetch) the data,
 * the benchmark's calendar, events and their layouts, the securities' series, one engine run per group × event
 * (or per group for list events), then volatility, volume and the derived sections (index, value, claims).
 * Deterministic: no timestamps, ordering follows the study file. No NaN leaves this module.
 */
import path from 'node:path'
import type {TradingCalendar} from '../engine/calendar.js'
import {addBootstrap} from './bootstrap.js'
import {addCarDistribution} from './car-distribution.js'
import {adjustGroupWindows, adjustSecurityWindows} from './adjusted-p.js'
import {InputError} from '../errors.js'
import {SCHEMA_VERSION, type StudyEcho, type StudyResult} from '../result.js'
import {type FactorModelSpec, modelLabel} from '../spec/model.js'
import {withListEvents} from '../spec/list-events.js'
import {studiedSecurities, studyDataSymbols} from '../spec/symbols.js'
import type {StudyModel} from '../spec/model.js'
import type {CharacteristicValue, EventSpec, StudySpec} from '../spec/types.js'
import type {BarSource} from '../store/bar-source.js'
import type {Bar} from '../types.js'
import {TOOL_VERSION} from '../version.js'
import {studyCalendar} from './calendar.js'
import {type DataOptions, ensureData, type FetchMissing, studyLabel} from './data.js'
import {
  calendarFactors,
  checkFactorDates,
  ensureFactors,
  type FetchFactors,
  missingFactorNote,
  resolveFactorModel,
} from './factors.js'
import {studyCrossSections} from './cross-section.js'
import {addDerivedSections} from './derived-sections.js'
import {type ResolvedEvent, resolveEvents} from './events.js'
import {type GroupRun, type Member, type RunContext, runGroup} from './group-run.js'
import {type Layout, neededDates, panelRange, resolveLayout, sameLayout} from './layout.js'
import {findOverlaps} from './overlaps.js'
import {studyRobustness} from './robustness.js'
import {benchmarkReturns, studySeries} from './securities.js'
import {studyVolatility} from './volatility.js'
import {studyVolume} from './volume.js'

export type {BarSource} from '../store/bar-source.js'

export interface RunOptions extends DataOptions {
  /** Per-security events replacing the study's events (`--events FILE|-`); re-checked through `withListEvents`. */
  eventsOverride?: EventSpec[]
  /** How the override is named in messages (default `--events`). */
  eventsSource?: string
  /** Use current shares outstanding fetched live (flagged as current, not as of the event). */
  liveShares?: boolean
  fetchMissing?: FetchMissing
  /** Fetches the factor sets a factor model needs that the store lacks (online only). */
  fetchFactors?: FetchFactors
  /** Current shares outstanding per symbol (online, --live-shares). */
  fetchShares?: (symbols: string[]) => Promise<Record<string, number | null>>
  /** Security characteristics replacing the study file's (`--characteristics FILE|-`), for crossSection terms. */
  characteristics?: CharacteristicValue[]
  /** Told how far the long steps are (reading prices, estimating): for a progress bar. */
  progress?: (step: string, done: number, total: number) => void
  /**
   * False when the caller writes no security's per-day AR rows (`--json --detail securities`): they are then not
   * built, unless a section of the study reads them (claims, cross-sections, value at stake). Default true.
   */
  arRows?: boolean
}

/** An event whose layout resolved, with that layout. */
interface KeptEvent {
  event: ResolvedEvent
  layout: Layout
}

/** What a run reads, decided before any security's bars are read (the snapshot of a study writes the same). */
export interface RunPlan {
  spec: StudySpec
  notes: string[]
  benchBars: Bar[]
  cal: TradingCalendar
  events: StudyResult['events']
  kept: KeptEvent[]
  /** The securities studied, in study order. */
  securities: string[]
  /** The dates the securities' bars (and a factor model's factors) are read over. */
  range: [string, string]
  /** The study's factor model with its columns resolved against the stored sets; null for the return models. */
  factorModel: FactorModelSpec | null
  /** The same for each of the study's models (spec.models, the primary first). */
  factorModels: Array<FactorModelSpec | null>
}

/**
 * The first phases of a run: events from --events applied, the data checked (and fetched when online), the
 * benchmark's calendar, events with their layouts, and the securities and dates to read.
 */
export async function planRun(studySpec: StudySpec, source: BarSource, opts: RunOptions): Promise<RunPlan> {
  // Events from --events replace the study's: windows, estimation and claims are re-checked against them.
  const spec =
    opts.eventsOverride !== undefined
      ? withListEvents(studySpec, opts.eventsOverride, opts.eventsSource ?? '--events')
      : studySpec
  checkStudyShape(spec)
  const notes: string[] = []
  await ensureData(spec, studyDataSymbols(spec), source, opts)
  // Every model's factor sets (the robustness table runs each model), each checked as the primary model's are.
  const models = spec.models ?? [spec.model]
  for (const model of models) await ensureFactors({...spec, model}, source, opts)
  const factorModels = models.map((model) =>
    source.factors ? resolveFactorModel({...spec, model}, source.factors) : null,
  )
  const factorModel = factorModels[0]
  const benchBars = source.getBars(spec.benchmark)
  const cal = studyCalendar(spec, benchBars)
  const {events, resolved} = resolveEvents(spec, cal, notes, {fromOverride: opts.eventsOverride !== undefined})
  if (resolved.length === 0) {
    throw new InputError(`${studyLabel(spec)}: events: no event is left to study (all skipped); check the dates`)
  }
  const checkEvent = (r: ResolvedEvent, layout: Layout): void => {
    factorModels.forEach((fm, k) => {
      if (fm && source.factors)
        checkFactorDates({...spec, model: models[k]}, fm, source.factors, cal, {id: r.spec.id, day0: r.day0}, layout)
    })
  }
  const kept = keepEvents(spec, cal, resolved, events, notes, checkEvent)
  // Securities' bars only over the dates the study uses (reading whole histories is most of a run's time).
  const range = neededDates(spec, cal, kept)
  const securities = studiedSecurities(spec)
  return {spec, notes, benchBars, cal, events, kept, securities, range, factorModel, factorModels}
}

/** The days of the widest event panel: NaN days left around each security's returns, so panels read them in place. */
function widestPanel(kept: readonly KeptEvent[]): number {
  let days = 0
  for (const k of kept) {
    const [first, last] = panelRange(k.layout)
    days = Math.max(days, last - first + 1)
  }
  return days
}

/** Runs the study. Throws InputError for data the study cannot run on (naming the field and the fix). */
export async function runStudy(studySpec: StudySpec, source: BarSource, opts: RunOptions): Promise<StudyResult> {
  const plan = await planRun(studySpec, source, opts)
  const {spec, cal, notes, kept, securities} = plan
  const bench = benchmarkReturns(spec.benchmark, plan.benchBars, cal, spec.price, spec.returns)
  opts.progress?.('reading prices', 0, securities.length)
  const series = studySeries(
    spec,
    securities,
    source,
    cal,
    plan.range,
    {bars: plan.benchBars, fellBack: bench.fellBack},
    notes,
    widestPanel(kept),
  )
  const ctx: RunContext = {
    spec,
    cal,
    marketReturns: bench.returns,
    series: series.securities,
    historyCut: new Set(spec.history.map((h) => h.symbol)),
    factors: runFactors(plan, source),
    arRows: opts.arRows !== false || readsArRows(spec, opts),
  }
  opts.progress?.('reading prices', securities.length, securities.length)
  const runs = runGroups(ctx, kept, spec.model, opts.progress)
  const models = spec.models ?? [spec.model]
  const robustness = studyRobustness(models, runs, (model) =>
    runGroups({...ctx, factors: runFactors(plan, source, models.indexOf(model))}, kept, model),
  )
  for (const r of runs) adjustSecurityWindows(r.securities)
  for (const r of runs) addBootstrap(r, spec.bootstrap)
  for (const r of runs) addCarDistribution(r)
  const result = assemble(spec, cal, plan.events, runs, notes)
  adjustGroupWindows(result.groups)
  if (spec.eventsKind === 'list') {
    const overlaps = findOverlaps(kept)
    if (overlaps.length > 0) result.overlaps = overlaps
  }
  const engineRuns = runs.flatMap((r) => (r.run ? [r.run] : []))
  const vol = studyVolatility(engineRuns)
  if (vol) result.volatility = vol
  const volume = studyVolume(engineRuns, spec.estimation.minObservations)
  if (volume) result.volume = volume
  const liveShares = await sharesLive(securities, opts, notes)
  addDerivedSections(result, {spec, prices: series.prices, calendar: cal, liveShares})
  if (spec.crossSections && spec.crossSections.length > 0) {
    const characteristics = opts.characteristics ?? spec.characteristics ?? []
    result.crossSections = studyCrossSections(result, {
      spec,
      calendar: cal,
      prices: (s) => series.prices.prices(s),
      characteristics,
    })
  }
  if (robustness) Object.assign(result, robustness)
  const provenance = source.provenance?.()
  if (provenance) result.data = provenance
  return result
}

/**
 * The values of the k-th model's factors on the calendar (the primary model's by default; null for the return
 * models), with the note on days without them.
 */
function runFactors(plan: RunPlan, source: BarSource, k = 0): RunContext['factors'] {
  const model = plan.factorModels[k]
  if (!model || !source.factors) return null
  const f = calendarFactors(model, source.factors, plan.cal, plan.range)
  const note = missingFactorNote(
    model,
    f,
    plan.cal,
    plan.kept.map((k) => ({day0: k.event.day0, layout: k.layout})),
  )
  if (note) plan.notes.push(note)
  return f
}

/** Whether a section of the study reads securities' per-day AR rows (a CAR over a window it does not list). */
function readsArRows(spec: StudySpec, opts: RunOptions): boolean {
  return spec.claims.length > 0 || (spec.crossSections?.length ?? 0) > 0 || spec.shares.length > 0 || !!opts.liveShares
}

/** A study needs events, and common events need groups. */
function checkStudyShape(spec: StudySpec): void {
  const where = studyLabel(spec)
  if (spec.events.length === 0)
    throw new InputError(`${where}: events: the study has no events; add events or pass --events FILE`)
  spec.events.forEach((ev, i) => {
    if (spec.eventsKind === 'list' && !ev.symbol)
      throw new InputError(`${where}: events[${i}] (${ev.id}): a list event needs a symbol`)
  })
  if (spec.eventsKind === 'common' && spec.groups.length === 0) {
    throw new InputError(`${where}: groups: the study has no groups; add groups with their symbols`)
  }
}

/**
 * Each event's layout, checked against the data. A list event whose windows reach past the data is left out
 * with a note (and leaves `events`); for common events that is an error.
 */
function keepEvents(
  spec: StudySpec,
  cal: TradingCalendar,
  resolved: ResolvedEvent[],
  events: StudyResult['events'],
  notes: string[],
  checkEvent: (r: ResolvedEvent, layout: Layout) => void,
): KeptEvent[] {
  const kept: KeptEvent[] = []
  const leftOut = new Map<string, number>()
  for (const r of resolved) {
    try {
      const layout = resolveLayout(spec, cal, r.day0, r.spec)
      checkEvent(r, layout)
      kept.push({event: r, layout})
    } catch (error) {
      if (spec.eventsKind !== 'list' || !(error instanceof InputError) || !error.message.includes('data')) throw error
      notes.push(`${r.spec.id}: left out: ${error.message.replace(`${studyLabel(spec)}: `, '')}`)
      const key = eventKey(r.spec)
      leftOut.set(key, (leftOut.get(key) ?? 0) + 1)
    }
  }
  if (leftOut.size > 0) dropEvents(events, leftOut)
  return kept
}

const eventKey = (e: {id: string; symbol?: string | null}): string => `${e.id}\u0000${e.symbol ?? ''}`

/**
 * Removes, in place and in one pass, the first `n` events of each key in `drop` (id and symbol): a study of
 * 100,000 events with half of them left out stays linear.
 */
function dropEvents(events: StudyResult['events'], drop: Map<string, number>): void {
  let at = 0
  for (const e of events) {
    const key = eventKey(e)
    const n = drop.get(key) ?? 0
    if (n > 0) {
      drop.set(key, n - 1)
      continue
    }
    events[at++] = e
  }
  events.length = at
}

/** One engine run per group × event (common events), or per group over its list events, under `model`. */
function runGroups(
  ctx: RunContext,
  kept: KeptEvent[],
  model: StudyModel = ctx.spec.model,
  progress?: RunOptions['progress'],
): GroupRun[] {
  const {spec} = ctx
  const runs: GroupRun[] = []
  const total = spec.eventsKind === 'common' ? kept.length * spec.groups.length : spec.groups.length
  let done = 0
  const ran = (): void => progress?.('estimating', ++done, total)
  if (spec.eventsKind === 'common') {
    for (const {event, layout} of kept) {
      for (const g of spec.groups) {
        const members: Member[] = g.symbols.map((symbol) => ({
          symbol,
          group: g.id,
          event: event.spec,
          day0: event.day0,
        }))
        runs.push(runGroup(ctx, g.id, g.label, event.spec.id, members, layout, model))
        ran()
      }
    }
    return runs
  }
  const layout = sameLayout(
    kept.map((k) => k.layout),
    studyLabel(spec),
  )
  for (const g of spec.groups) {
    const members: Member[] = kept
      .filter((k) => k.event.spec.group === g.id)
      .map((k) => ({symbol: k.event.spec.symbol as string, group: g.id, event: k.event.spec, day0: k.event.day0}))
    if (members.length > 0 && layout) runs.push(runGroup(ctx, g.id, g.label, 'all', members, layout, model))
    ran()
  }
  return runs
}

/** The event-study part of the result: echo, events, groups and securities, with the runs' notes. */
function assemble(
  spec: StudySpec,
  cal: TradingCalendar,
  events: StudyResult['events'],
  runs: GroupRun[],
  notes: string[],
): StudyResult {
  for (const r of runs) {
    if (!r.run || r.run.engine.nIncluded === 0) {
      notes.push(
        `${r.group.group} (${r.group.event}): no security could be estimated, so the group has no averages or tests`,
      )
    }
  }
  const excluded = runs.flatMap((r) => r.excluded)
  if (excluded.length > 0) {
    notes.push(
      `excluded (event-study-methods.md: too few estimation observations, constant series or missing event-day prices): ${excluded.join('; ')}`,
    )
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'aftershock', version: TOOL_VERSION},
    study: studyEcho(spec),
    dataAsOf: cal.dates[cal.dates.length - 1],
    events,
    groups: runs.map((r) => r.group),
    securities: runs.flatMap((r) => r.securities),
    notes,
  }
}

function studyEcho(spec: StudySpec): StudyEcho {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    questions: [...spec.questions],
    // relative to the working folder: an absolute path would differ between machines and break byte-identical reports
    file: spec.file === null ? null : path.relative(process.cwd(), spec.file).split(path.sep).join('/'),
    benchmark: spec.benchmark,
    price: spec.price,
    returns: spec.returns,
    model: modelLabel(spec.model),
    nonTradingDay: spec.nonTradingDay,
    estimation: {...spec.estimation},
    windows: spec.windows.map((w) => [w[0], w[1]]),
  }
}

/** Current shares outstanding (--live-shares), online only; notes say what could not be had. */
async function sharesLive(
  securities: string[],
  opts: RunOptions,
  notes: string[],
): Promise<Map<string, number> | undefined> {
  if (!opts.liveShares) return undefined
  if (opts.offline || !opts.fetchShares) {
    notes.push('--live-shares: not used offline; shares come from the study file')
    return undefined
  }
  const got = await opts.fetchShares(securities)
  const live = new Map(
    Object.entries(got).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0,
    ),
  )
  const none = securities.filter((s) => !live.has(s))
  if (none.length > 0) notes.push(`--live-shares: no current shares outstanding for ${none.join(', ')}`)
  return live
}
