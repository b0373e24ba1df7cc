/**
 * The study runner: study spec + price store -> StudyResult (src/result.ts).
 * Checks the data, resolves events on the benchmark's trading calendar, builds one panel per group × event
 * (or per group for list events), runs the engine, then adds volatility, volume and issue 4's extras.
 * Deterministic: no timestamps, ordering follows the study file. No NaN leaves this module.
 */
import path from 'node:path'
import {boundToOffset, buildCalendar, dateAtOffset, resolveEventDay, type TradingCalendar} from '../engine/calendar.js'
import {
  abnormalVolatility,
  abnormalVolume,
  expectedReturn,
  predictionErrorFactor,
  runEventStudy,
} from '../engine/index.js'
import type {EngineResult, EventPanel, TestBattery, TestResult} from '../engine/types.js'
import {TEST_NAMES} from '../engine/types.js'
import {InputError} from '../errors.js'
import type {
  DailyRow,
  EventResult,
  GroupResult,
  OverlapNote,
  SecurityArRow,
  SecurityResult,
  SecurityWindowRow,
  StudyResult,
  VolatilityResult,
  VolumeResult,
  WindowRow,
} from '../result.js'
import {SCHEMA_VERSION} from '../result.js'
import type {Bar} from '../types.js'
import {TOOL_VERSION} from '../version.js'
import {addStudyExtras} from './extras.js'
import {usableBars} from './history.js'
import {alignBars, buildEventPanel, calendarReturns, sliceRows, type AlignedSeries} from './panel.js'
import {withListEvents} from './spec.js'
import type {EventSpec, StudySpec} from './spec-types.js'

/** What the runner needs of the price store (PriceStore satisfies it). */
export interface BarSource {
  hasSymbol(symbol: string): boolean
  getBars(symbol: string, from?: string, to?: string): Bar[]
  /** Last stored date of a symbol (for the note on prices after the benchmark's last date). */
  lastDate?(symbol: string): string | null
}

export interface RunOptions {
  /** Never touch the network: symbols missing from the store are an error. */
  offline: boolean
  /** Per-security events replacing the study's events (`--events FILE|-`); re-checked through `withListEvents`. */
  eventsOverride?: EventSpec[]
  /** How the override is named in messages (default `--events`). */
  eventsSource?: string
  /** Use current shares outstanding fetched live (flagged as current, not as of the event). */
  liveShares?: boolean
  /** Fetches symbols into the store (online only); the CLI wires A's fetchSymbols here. */
  fetchMissing?: (symbols: string[]) => Promise<Array<{symbol: string; ok: boolean; error?: string}>>
  /** Current shares outstanding per symbol (online, --live-shares); the CLI wires A's fetchSharesOutstanding. */
  fetchShares?: (symbols: string[]) => Promise<Record<string, number | null>>
  /** Progress and warnings (stderr in the CLI). */
  log?: (message: string) => void
}

/** A security-event of the study: one row of one panel. */
interface Member {
  symbol: string
  group: string
  event: EventSpec
  /** Calendar index of day 0. */
  day0: number
}

/** Relative-day layout of one panel, after ISO-date bounds are resolved. */
interface Layout {
  estimation: [number, number]
  windows: Array<[number, number]>
  volatility: [number, number]
}

function studyLabel(spec: StudySpec): string {
  return spec.file ?? `study ${spec.name}`
}

const fetchHint = (symbols: string[]): string =>
  `import it with \`aftershock import FILE.csv\` or fetch it with \`aftershock fetch ${symbols.join(' ')}\``

