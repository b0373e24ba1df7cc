/**
 * One security-event's row of the result from its engine run: fitted model, daily AR rows (the event days and the
 * AR path around them) and window rows; or its exclusion with the reason. Never NaN: a statistic the data cannot
 * support excludes the security, with the path of that number in the reason.
 */
import {createPathColumns, type PathColumns, pathAbnormalReturnsInto} from '../engine/ar-path.js'
import {dateAtOffset, type TradingCalendar} from '../engine/calendar.js'
import {modelReport} from '../engine/coefficients.js'
import type {EngineResult, EventPanel, ModelKind, RowFit} from '../engine/types.js'
import {finiteOrNull} from '../finite.js'
import type {ModelFit, SecurityResult, SecurityWindowRow} from '../result.js'
import {ArDays, type ArDaysReader} from './ar-days.js'
import {allFinite, firstNonFinite} from './clean.js'
import {MARKET_FACTOR} from '../spec/model.js'

/** A factor model's beta: the market factor's slope, else the first factor's (coefficients[0] is alpha). */
function marketSlope(coefficients: ReadonlyArray<{name: string; value: number}>): number {
  return (coefficients.find((c) => c.name === MARKET_FACTOR) ?? coefficients[1]).value
}

/** Where a row sits: the calendar, its day 0, the AR path's relative days, and whether per-day AR rows are built. */
export interface RowPlace {
  cal: TradingCalendar
  day0: number
  path: [number, number]
  arRows?: boolean
  /** Scratch for the path's days, reused from row to row (made when absent). */
  columns?: PathColumns
  /** Where the rows' per-day AR rows are kept, shared by the rows of a run (made when absent). */
  days?: ArDays
}

/** Row `i` of an engine run whose fit is `fit`, as a result row; a reason string when a number is not finite. */
export function securityRow(
  base: {symbol: string; group: string; event: string},
  i: number,
  fit: RowFit,
  e: EngineResult,
  panel: EventPanel,
  model: ModelKind,
  where: RowPlace,
): SecurityResult {
  const eventsFinite = eventDaysFinite(e, i)
  if (where.arRows === false && eventsFinite) return withoutArRows(base, i, fit, e, panel, model, where)
  const {cal, day0} = where
  const [from, to] = where.path
  const columns = where.columns ?? createPathColumns(Math.max(0, to - from + 1), panel.factors?.length ?? 0)
  const m = pathAbnormalReturnsInto(panel, i, fit, model, from, to, columns)
  const ar = arRows(e, i, cal, day0, columns, m, where.days ?? new ArDays(cal))
  const windows = windowRows(i, e, cal, day0)
  const fitted = modelFit(fit, model, panel)
  // Path days are finite by construction, so the event days, windows and model settle it; the reason's path is
  // looked for only when one is not.
  if (!eventsFinite || !windowsFinite(windows) || !allFinite(fitted)) {
    const bad = firstNonFinite({model: fitted, ar: ar(), windows})
    if (bad !== null)
      return {...base, excluded: `a statistic is not finite (${bad}); the estimation data are degenerate`}
  }
  // Keys written out rather than spread: a spread builds each of 20,000 rows by the slow path. `ar` is read from
  // the shared slabs on each access (./ar-days.ts): an own, enumerable getter, so JSON, spreads and Object.keys
  // see it as the array it returns.
  return {
    symbol: base.symbol,
    group: base.group,
    event: base.event,
    model: fitted,
    get ar() {
      return ar()
    },
    windows,
  }
}

/**
 * The event days (ascending, from the engine) merged with the path's other days (ascending, same fit, the first
 * `m` of `path`), so the rows come out in day order; an event day is the engine's row. Written into `days`, read
 * back by the reader returned.
 */
function arRows(
  e: EngineResult,
  i: number,
  cal: TradingCalendar,
  day0: number,
  path: PathColumns,
  m: number,
  days: ArDays,
): ArDaysReader {
  const cols = e.eventDays.length
  days.open(cols + m)
  let p = 0
  for (let j = 0; j <= cols; j++) {
    const t = j < cols ? e.eventDays[j] : Number.POSITIVE_INFINITY
    for (; p < m && path.t[p] < t; p++) {
      if (dateAtOffset(cal, day0, path.t[p]) !== null)
        days.push(path.t[p], day0 + path.t[p], path.ret[p], path.ar[p], path.sar[p])
    }
    if (j === cols) break
    if (p < m && path.t[p] === t) p++
    const k = i * cols + j
    days.push(t, day0 + t, e.ret[k], e.ar[k], e.sar[k])
  }
  return days.close()
}

/**
 * The row without its per-day AR rows (when no output or section reads them), when the event days' figures are
 * finite: the other days' ARs are finite by construction (pathAbnormalReturns leaves the others out), so the row
 * is excluded, or not, for the same reason as with them.
 */
function withoutArRows(
  base: {symbol: string; group: string; event: string},
  i: number,
  fit: RowFit,
  e: EngineResult,
  panel: EventPanel,
  model: ModelKind,
  where: RowPlace,
): SecurityResult {
  const windows = windowRows(i, e, where.cal, where.day0)
  const fitted = modelFit(fit, model, panel)
  const bad = firstNonFinite({model: fitted, windows})
  if (bad !== null) return {...base, excluded: `a statistic is not finite (${bad}); the estimation data are degenerate`}
  return {symbol: base.symbol, group: base.group, event: base.event, model: fitted, windows}
}

/** Whether row i's return, AR and SAR are finite on every event day. */
function eventDaysFinite(e: EngineResult, i: number): boolean {
  const cols = e.eventDays.length
  for (let k = i * cols; k < (i + 1) * cols; k++)
    if (!Number.isFinite(e.ret[k]) || !Number.isFinite(e.ar[k]) || !Number.isFinite(e.sar[k])) return false
  return true
}

function windowRows(i: number, e: EngineResult, cal: TradingCalendar, day0: number): SecurityWindowRow[] {
  const rows: SecurityWindowRow[] = []
  for (const w of e.windows) {
    const [a, b] = w.window
    rows.push({
      window: [a, b],
      from: dateAtOffset(cal, day0, a) as string,
      to: dateAtOffset(cal, day0, b) as string,
      car: w.car[i],
      scar: w.scar[i],
      bhar: w.bhar[i],
      t: w.t[i],
      p: w.p[i],
    })
  }
  return rows
}

/** Whether every window row's statistics are finite. */
function windowsFinite(rows: SecurityWindowRow[]): boolean {
  const fin = Number.isFinite
  for (const r of rows) if (!(fin(r.car) && fin(r.scar) && fin(r.bhar) && fin(r.t) && fin(r.p))) return false
  return true
}

function modelFit(fit: RowFit, model: ModelKind, panel: EventPanel): ModelFit {
  const report = modelReport(model, fit, panel.factorNames)
  return {
    alpha: fit.alpha,
    beta: model === 'factors' ? marketSlope(report.coefficients) : fit.beta,
    sigma: fit.sigma,
    r2: finiteOrNull(fit.r2),
    n: fit.L,
    coefficients: report.coefficients,
    adjR2: report.adjR2,
  }
}
