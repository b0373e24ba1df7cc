/**
 * Cross-sectional regressions of CARs (docs/methods.md, "Cross-sectional regression"): for each `crossSection:`
 * entry, CAR_i over its window of the security-events of its event, regressed on group dummies and characteristics
 * by the engine (OLS, or WLS with weights 1 / Var(CAR_i)), HC3 or HC1 standard errors. Security-events without
 * a CAR or a characteristic are left out with why; a design the data cannot identify is an InputError naming the term.
 */
import {type Characteristic, characteristicReader, type Measured} from '../analysis/characteristics.js'
import {securityCar} from '../analysis/security-car.js'
import type {TradingCalendar} from '../engine/calendar.js'
import {crossSectionRegression, type RegressionColumn} from '../engine/cross-section-regression.js'
import {InputError} from '../errors.js'
import type {CrossSectionResult, SecurityResult, StudyResult} from '../result.js'
import {ALL_EVENTS} from '../spec/fields.js'
import type {CharacteristicValue, CrossSectionSpec, CrossSectionTerm, StudySpec} from '../spec/types.js'
import {studyLabel} from './data.js'

export interface CrossSectionContext {
  spec: StudySpec
  calendar: TradingCalendar
  /** A symbol's prices on the calendar in the study's price field (run-ups read them). */
  prices: (symbol: string) => Float64Array
  /** Characteristics CSV values: --characteristics, else the study file's. */
  characteristics: readonly CharacteristicValue[]
}

/** One regression's rows: the security-events kept, their CARs and WLS weights. */
interface Rows {
  secs: SecurityResult[]
  y: number[]
  weights: number[]
  excluded: CrossSectionResult['excluded']
}

/** The study's regressions, in file order. */
export function studyCrossSections(result: StudyResult, ctx: CrossSectionContext): CrossSectionResult[] {
  const columns = new Map<string, Map<string, number>>()
  for (const c of ctx.characteristics) {
    const m = columns.get(c.name) ?? new Map<string, number>()
    m.set(c.symbol, c.value)
    columns.set(c.name, m)
  }
  const shares = new Map((result.value?.shares ?? ctx.spec.shares).map((s) => [s.symbol, s.shares]))
  const read = characteristicReader({
    result,
    calendar: ctx.calendar,
    prices: ctx.prices,
    shares,
    columns,
  })
  return (ctx.spec.crossSections ?? []).map((x, i) => {
    x.on.forEach((t, j) => {
      if (t.kind === 'column' && !columns.has(t.name)) {
        const fix = 'add characteristics: {file} to the study, or pass --characteristics FILE'
        throw new InputError(`${where(ctx.spec, i, j)}: no characteristic "${t.name}" was given; ${fix}`)
      }
    })
    return regress(result, ctx, x, i, read)
  })
}

function where(spec: StudySpec, i: number, j?: number): string {
  return `${studyLabel(spec)}: crossSection[${i}]${j === undefined ? '' : `.on[${j}]`}`
}

/** The security-events of the regression's event with a CAR (and a weight) and every characteristic. */
function collectRows(
  result: StudyResult,
  x: CrossSectionSpec,
  values: (sec: SecurityResult) => Measured[],
): {rows: Rows; measured: Map<SecurityResult, number[]>} {
  const rows: Rows = {secs: [], y: [], weights: [], excluded: []}
  const measured = new Map<SecurityResult, number[]>()
  const w = `[${x.window[0]}, ${x.window[1]}]`
  for (const sec of result.securities) {
    if (x.event !== ALL_EVENTS && sec.event !== x.event) continue
    const out = (reason: string) => rows.excluded.push({symbol: sec.symbol, event: sec.event, reason})
    if (sec.excluded) {
      out(`excluded from the event study: ${sec.excluded}`)
      continue
    }
    const car = securityCar(sec, x.window)
    if (car === null) {
      out(`no CAR over ${w}: its days are not all in the result`)
      continue
    }
    let weight = 1
    if (x.weights === 'scar') {
      // SCAR = CAR / sqrt(Var(CAR)), so 1 / Var(CAR) = (SCAR / CAR)^2.
      const row = sec.windows?.find((r) => r.window[0] === x.window[0] && r.window[1] === x.window[1])
      weight = row && row.car !== 0 ? (row.scar / row.car) ** 2 : Number.NaN
      if (!(Number.isFinite(weight) && weight > 0)) {
        out(`no Var(CAR) over ${w} for the weight (CAR is 0)`)
        continue
      }
    }
    const vs = values(sec)
    const missing = vs.flatMap((v) => ('missing' in v ? [v.missing] : []))
    if (missing.length > 0) {
      out(missing.join('; '))
      continue
    }
    measured.set(
      sec,
      vs.map((v) => ('value' in v ? v.value : Number.NaN)),
    )
    rows.secs.push(sec)
    rows.y.push(car)
    rows.weights.push(weight)
  }
  return {rows, measured}
}