/** Runs the study. Throws InputError for data the study cannot run on (naming the field and the fix). */
export async function runStudy(studySpec: StudySpec, store: BarSource, opts: RunOptions): Promise<StudyResult> {
  const log = opts.log ?? (() => {})
  const notes: string[] = []
  // Events from --events replace the study's: windows, estimation and claims are re-checked against them.
  const spec =
    opts.eventsOverride !== undefined
      ? withListEvents(studySpec, opts.eventsOverride, opts.eventsSource ?? '--events')
      : studySpec
  const where = studyLabel(spec)
  const listMode = spec.eventsKind === 'list'
  const eventSpecs = spec.events
  if (eventSpecs.length === 0)
    throw new InputError(`${where}: events: the study has no events; add events or pass --events FILE`)

  // ---- who is studied ---------------------------------------------------------------------------------
  const groupOrder: string[] = []
  const groupLabel = new Map<string, string | null>()
  const groupSymbols = new Map<string, string[]>()
  for (const g of spec.groups) {
    groupOrder.push(g.id)
    groupLabel.set(g.id, g.label)
    groupSymbols.set(g.id, [...g.symbols])
  }
  const listGroupOf = (ev: EventSpec): string => {
    if (ev.group) return ev.group
    const g = spec.groups.find((x) => x.symbols.includes(ev.symbol ?? ''))
    return g ? g.id : 'all'
  }
  if (listMode) {
    for (const [i, ev] of eventSpecs.entries()) {
      if (!ev.symbol) throw new InputError(`${where}: events[${i}] (${ev.id}): a list event needs a symbol`)
      const g = listGroupOf(ev)
      if (!groupLabel.has(g)) {
        groupOrder.push(g)
        groupLabel.set(g, null)
      }
    }
  } else if (spec.groups.length === 0) {
    throw new InputError(`${where}: groups: the study has no groups; add groups with their symbols`)
  }

  const securities = listMode
    ? uniq(eventSpecs.map((e) => e.symbol as string))
    : uniq(spec.groups.flatMap((g) => g.symbols))
  const allSymbols = uniq([spec.benchmark, ...securities])

  // ---- data present? fetch what the store lacks when online ---------------------------------------------
  let missing = allSymbols.filter((s) => !store.hasSymbol(s))
  if (missing.length > 0 && !opts.offline && opts.fetchMissing) {
    log(`fetching ${missing.length} symbol(s) the store lacks: ${missing.join(', ')}`)
    const summary = await opts.fetchMissing(missing)
    for (const s of summary) if (!s.ok) log(`fetch ${s.symbol} failed: ${s.error ?? 'unknown error'}`)
    missing = allSymbols.filter((s) => !store.hasSymbol(s))
  }
  if (missing.includes(spec.benchmark)) {
    throw new InputError(
      `${where}: benchmark: ${spec.benchmark} is not in the price store${opts.offline ? ' (offline)' : ''}; ${fetchHint([spec.benchmark])}, or name a benchmark the store holds`,
    )
  }
  if (missing.length > 0) {
    const lines = missing.map((s) => {
      if (listMode) return `events: ${s} is not in the price store`
      const gs = spec.groups.filter((g) => g.symbols.includes(s))
      return gs.map((g) => `groups.${g.id}.symbols[${g.symbols.indexOf(s)}]: ${s} is not in the price store`).join('\n')
    })
    throw new InputError(
      `${where}:\n${lines.join('\n')}\n${fetchHint(missing)}${opts.offline ? ' (offline: nothing was fetched)' : ''}, or remove the symbol from the study`,
    )
  }

  // ---- calendar and aligned series ------------------------------------------------------------------------
  const bars = new Map<string, Bar[]>()
  const benchBars = store.getBars(spec.benchmark)
  bars.set(spec.benchmark, benchBars)
  const benchField =
    spec.price === 'adjClose' && !benchBars.some((b) => b.adjClose !== null && b.adjClose > 0) ? 'close' : spec.price
  const cal = buildCalendar(
    benchBars.filter((b) => b[benchField] !== null && (b[benchField] as number) > 0).map((b) => b.date),
  )
  if (cal.dates.length < 2)
    throw new InputError(
      `${where}: benchmark: ${spec.benchmark} has fewer than 2 prices in the store; ${fetchHint([spec.benchmark])}`,
    )
  const dataAsOf = cal.dates[cal.dates.length - 1]
  const bench = alignBars(spec.benchmark, benchBars, cal, spec.price)
  const marketReturns = calendarReturns(bench.prices, spec.returns)
  const fallbacks: string[] = bench.note ? [spec.benchmark] : []

  // ---- events -----------------------------------------------------------------------------------------------
  const events: EventResult[] = []
  const resolved: Array<{spec: EventSpec; day0: number; index: number}> = []
  for (const [i, ev] of eventSpecs.entries()) {
    const r = resolveEventDay(cal, ev.date, spec.nonTradingDay)
    const field = listMode && opts.eventsOverride ? `--events row ${i + 1}` : `events[${i}] (${ev.id})`
    if (r.kind === 'error') {
      if (listMode && r.reason.includes('outside')) {
        notes.push(`${ev.id}: left out: ${r.reason}`)
        continue
      }
      throw new InputError(
        `${where}: ${field}.date: ${r.reason}${r.reason.includes('outside') ? `; ${fetchHint([spec.benchmark, ...(ev.symbol ? [ev.symbol] : [])])}` : ''}`,
      )
    }
    if (r.kind === 'skip') {
      notes.push(`${ev.id}: ${r.reason}`)
      continue
    }
    if (r.note) notes.push(`${ev.id}: ${r.note}`)
    events.push({
      id: ev.id,
      label: ev.label,
      symbol: listMode ? ev.symbol : null,
      date: ev.date,
      tradingDate: r.tradingDate,
      shift: r.shift,
      note: r.note,
    })
    resolved.push({spec: ev, day0: r.index, index: i})
  }
  if (resolved.length === 0)
    throw new InputError(`${where}: events: no event is left to study (all skipped); check the dates`)

  // ---- layouts: ISO-date bounds resolved per event, then checked against the data ------------------------------
  const layouts = new Map<string, Layout>()
  const kept: typeof resolved = []
  for (const r of resolved) {
    try {
      layouts.set(r.spec.id + '\u0000' + (r.spec.symbol ?? ''), resolveLayout(spec, cal, r.day0, r.spec))
      kept.push(r)
    } catch (error) {
      if (listMode && error instanceof InputError && error.message.includes('data')) {
        notes.push(`${r.spec.id}: left out: ${error.message.replace(`${where}: `, '')}`)
        const k = events.findIndex((e) => e.id === r.spec.id && e.symbol === r.spec.symbol)
        if (k >= 0) events.splice(k, 1)
        continue
      }
      throw error
    }
  }
  const layoutOf = (ev: EventSpec): Layout => layouts.get(ev.id + '\u0000' + (ev.symbol ?? '')) as Layout

  // ---- securities: prices on the calendar ------------------------------------------------------------------
  const aligned = new Map<string, AlignedSeries>()
  const returnsOf = new Map<string, Float64Array>()
  const later: string[] = []
  // Securities' bars only over the dates the study uses (reading whole histories is most of a run's time).
  const [from, to] = neededDates(spec, cal, kept, layoutOf)
  const firstUsable = new Set(spec.history.map((h) => h.symbol))
  for (const s of securities) {
    // history: a security's rows before its first usable date are dropped here, before everything that reads
    // bars: the aligned prices (estimation, event windows, volume) and ctx.bars (index, value at stake).
    const {bars: stored, note: cut} = usableBars(spec.history, s, store.getBars(s, from, to))
    if (cut) notes.push(cut)
    bars.set(s, stored)
    const a = alignBars(s, stored, cal, spec.price)
    aligned.set(s, a)
    returnsOf.set(s, calendarReturns(a.prices, spec.returns))
    if (a.note) fallbacks.push(s)
    if (a.offCalendar > 0)
      notes.push(`${s}: ${a.offCalendar} price(s) on days ${spec.benchmark} did not trade were ignored`)
    const lastStored = store.lastDate ? store.lastDate(s) : null
    if (lastStored !== null && lastStored > dataAsOf) later.push(s)
  }
  if (later.length > 0) {
    notes.push(
      `${spec.benchmark}'s data end on ${dataAsOf}: later prices of ${later.join(', ')} are not used (\`aftershock fetch ${spec.benchmark}\` brings the benchmark up to date)`,
    )
  }
  if (fallbacks.length > 0) {
    notes.push(
      `price: no adjusted closes in the store for ${fallbacks.join(', ')}; used the close instead (not adjusted for dividends or later splits)`,
    )
  }

  // ---- panels and the engine ----------------------------------------------------------------------------------
  const groups: GroupResult[] = []
  const secResults: SecurityResult[] = []
  const volInputs: VolatilityInput[] = []
  const excludedReasons: string[] = []

  const runPanel = (groupId: string, eventId: string, members: Member[], layout: Layout): void => {
    const usable: Member[] = []
    const preExcluded = new Map<Member, string>()
    for (const m of members) {
      const a = aligned.get(m.symbol) as AlignedSeries
      if (a.firstDate === null)
        preExcluded.set(m, `no prices in the store on ${spec.benchmark}'s trading days of the study's period`)
      else usable.push(m)
    }
    const path = pathRange(layout)
    const firstRel = Math.min(layout.estimation[0], ...layout.windows.map((w) => w[0]), layout.volatility[0], path[0])
    const lastRel = Math.max(layout.estimation[1], ...layout.windows.map((w) => w[1]), layout.volatility[1], path[1])
    const panel: EventPanel = buildEventPanel(
      usable.map((m) => ({returns: returnsOf.get(m.symbol) as Float64Array, day0: m.day0})),
      marketReturns,
      firstRel,
      lastRel,
    )
    const engine: EngineResult | null =
      usable.length > 0
        ? runEventStudy(panel, {
            model: spec.model,
            returns: spec.returns,
            estimation: layout.estimation,
            windows: layout.windows,
            minObservations: spec.estimation.minObservations,
          })
        : null
    const commonDay0 = members.every((m) => m.day0 === members[0].day0) ? members[0].day0 : null
    const dateOf = (t: number): string | null => (commonDay0 === null ? null : dateAtOffset(cal, commonDay0, t))

    // securities, in the order of the group's list
    for (const m of members) {
      const base = {symbol: m.symbol, group: groupId, event: m.event.id}
      const pre = preExcluded.get(m)
      if (pre !== undefined) {
        secResults.push({...base, excluded: pre})
        excludedReasons.push(`${m.symbol} (${groupId}, ${m.event.id}): ${pre}`)
        continue
      }
      const i = usable.indexOf(m)
      const e = engine as EngineResult
      const fit = e.fits[i]
      const exclusion = e.exclusions[i]
      if (!fit || exclusion) {
        const reason = explainExclusion(
          exclusion?.reason ?? 'not estimated',
          exclusion?.code,
          exclusion?.day,
          aligned.get(m.symbol) as AlignedSeries,
          cal,
          m.day0,
          layout,
          firstUsable.has(m.symbol),
        )
        secResults.push({...base, excluded: reason})
        excludedReasons.push(`${m.symbol} (${groupId}, ${m.event.id}): ${reason}`)
        continue
      }
      const cols = e.eventDays.length
      const ar: SecurityArRow[] = []
      const inEngine = new Set<number>()
      for (let j = 0; j < cols; j++) {
        const t = e.eventDays[j]
        const k = i * cols + j
        inEngine.add(t)
        ar.push({t, date: dateAtOffset(cal, m.day0, t) as string, ret: e.ret[k], ar: e.ar[k], sar: e.sar[k]})
      }
      // Days of the path range outside the event windows (for CAAR path charts): AR from the same fit.
      for (let t = path[0]; t <= path[1]; t++) {
        if (inEngine.has(t)) continue
        const c = t - firstRel
        const y = panel.returns[i * panel.days + c]
        const x = panel.market[panel.market.length === panel.days ? c : i * panel.days + c]
        const date = dateAtOffset(cal, m.day0, t)
        if (date === null || !Number.isFinite(y) || !Number.isFinite(x)) continue
        const a = y - expectedReturn(fit, x)
        const sar = a / (fit.sigma * Math.sqrt(predictionErrorFactor(spec.model, fit, x)))
        if (Number.isFinite(a) && Number.isFinite(sar)) ar.push({t, date, ret: y, ar: a, sar})
      }
      ar.sort((p, q) => p.t - q.t)
      const windows: SecurityWindowRow[] = e.windows.map((w) => ({
        window: [w.window[0], w.window[1]],
        from: dateAtOffset(cal, m.day0, w.window[0]) as string,
        to: dateAtOffset(cal, m.day0, w.window[1]) as string,
        car: w.car[i],
        scar: w.scar[i],
        bhar: w.bhar[i],
        t: w.t[i],
        p: w.p[i],
      }))
      const model = {alpha: fit.alpha, beta: fit.beta, sigma: fit.sigma, r2: finOrNull(fit.r2), n: fit.L}
      const bad = firstNonFinite({model, ar, windows})
      if (bad !== null) {
        // Never NaN in the result: a statistic the data cannot support excludes the security, with the reason.
        const reason = `a statistic is not finite (${bad}); the estimation data are degenerate`
        secResults.push({...base, excluded: reason})
        excludedReasons.push(`${m.symbol} (${groupId}, ${m.event.id}): ${reason}`)
        continue
      }
      secResults.push({...base, model, ar, windows})
    }

    const nIncluded = engine ? engine.nIncluded : 0
    const daily: DailyRow[] = []
    const windows: WindowRow[] = []
    if (engine && nIncluded > 0) {
      for (const d of engine.daily) {
        if (d.aar === null || !Number.isFinite(d.aar)) continue
        daily.push({t: d.t, date: dateOf(d.t), n: d.n, aar: d.aar, tests: cleanBattery(d.tests)})
      }
      for (const w of engine.windows) {
        if (w.caar === null || !Number.isFinite(w.caar)) continue
        windows.push({
          window: [w.window[0], w.window[1]],
          from: dateOf(w.window[0]),
          to: dateOf(w.window[1]),
          n: w.n,
          caar: w.caar,
          tests: cleanBattery(w.tests),
        })
      }
    } else {
      notes.push(`${groupId} (${eventId}): no security could be estimated, so the group has no averages or tests`)
    }
    groups.push({
      group: groupId,
      label: groupLabel.get(groupId) ?? null,
      event: eventId,
      n: nIncluded,
      excluded: members.length - nIncluded,
      daily,
      windows,
    })
    if (engine) {
      volInputs.push({
        group: groupId,
        event: eventId,
        members: usable.map((m) => ({symbol: m.symbol, event: m.event.id, day0: m.day0})),
        panel,
        engine,
        layout,
        volume: usable.map((m) => (aligned.get(m.symbol) as AlignedSeries).volume),
        firstRel,
        lastRel,
        dateOf,
      })
    }
  }

  if (!listMode) {
    for (const r of kept) {
      const layout = layoutOf(r.spec)
      for (const g of groupOrder) {
        const members = (groupSymbols.get(g) ?? []).map((symbol) => ({symbol, group: g, event: r.spec, day0: r.day0}))
        runPanel(g, r.spec.id, members, layout)
      }
    }
  } else {
    const layout = sameLayout(
      kept.map((r) => layoutOf(r.spec)),
      where,
    )
    for (const g of groupOrder) {
      const members = kept
        .filter((r) => listGroupOf(r.spec) === g)
        .map((r) => ({symbol: r.spec.symbol as string, group: g, event: r.spec, day0: r.day0}))
      if (members.length > 0 && layout) runPanel(g, 'all', members, layout)
    }
  }
  if (excludedReasons.length > 0) {
    notes.push(
      `excluded (event-study-methods.md: too few estimation observations, constant series or missing event-day prices): ${excludedReasons.join('; ')}`,
    )
  }

  const result: StudyResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'aftershock', version: TOOL_VERSION},
    study: {
      name: spec.name,
      title: spec.title,
      description: spec.description,
      questions: [...spec.questions],
      // relative to the working folder: an absolute path would differ between machines and break byte-identical reports
      file: spec.file === null ? null : path.relative(process.cwd(), spec.file).split(path.sep).join('/'),
      benchmark: spec.benchmark,
      price: spec.price,
      returns: spec.returns,
      model: spec.model,
      nonTradingDay: spec.nonTradingDay,
      estimation: {...spec.estimation},
      windows: spec.windows.map((w) => [w[0], w[1]]),
    },
    dataAsOf,
    events,
    groups,
    securities: secResults,
    notes,
  }

  const overlaps = listMode ? findOverlaps(kept, layoutOf) : []
  if (overlaps.length > 0) result.overlaps = overlaps

  const vol = studyVolatility(volInputs)
  if (vol) result.volatility = vol
  const volume = studyVolume(volInputs, spec.estimation.minObservations)
  if (volume) result.volume = volume

  // ---- extras (index, value at stake, claims) ----------------------------------------------------------------
  let liveShares: Map<string, number> | undefined
  if (opts.liveShares) {
    if (opts.offline || !opts.fetchShares) {
      notes.push('--live-shares: not used offline; shares come from the study file')
    } else {
      const got = await opts.fetchShares(securities)
      liveShares = new Map(
        Object.entries(got).filter(
          (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0,
        ),
      )
      const none = securities.filter((s) => !liveShares?.has(s))
      if (none.length > 0) notes.push(`--live-shares: no current shares outstanding for ${none.join(', ')}`)
    }
  }
  addStudyExtras(result, {spec, bars, calendar: [...cal.dates], liveShares})
  return result
}

