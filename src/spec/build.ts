/**
 * The semantic checks of a study file that passed the schema, and its normalization into a StudySpec: one named
 * phase per part of the file (estimation, windows, groups, events, shares, history, index, volatility), then the
 * checks that need the whole study. Every problem is an issue at its field's line; all are collected.
 */
import path from 'node:path'
import {normalizeSymbol} from '../store/symbols.js'
import {buildClaims} from './claims.js'
import {type CharacteristicsFileLoader, checkCrossSections, loadCharacteristics} from './cross-section.js'

export type {CharacteristicsFileLoader}
import {defaultMinObservations, isRealDate} from './fields.js'
import {formatPath, type IssueSink, type SpecContext, type StudyIssue} from './issues.js'
import {listDateIssues, resolveListGroups} from './list-events.js'
import type {RawStudy} from './raw.js'
import {checkSections, crossChecks} from './sections.js'
import type {SourceMap} from './source-map.js'
import type {Bound, EventSpec, GroupSpec, StudySpec} from './types.js'
import {modelLabel, sameModel, type StudyModel, studyModel} from './model.js'

/** Reads the events CSV named by `events: {file}`; returns its events and any issues (with the CSV's lines). */
export type EventsFileLoader = (ref: string) => {events: EventSpec[]; issues: StudyIssue[]}

export interface BuildOptions {
  /** The study file's absolute path (spec.file); null for a study built in code. */
  absFile?: string | null
  loadEventsFile?: EventsFileLoader
  /** Files the study names may lie outside its folder (`--allow-outside`). */
  allowOutside?: boolean
  loadCharacteristicsFile?: CharacteristicsFileLoader
}

export function buildSpec(
  raw: RawStudy,
  file: string,
  src: SourceMap,
  opts: BuildOptions,
): {spec: StudySpec | null; issues: StudyIssue[]} {
  const issues: StudyIssue[] = []
  const err: IssueSink = (path, message, key = false) => {
    issues.push({file, line: src.line(path, key), path: formatPath(path), message})
  }
  const ctx: SpecContext = {
    err,
    checkDate: (path, v) => {
      if (typeof v === 'string' && !isRealDate(v))
        err(path, `${v} is not a real date; write a calendar date YYYY-MM-DD`)
    },
    add: (issue) => issues.push(issue),
    line: (path) => src.line(path),
    file,
  }
  const minObservations = checkEstimation(raw, ctx)
  const windows = checkWindows(raw, ctx)
  const groups = checkGroups(raw, ctx)
  const {eventsKind, events} = checkEvents(raw, windows, ctx, opts)
  const sections = checkSections(raw, ctx)
  const {model, models} = checkModels(raw, ctx)
  const spec: StudySpec = {
    name: raw.name,
    title: raw.title ?? null,
    description: raw.description ?? null,
    questions: raw.questions ?? [],
    file: opts.absFile === undefined ? file : opts.absFile,
    benchmark: normalizeSymbol(raw.benchmark),
    price: raw.price ?? 'adjClose',
    returns: raw.returns ?? 'simple',
    model,
    models,
    nonTradingDay: raw.nonTradingDay ?? 'next',
    estimation: {from: raw.estimation.from, to: raw.estimation.to, minObservations},
    windows,
    eventsKind,
    events,
    groups,
    ...sections,
    claims: [],
    data: checkData(raw, ctx, opts),
  }
  if (eventsKind === 'list') resolveListGroups(spec)
  crossChecks(raw, spec, ctx)
  spec.claims = buildClaims(raw, spec, err)
  const characteristics = loadCharacteristics(raw, ctx, opts.loadCharacteristicsFile)
  if (characteristics) spec.characteristics = characteristics
  if (raw.crossSection) spec.crossSections = checkCrossSections(raw, spec, ctx)
  return {spec: issues.length > 0 ? null : spec, issues}
}

/**
 * The primary model and every model of the robustness table: `models:` (its first the primary one) or `model:`
 * alone; both given, `model` must be models[0]; each model once.
 */
function checkModels(raw: RawStudy, {err}: SpecContext): {model: StudyModel; models: StudyModel[]} {
  const model = studyModel(raw.model ?? raw.models?.[0] ?? 'market')
  if (!raw.models || raw.models.length === 0) return {model, models: [model]}
  const models = raw.models.map((m) => studyModel(m))
  if (raw.model !== undefined && !sameModel(model, models[0])) {
    err(
      ['model'],
      `model ${modelLabel(model)} is not the first of models (${modelLabel(models[0])}); the first of models is the primary model: make them the same or drop model`,
    )
  }
  models.forEach((m, i) => {
    const first = models.findIndex((x) => sameModel(x, m))
    if (first !== i) err(['models', i], `${modelLabel(m)} is already models[${first}]; name each model once`)
  })
  return {model, models}
}

/** Estimation window: both bounds offsets or both dates, in order; minObservations possible. */
function checkEstimation(raw: RawStudy, {err, checkDate}: SpecContext): number {
  const est = raw.estimation
  checkDate(['estimation', 'from'], est.from)
  checkDate(['estimation', 'to'], est.to)
  if (typeof est.from !== typeof est.to) {
    err(['estimation'], 'from and to must both be trading-day offsets or both be dates YYYY-MM-DD')
  } else if (est.from > est.to) {
    err(['estimation', 'to'], `the estimation window ends (${est.to}) before it starts (${est.from}); swap from and to`)
  }
  const minObservations = est.minObservations ?? defaultMinObservations(est.from, est.to)
  if (est.minObservations !== undefined && typeof est.from === 'number' && typeof est.to === 'number') {
    const length = est.to - est.from + 1
    if (est.to >= est.from && est.minObservations > length) {
      err(
        ['estimation', 'minObservations'],
        `${est.minObservations} observations cannot come from a ${length}-day window; lower it to at most ${length} or widen the window`,
      )
    }
  }
  return minObservations
}

