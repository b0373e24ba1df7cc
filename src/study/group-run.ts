/**
 * One engine run of the study: the security-events of a group around one event (or a group's list events) as an
 * EventPanel, the engine, and the group's and securities' rows of the result. A security-event excluded at any
 * step (no prices, the engine's own reasons, a statistic that is not finite) leaves every group statistic: the
 * engine runs again without it.
 */
import {dateAtOffset, type TradingCalendar} from '../engine/calendar.js'
import {createPathColumns} from '../engine/ar-path.js'
import {runEventStudy} from '../engine/event-study.js'
import type {EngineResult, EventPanel} from '../engine/types.js'
import type {DailyRow, GroupResult, SecurityResult, WindowRow} from '../result.js'
import type {EventSpec, StudySpec} from '../spec/types.js'
import {ArDays} from './ar-days.js'
import {cleanBattery} from './clean.js'
import {explainExclusion} from './exclusions.js'
import {type Layout, panelRange, pathRange} from './layout.js'
import type {PanelRun} from './panel-run.js'
import {buildEventPanel} from './panel.js'
import {securityRow} from './security-rows.js'
import type {SecuritySeries} from './securities.js'
import {engineModel, type StudyModel} from '../spec/model.js'
import type {CalendarFactors} from './factors.js'

/** A security-event of the study: one row of one panel. */
export interface Member {
  symbol: string
  group: string
  event: EventSpec
  /** Calendar index of day 0. */
  day0: number
}

/** What a run needs of the study: its spec, calendar, benchmark returns and securities' series. */
export interface RunContext {
  spec: StudySpec
  cal: TradingCalendar
  marketReturns: Float64Array
  series: ReadonlyMap<string, SecuritySeries>
  /** Symbols whose first dates history: cut. */
  historyCut: ReadonlySet<string>
  /** A factor model's factors on the calendar (null for the return models). */
  factors: CalendarFactors | null
  /** False: securities' per-day AR rows are not built (nothing reads them); default true. */
  arRows?: boolean
}

export interface GroupRun {
  group: GroupResult
  securities: SecurityResult[]
  /** `SYMBOL (group, event): reason` of each excluded security-event. */
  excluded: string[]
  /** The engine run over the estimable members; null when none could be estimated. */
  run: PanelRun | null
}

/**
 * Runs the engine on one group × event (members in the group's order) and builds its result rows, under the
 * study's primary model or another one (the robustness table runs each of the study's models through here).
 */
export function runGroup(
  ctx: RunContext,
  groupId: string,
  label: string | null,
  eventId: string,
  members: Member[],
  layout: Layout,
  model: StudyModel = ctx.spec.model,
): GroupRun {
  const reasons = new Map<Member, string>()
  for (const m of members) {
    const a = ctx.series.get(m.symbol)?.aligned
    if (!a || a.firstDate === null)
      reasons.set(m, `no prices in the store on ${ctx.spec.benchmark}'s trading days of the study's period`)
  }
  let rows = new Map<Member, SecurityResult>()
  let fit = fitMembers(
    ctx,
    members.filter((m) => !reasons.has(m)),
    layout,
    model,
  )
  for (;;) {
    rows = securityRows(ctx, groupId, fit, layout, reasons, model)
    // A security whose figures are not finite is excluded: run the engine again without it.
    const degenerate = fit.usable.filter((m, i) => fit.engine?.included[i] === 1 && rows.get(m)?.excluded !== undefined)
    if (degenerate.length === 0) break
    for (const m of degenerate) reasons.set(m, rows.get(m)?.excluded as string)
    fit = fitMembers(
      ctx,
      fit.usable.filter((m) => !reasons.has(m)),
      layout,
      model,
    )
  }
  const securities = members.map(
    (m) => rows.get(m) ?? {symbol: m.symbol, group: groupId, event: m.event.id, excluded: reasons.get(m) as string},
  )
  const excluded = securities
    .filter((s) => s.excluded !== undefined)
    .map((s) => `${s.symbol} (${groupId}, ${s.event}): ${s.excluded}`)
  const commonDay0 = members.every((m) => m.day0 === members[0].day0) ? members[0].day0 : null
  const dateOf = (t: number): string | null => (commonDay0 === null ? null : dateAtOffset(ctx.cal, commonDay0, t))
  const engine = fit.engine
  const nIncluded = engine ? engine.nIncluded : 0
  const group: GroupResult = {
    group: groupId,
    label,
    event: eventId,
    n: nIncluded,
    excluded: members.length - nIncluded,
    ...groupRows(engine, dateOf),
  }
  const run: PanelRun | null = engine
    ? {
        group: groupId,
        event: eventId,
        members: fit.usable.map((m) => ({symbol: m.symbol, event: m.event.id, day0: m.day0})),
        panel: fit.panel,
        engine,
        layout,
        volume: fit.usable.map((m) => ctx.series.get(m.symbol)?.aligned.volume ?? null),
        volumeStart: fit.usable.map((m) => ctx.series.get(m.symbol)?.aligned.start ?? 0),
        firstRel: fit.firstRel,
        lastRel: fit.lastRel,
        dateOf,
      }
    : null
  return {group, securities, excluded, run}
}