// ---- helpers ----------------------------------------------------------------------------------------------------

function uniq(xs: string[]): string[] {
  return [...new Set(xs)]
}

/** Path of the first non-finite number in a value (null when all are finite). */
function firstNonFinite(x: unknown, path = ''): string | null {
  if (typeof x === 'number') return Number.isFinite(x) ? null : path
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const r = firstNonFinite(x[i], `${path}[${i}]`)
      if (r !== null) return r
    }
    return null
  }
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      const r = firstNonFinite(v, path ? `${path}.${k}` : k)
      if (r !== null) return r
    }
  }
  return null
}

function finOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

/** A test battery with every key, no NaN: a non-finite stat or p becomes null with a note. */
export function cleanBattery(b: TestBattery): TestBattery {
  const out = {} as TestBattery
  for (const name of TEST_NAMES) {
    const r: TestResult | undefined = b[name]
    out[name] = r ? cleanTest(r) : {stat: null, p: null, n: 0, note: 'not computed'}
  }
  return out
}

/** One test result without NaN: a non-finite stat or p becomes null with a note. */
function cleanTest(r: TestResult): TestResult {
  const stat = finOrNull(r.stat)
  const p = finOrNull(r.p)
  const clean: TestResult = {stat, p, n: r.n}
  if (r.df !== undefined && Number.isFinite(r.df)) clean.df = r.df
  if (r.note) clean.note = r.note
  else if ((stat === null) !== (r.stat === null) || (p === null) !== (r.p === null))
    clean.note = 'undefined for these data'
  return clean
}