/** The characteristic a non-group term reads. */
function characteristicOf(t: Exclude<CrossSectionTerm, {kind: 'group'}>): Characteristic {
  return t.kind === 'builtin' ? {kind: 'builtin', name: t.name} : t
}

function termName(t: CrossSectionTerm): string {
  if (t.kind === 'group') return 'group'
  if (t.kind === 'runup') return `runup[${t.window[0]},${t.window[1]}]`
  return t.name
}

/** The design columns, each with the index of the term it comes from; group dummies leave out the base group. */
function design(
  x: CrossSectionSpec,
  rows: Rows,
  measured: Map<SecurityResult, number[]>,
  groupOrder: string[],
): {columns: RegressionColumn[]; termOf: number[]; base: string | null} {
  const columns: RegressionColumn[] = []
  const termOf: number[] = []
  let base: string | null = null
  let k = 0
  x.on.forEach((t, j) => {
    if (t.kind === 'group') {
      const present = groupOrder.filter((g) => rows.secs.some((s) => s.group === g))
      base = present[0] ?? null
      for (const g of present.slice(1)) {
        columns.push({name: `group:${g}`, values: Float64Array.from(rows.secs, (s) => (s.group === g ? 1 : 0))})
        termOf.push(j)
      }
      return
    }
    const at = k++
    columns.push({name: termName(t), values: Float64Array.from(rows.secs, (s) => measured.get(s)?.[at] ?? Number.NaN)})
    termOf.push(j)
  })
  return {columns, termOf, base}
}

function regress(
  result: StudyResult,
  ctx: CrossSectionContext,
  x: CrossSectionSpec,
  i: number,
  read: (sec: SecurityResult, c: Characteristic) => Measured,
): CrossSectionResult {
  const chars = x.on.flatMap((t) => (t.kind === 'group' ? [] : [characteristicOf(t)]))
  const {rows, measured} = collectRows(result, x, (sec) => chars.map((c) => read(sec, c)))
  const groupOrder = ctx.spec.groups.length > 0 ? ctx.spec.groups.map((g) => g.id) : result.groups.map((g) => g.group)
  const {columns, termOf, base} = design(x, rows, measured, [...new Set(groupOrder)])
  const groupAt = x.on.findIndex((t) => t.kind === 'group')
  if (groupAt >= 0 && !columns.some((_, c) => termOf[c] === groupAt)) {
    throw new InputError(
      `${where(ctx.spec, i, groupAt)}: group: only ${base ?? 'no group'} has security-events in the regression, so group dummies cannot vary; remove group`,
    )
  }
  const fit = crossSectionRegression(Float64Array.from(rows.y), columns, {
    se: x.se,
    weights: x.weights === 'scar' ? Float64Array.from(rows.weights) : undefined,
  })
  if (!fit.ok) {
    const c = fit.column === undefined ? -1 : columns.findIndex((col) => col.name === fit.column)
    const left = rows.excluded.length > 0 ? ` (${rows.excluded.length} security-events left out)` : ''
    const row = fit.row === undefined ? '' : ` [row ${fit.row}: ${rows.secs[fit.row]?.symbol ?? '?'}]`
    throw new InputError(
      `${where(ctx.spec, i, c >= 0 ? termOf[c] : undefined)} (${x.id}): ${fit.message}${row}; N = ${rows.y.length}${left}`,
    )
  }
  const finite = (v: number) => (Number.isFinite(v) ? v : null)
  return {
    id: x.id,
    event: x.event,
    window: [x.window[0], x.window[1]],
    n: fit.n,
    r2: finite(fit.r2),
    adjR2: finite(fit.adjR2),
    se: fit.se,
    weights: x.weights,
    base,
    terms: fit.terms.map((t) => ({
      name: t.name,
      coef: finite(t.coef),
      se: finite(t.se),
      t: finite(t.t),
      p: finite(t.p),
    })),
    excluded: rows.excluded,
  }
}