/** Event windows: bounds of one kind, in order, not overlapping the estimation window. */
function checkWindows(raw: RawStudy, {err, checkDate}: SpecContext): Array<[Bound, Bound]> {
  const est = raw.estimation
  const windows: Array<[Bound, Bound]> = []
  raw.windows.forEach(([a, b], i) => {
    checkDate(['windows', i, 0], a)
    checkDate(['windows', i, 1], b)
    if (typeof a !== typeof b)
      err(['windows', i], 'both bounds must be trading-day offsets or both be dates YYYY-MM-DD')
    else if (a > b) err(['windows', i], `window [${a}, ${b}] ends before it starts; write it as [${b}, ${a}]`)
    windows.push([a, b])
  })
  windows.forEach(([a, b], i) => {
    if (typeof a !== typeof b || typeof est.from !== typeof est.to || typeof a !== typeof est.from || a > b) return
    if (est.from <= b && a <= est.to) {
      const dayBefore = typeof a === 'number' ? a - 1 : 'the day before ' + a
      err(
        ['windows', i],
        `window [${a}, ${b}] overlaps the estimation window [${est.from}, ${est.to}]; end the estimation before the window (e.g. estimation.to: ${dayBefore})`,
      )
    }
  })
  return windows
}

/** Groups: symbols normalized, each once per group. */
function checkGroups(raw: RawStudy, {err}: SpecContext): GroupSpec[] {
  const groups: GroupSpec[] = []
  for (const [id, g] of Object.entries(raw.groups ?? {})) {
    const symbols: string[] = []
    g.symbols.forEach((s, i) => {
      const sym = normalizeSymbol(s)
      if (symbols.includes(sym)) err(['groups', id, 'symbols', i], `${sym} is listed twice in this group; remove one`)
      else symbols.push(sym)
    })
    groups.push({id, label: g.label ?? null, symbols})
  }
  return groups
}

/** Events: a common list (ids unique, outside a dated estimation period), or per-security events from a CSV file. */
function checkEvents(
  raw: RawStudy,
  windows: Array<[Bound, Bound]>,
  ctx: SpecContext,
  opts: BuildOptions,
): {eventsKind: 'common' | 'list'; events: EventSpec[]} {
  const {err, checkDate} = ctx
  const est = raw.estimation
  if (!Array.isArray(raw.events))
    return {eventsKind: 'list', events: listEvents(raw.events.file, windows, ctx, raw, opts)}
  const events: EventSpec[] = []
  const seen = new Map<string, number>()
  raw.events.forEach((e, i) => {
    checkDate(['events', i, 'date'], e.date)
    const first = seen.get(e.id)
    if (first !== undefined) {
      err(['events', i, 'id'], `event id "${e.id}" is already used by events[${first}]; give each event its own id`)
    } else seen.set(e.id, i)
    events.push({id: e.id, date: e.date, label: e.label ?? null, symbol: null, group: null})
    // An event inside a dated estimation period would be estimated on its own reaction.
    if (typeof est.from === 'string' && typeof est.to === 'string' && e.date >= est.from && e.date <= est.to) {
      err(
        ['events', i, 'date'],
        `event ${e.id} (${e.date}) falls inside the estimation period ${est.from}..${est.to}; end the estimation before the event`,
      )
    }
  })
  if (!raw.groups) {
    err(
      [],
      'missing required field "groups": common events need groups of symbols; add groups: {my-group: {symbols: [...]}}',
    )
  }
  return {eventsKind: 'common', events}
}

/** `events: {file}`: the CSV's events (its bad rows reported with its own lines); windows must be offsets. */
function listEvents(
  ref: string,
  windows: Array<[Bound, Bound]>,
  ctx: SpecContext,
  raw: RawStudy,
  opts: BuildOptions,
): EventSpec[] {
  let events: EventSpec[] = []
  if (!opts.loadEventsFile) {
    ctx.err(['events', 'file'], 'events from a file need the study to be loaded from disk (loadStudy), not from text')
  } else {
    const loaded = opts.loadEventsFile(ref)
    const line = ctx.line(['events', 'file'])
    // A missing file is the study file's problem; bad rows are the CSV's own.
    for (const i of loaded.issues) ctx.add(i.file === '' ? {...i, file: ctx.file, line, path: 'events.file'} : i)
    events = loaded.events
  }
  for (const i of listDateIssues(raw.estimation, windows)) ctx.err(i.path, i.message)
  return events
}

/**
 * `data: {snapshot}`: the file relative to the study file, inside its folder unless allowOutside. Whether it exists
 * is checked when a run reads it (`aftershock snapshot` writes it for a study that names it).
 */
function checkData(raw: RawStudy, {err}: SpecContext, opts: BuildOptions): {snapshot: string} | null {
  if (!raw.data) return null
  const ref = raw.data.snapshot
  if (opts.absFile === null || opts.absFile === undefined) return {snapshot: ref}
  const folder = path.dirname(opts.absFile)
  const abs = path.resolve(folder, ref)
  const rel = path.relative(folder, abs)
  if (!opts.allowOutside && (rel.startsWith('..') || path.isAbsolute(rel))) {
    err(
      ['data', 'snapshot'],
      `${ref} is outside the study's folder ${folder}; keep the snapshot beside the study file, or pass --allow-outside`,
    )
  }
  return {snapshot: abs}
}