/** Resolves the study's estimation, windows and volatility window to relative days for one event, and checks the data covers them. */
function resolveLayout(spec: StudySpec, cal: TradingCalendar, day0: number, ev: EventSpec): Layout {
  const where = studyLabel(spec)
  const tag = ev.symbol ? `${ev.id} (${ev.symbol})` : ev.id
  const last = cal.dates.length - 1
  const off = (field: string, b: number | string, side: 'from' | 'to'): number => {
    const o = boundToOffset(cal, day0, b, side)
    if (o === null) {
      throw new InputError(
        `${where}: ${field}: ${b} has no trading day in the benchmark's data (${cal.dates[0]} to ${cal.dates[last]}) for event ${tag}; ${fetchHint([spec.benchmark])} for that period, or change ${field}`,
      )
    }
    return o
  }
  const inData = (field: string, t: number, what: string): void => {
    const k = day0 + t
    if (k < 0) {
      throw new InputError(
        `${where}: ${field}: ${what} (day ${t} of event ${tag}) is before the benchmark's first date in the data, ${cal.dates[0]}; import or fetch older data for ${spec.benchmark}, or shorten ${field}`,
      )
    }
    if (k > last) {
      throw new InputError(
        `${where}: ${field}: ${what} (day ${t} of event ${tag}) is after the benchmark's last date in the data, ${cal.dates[last]}; fetch newer data (\`aftershock fetch ${spec.benchmark} ...\`), or shorten ${field}`,
      )
    }
  }
  const estimation: [number, number] = [
    off('estimation.from', spec.estimation.from, 'from'),
    off('estimation.to', spec.estimation.to, 'to'),
  ]
  if (estimation[0] > estimation[1]) {
    throw new InputError(
      `${where}: estimation: from ${spec.estimation.from} to ${spec.estimation.to} holds no trading day for event ${tag}; widen it`,
    )
  }
  inData('estimation.from', estimation[0], 'the estimation start')
  inData('estimation.to', estimation[1], 'the estimation end')
  // With offsets this is checked in the file; dates resolve to a number of trading days only here.
  const estDays = estimation[1] - estimation[0] + 1
  if (spec.estimation.minObservations > estDays) {
    throw new InputError(
      `${where}: estimation.minObservations: ${spec.estimation.minObservations} observations cannot come from the estimation window ${spec.estimation.from}..${spec.estimation.to}, which holds ${estDays} trading day${estDays === 1 ? '' : 's'} for event ${tag}; lower estimation.minObservations to at most ${estDays} or widen the window`,
    )
  }
  const windows = spec.windows.map((w, k): [number, number] => {
    const r: [number, number] = [off(`windows[${k}][0]`, w[0], 'from'), off(`windows[${k}][1]`, w[1], 'to')]
    if (r[0] > r[1])
      throw new InputError(
        `${where}: windows[${k}]: [${w[0]}, ${w[1]}] holds no trading day for event ${tag}; widen it`,
      )
    inData(`windows[${k}]`, r[0], 'the window start')
    inData(`windows[${k}]`, r[1], 'the window end')
    if (day0 + r[0] < 1)
      throw new InputError(
        `${where}: windows[${k}]: the window starts on the benchmark's first date, which has no return; import older data`,
      )
    if (estimation[1] >= r[0] && estimation[0] <= r[1]) {
      throw new InputError(
        `${where}: estimation: days ${estimation[0]}..${estimation[1]} overlap windows[${k}] (days ${r[0]}..${r[1]}) of event ${tag}; end the estimation before the window starts`,
      )
    }
    return r
  })
  const maxEnd = Math.max(...windows.map((w) => w[1]))
  const volatility: [number, number] = spec.volatilityWindow
    ? [spec.volatilityWindow[0], spec.volatilityWindow[1]]
    : [Math.min(1, maxEnd), maxEnd]
  inData('volatility.window', volatility[0], 'the volatility window start')
  inData('volatility.window', volatility[1], 'the volatility window end')
  return {estimation, windows, volatility}
}

