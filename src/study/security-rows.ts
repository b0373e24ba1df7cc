/**
 * One security-event's row of the result from its engine run: fitted model, daily AR rows (the event days and the
 * AR path around them) and window rows; or its exclusion with the reason. Never NaN: a statistic the data cannot
 * support excludes the security, with the path of that number in the reason.
 */
import {pathAbnormalReturns} from '../engine/ar-path.js'
import {dateAtOffset, type TradingCalendar} from '../engine/calendar.js'
import {modelReport} from '../engine/coefficients.js'
import type {EngineResult, EventPanel, ModelKind, RowFit} from '../engine/types.js'
import {finiteOrNull} from '../finite.js'
import type {ModelFit, SecurityArRow, SecurityResult, SecurityWindowRow} from '../result.js'
import {firstNonFinite} from './clean.js'
import {MARKET_FACTOR} from '../spec/model.js'

/** A factor model's beta: the market factor's slope, else the first factor's (coefficients[0] is alpha). */
function marketSlope(coefficients: ReadonlyArray<{name: string; value: number}>): number {
  return (coefficients.find((c) => c.name === MARKET_FACTOR) ?? coefficients[1]).value
}

/** Row `i` of an engine run whose fit is `fit`, as a result row; a reason string when a number is not finite. */
export function securityRow(
  base: {symbol: string; group: string; event: string},
  i: number,
  fit: RowFit,
  e: EngineResult,
  panel: EventPanel,
  model: ModelKind,
  where: {cal: TradingCalendar; day0: number; path: [number, number]; arRows?: boolean},
): SecurityResult {
  if (where.arRows === false && eventDaysFinite(e, i)) return withoutArRows(base, i, fit, e, panel, model, where)
  const {cal, day0} = where
  const dateOf = (t: number): string => dateAtOffset(cal, day0, t) as string
  const cols = e.eventDays.length
  // Event days (ascending, from the engine) merged with the path range's other days (ascending, same fit), so
  // the rows come out in day order; an event day is the engine's row.
  const path = pathAbnormalReturns(panel, i, fit, model, where.path[0], where.path[1])
  const ar: SecurityArRow[] = []
  let p = 0
  const pathUpTo = (t: number): void => {
    for (; p < path.length && path[p].t < t; p++) {
      const d = path[p]
      const date = dateAtOffset(cal, day0, d.t)
      if (date !== null) ar.push({t: d.t, date, ret: d.ret, ar: d.ar, sar: d.sar})
    }
  }
  for (let j = 0; j < cols; j++) {
    const t = e.eventDays[j]
    const k = i * cols + j
    pathUpTo(t)
    if (p < path.length && path[p].t === t) p++
    ar.push({t, date: dateOf(t), ret: e.ret[k], ar: e.ar[k], sar: e.sar[k]})
  }
  pathUpTo(Number.POSITIVE_INFINITY)
  const windows = windowRows(i, e, dateOf)
  const fitted = modelFit(fit, model, panel)
  const bad = firstNonFinite({model: fitted, ar, windows})
  if (bad !== null) return {...base, excluded: `a statistic is not finite (${bad}); the estimation data are degenerate`}
  // Keys written out rather than spread: a spread builds each of 20,000 rows by the slow path.
  return {symbol: base.symbol, group: base.group, event: base.event, model: fitted, ar, windows}
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
  where: {cal: TradingCalendar; day0: number},
): SecurityResult {
  const windows = windowRows(i, e, (t) => dateAtOffset(where.cal, where.day0, t) as string)
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

function windowRows(i: number, e: EngineResult, dateOf: (t: number) => string): SecurityWindowRow[] {
  return e.windows.map((w) => ({
    window: [w.window[0], w.window[1]],
    from: dateOf(w.window[0]),
    to: dateOf(w.window[1]),
    car: w.car[i],
    scar: w.scar[i],
    bhar: w.bhar[i],
    t: w.t[i],
    p: w.p[i],
  }))
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