interface MembersFit {
  usable: Member[]
  panel: EventPanel
  engine: EngineResult | null
  firstRel: number
  lastRel: number
}

/** The panel of the usable members over every relative day the layout reads, and the engine run on it under `model`. */
function fitMembers(ctx: RunContext, usable: Member[], layout: Layout, model: StudyModel): MembersFit {
  const [firstRel, lastRel] = panelRange(layout)
  const panel = buildEventPanel(
    usable.map((m) => {
      const s = ctx.series.get(m.symbol)
      return {returns: s?.returns as Float64Array, day0: m.day0, start: s?.aligned.start, margin: s?.margin}
    }),
    ctx.marketReturns,
    firstRel,
    lastRel,
    ctx.factors,
  )
  const engine =
    usable.length > 0
      ? runEventStudy(panel, {
          ...engineModel(model),
          returns: ctx.spec.returns,
          estimation: layout.estimation,
          windows: layout.windows,
          minObservations: ctx.spec.estimation.minObservations,
        })
      : null
  return {usable, panel, engine, firstRel, lastRel}
}

/** Result rows of the fitted members; an engine exclusion becomes the row's reason, explained from the data. */
function securityRows(
  ctx: RunContext,
  groupId: string,
  fit: MembersFit,
  layout: Layout,
  reasons: Map<Member, string>,
  model: StudyModel,
): Map<Member, SecurityResult> {
  const rows = new Map<Member, SecurityResult>()
  const e = fit.engine
  if (!e) return rows
  const path = pathRange(layout)
  // One scratch for every row's AR path: the rows are built one after the other.
  const columns = createPathColumns(path[1] - path[0] + 1, fit.panel.factors?.length ?? 0)
  const days = new ArDays(ctx.cal)
  fit.usable.forEach((m, i) => {
    const base = {symbol: m.symbol, group: groupId, event: m.event.id}
    const f = e.fits[i]
    const exclusion = e.exclusions[i]
    if (!f || exclusion) {
      const a = ctx.series.get(m.symbol)?.aligned
      const reason = a
        ? explainExclusion(exclusion, a, ctx.cal, m.day0, layout, ctx.historyCut.has(m.symbol))
        : 'not estimated'
      reasons.set(m, reason)
      rows.set(m, {...base, excluded: reason})
      return
    }
    rows.set(
      m,
      securityRow(base, i, f, e, fit.panel, model.kind, {
        cal: ctx.cal,
        day0: m.day0,
        path,
        arRows: ctx.arRows,
        columns,
        days,
      }),
    )
  })
  return rows
}

/** The group's daily and window rows (AAR, CAAR and the test batteries), days and windows without a mean left out. */
function groupRows(
  engine: EngineResult | null,
  dateOf: (t: number) => string | null,
): {daily: DailyRow[]; windows: WindowRow[]} {
  const daily: DailyRow[] = []
  const windows: WindowRow[] = []
  if (!engine || engine.nIncluded === 0) return {daily, windows}
  for (const d of engine.daily) {
    if (d.aar === null || !Number.isFinite(d.aar)) continue
    daily.push({t: d.t, date: dateOf(d.t), n: d.n, aar: d.aar, tests: cleanBattery(d.tests)})
  }
  for (const w of engine.windows) {
    if (w.caar === null || !Number.isFinite(w.caar)) continue
    const window: [number, number] = [w.window[0], w.window[1]]
    windows.push({
      window,
      from: dateOf(w.window[0]),
      to: dateOf(w.window[1]),
      n: w.n,
      caar: w.caar,
      tests: cleanBattery(w.tests),
    })
  }
  return {daily, windows}
}