/**
 * Relative days each security's `ar` rows cover: the event windows, widened to PATH_RANGE (days -10..+14, the
 * CAAR path charts of reports) where those days lie outside the estimation window. Days the data lack are
 * left out row by row. Group daily rows and tests stay on the event windows' days.
 */
export const PATH_RANGE: readonly [number, number] = [-10, 14]

function pathRange(layout: Layout): [number, number] {
  const [e1, e2] = layout.estimation
  const t1 = Math.min(...layout.windows.map((w) => w[0]))
  const t2 = Math.max(...layout.windows.map((w) => w[1]))
  let from = Math.min(t1, PATH_RANGE[0])
  let to = Math.max(t2, PATH_RANGE[1])
  if (e2 < t1) from = Math.min(t1, Math.max(from, e2 + 1))
  if (e1 > t2) to = Math.max(t2, Math.min(to, e1 - 1))
  return [from, to]
}

/**
 * The dates the study reads: every panel's range (with the close before it, for value at stake) and the
 * index's base period to its as-of date.
 */
function neededDates(
  spec: StudySpec,
  cal: TradingCalendar,
  kept: Array<{spec: EventSpec; day0: number}>,
  layoutOf: (ev: EventSpec) => Layout,
): [string, string] {
  const last = cal.dates.length - 1
  let lo = last
  let hi = 0
  for (const r of kept) {
    const l = layoutOf(r.spec)
    const path = pathRange(l)
    const a = Math.min(l.estimation[0], ...l.windows.map((w) => w[0]), l.volatility[0], path[0]) - 1
    const b = Math.max(l.estimation[1], ...l.windows.map((w) => w[1]), l.volatility[1], path[1])
    lo = Math.min(lo, Math.max(0, r.day0 + a))
    hi = Math.max(hi, Math.min(last, r.day0 + b))
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
function sameLayout(layouts: Layout[], where: string): Layout | null {
  if (layouts.length === 0) return null
  const key = (l: Layout): string => JSON.stringify(l)
  const k0 = key(layouts[0])
  if (layouts.some((l) => key(l) !== k0)) {
    throw new InputError(
      `${where}: estimation/windows: with events from a list, give the estimation window and the event windows as trading-day offsets (e.g. [-1, 1]), not dates`,
    )
  }
  return layouts[0]
}

/** Adds the data's own explanation to an engine exclusion: e.g. a security listed after the estimation window began. */
function explainExclusion(
  reason: string,
  code: string | undefined,
  day: number | undefined,
  a: AlignedSeries,
  cal: TradingCalendar,
  day0: number,
  layout: Layout,
  /** The security's first dates are cut by history: (its first price used is not its first stored one). */
  cut = false,
): string {
  if (code === 'missing-event-return' && day !== undefined) {
    const d = dateAtOffset(cal, day0, day)
    if (d !== null) return `${reason} (${d}: no price that day or the trading day before)`
  }
  if (code === 'too-few-observations' && a.firstDate !== null) {
    const estStart = dateAtOffset(cal, day0, layout.estimation[0])
    if (estStart !== null && a.firstDate > estStart)
      return `${reason} (first price ${cut ? 'used (history:)' : 'in the store'} ${a.firstDate}, after the estimation window starts on ${estStart})`
  }
  return reason
}

/** Security-events of one symbol whose event windows (first window start .. last window end) overlap. */
function findOverlaps(
  kept: Array<{spec: EventSpec; day0: number}>,
  layoutOf: (ev: EventSpec) => Layout,
): OverlapNote[] {
  const bySymbol = new Map<string, Array<{id: string; from: number; to: number}>>()
  for (const r of kept) {
    const l = layoutOf(r.spec)
    const span = {
      id: r.spec.id,
      from: r.day0 + Math.min(...l.windows.map((w) => w[0])),
      to: r.day0 + Math.max(...l.windows.map((w) => w[1])),
    }
    const s = r.spec.symbol as string
    const list = bySymbol.get(s) ?? []
    list.push(span)
    bySymbol.set(s, list)
  }
  const out: OverlapNote[] = []
  for (const [symbol, spans] of bySymbol) {
    spans.sort((a, b) => a.from - b.from || a.id.localeCompare(b.id))
    const ids = new Set<string>()
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length && spans[j].from <= spans[i].to; j++) {
        ids.add(spans[i].id)
        ids.add(spans[j].id)
      }
    }
    if (ids.size > 0) {
      const evs = spans.map((s) => s.id).filter((id) => ids.has(id))
      out.push({
        symbol,
        events: evs,
        note: `${symbol}: the event windows of ${evs.join(', ')} overlap; their abnormal returns share days and are not independent`,
      })
    }
  }
  return out
}

// ---- abnormal volatility and volume (event-study-methods.md, "Abnormal volatility and volume") ----------------

/** One engine run, with what the volatility and volume sections need. */
interface VolatilityInput {
  group: string
  event: string
  members: Array<{symbol: string; event: string; day0: number}>
  panel: EventPanel
  engine: EngineResult
  layout: Layout
  /** Calendar-aligned volume per panel row (null when the security has none). */
  volume: Array<Float64Array | null>
  firstRel: number
  lastRel: number
  dateOf: (t: number) => string | null
}

/**
 * The volatility section: B's abnormalVolatility per engine run (F = s^2(AR over W) / sigma_i^2, one-sided;
 * group: share significant and the cross-sectional t of mean_t SAR^2 - 1). Rows without figures are left out.
 */
function studyVolatility(inputs: VolatilityInput[]): VolatilityResult | undefined {
  if (inputs.length === 0) return undefined
  const window = inputs[0].layout.volatility
  const out: VolatilityResult = {window: [window[0], window[1]], securities: [], groups: []}
  for (const x of inputs) {
    const v = abnormalVolatility(x.panel, x.engine, {window: x.layout.volatility})
    v.rows.forEach((r, i) => {
      if (!r || ![r.preVariance, r.postVariance, r.ratio, r.p].every(Number.isFinite)) return
      const m = x.members[i]
      out.securities.push({
        symbol: m.symbol,
        group: x.group,
        event: m.event,
        preVariance: r.preVariance,
        postVariance: r.postVariance,
        ratio: r.ratio,
        df1: r.df1,
        df2: r.df2,
        p: r.p,
        significant: r.significant,
      })
    })
    const g = v.group
    if (g.n > 0 && g.meanRatio !== null && g.shareSignificant !== null && g.meanSar2Minus1 !== null) {
      out.groups.push({
        group: x.group,
        event: x.event,
        n: g.n,
        meanRatio: g.meanRatio,
        shareSignificant: g.shareSignificant,
        test: cleanTest(g.test),
        meanSar2Minus1: g.meanSar2Minus1,
      })
    }
  }
  return out.securities.length > 0 ? out : undefined
}

/**
 * The volume section, where volume exists: B's abnormalVolume per engine run over the span of the event
 * windows (AV_it = ln(1 + V_it) - mean over E_i; cross-sectional t and sign per day). Absent when no
 * security of the study has volume.
 */
function studyVolume(inputs: VolatilityInput[], minObservations: number): VolumeResult | undefined {
  if (inputs.length === 0 || !inputs.some((x) => x.volume.some((v) => v !== null))) return undefined
  const spanOf = (l: Layout): [number, number] => [
    Math.min(...l.windows.map((w) => w[0])),
    Math.max(...l.windows.map((w) => w[1])),
  ]
  const out: VolumeResult = {window: spanOf(inputs[0].layout), groups: [], notes: []}
  const without = new Set<string>()
  for (const x of inputs) {
    const series = x.volume.map((v) => v ?? new Float64Array(0))
    x.members.forEach((m, i) => {
      if (x.volume[i] === null) without.add(m.symbol)
    })
    const volume = sliceRows(
      series,
      x.members.map((m) => m.day0),
      x.firstRel,
      x.lastRel,
    )
    const v = abnormalVolume(
      {n: x.members.length, days: x.lastRel - x.firstRel + 1, firstRel: x.firstRel, volume},
      {estimation: x.layout.estimation, window: spanOf(x.layout), minObservations, include: x.engine.included},
    )
    const daily: VolumeResult['groups'][number]['daily'] = []
    for (const d of v.daily) {
      if (d.n === 0 || d.meanAv === null || !Number.isFinite(d.meanAv)) continue
      daily.push({
        t: d.t,
        date: x.dateOf(d.t),
        n: d.n,
        meanAv: d.meanAv,
        crossSectionalT: cleanTest(d.crossSectionalT),
        sign: cleanTest(d.sign),
      })
    }
    const n = v.exclusions.filter((e) => e === null).length
    if (n > 0) out.groups.push({group: x.group, event: x.event, n, daily})
  }
  if (without.size > 0)
    out.notes.push(`no volume in the store for ${[...without].sort().join(', ')}; left out of abnormal volume`)
  return out.groups.length > 0 ? out : undefined
}
