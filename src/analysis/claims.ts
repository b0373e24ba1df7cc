/**
 * Claims: published statements checked against the study's own numbers.
 * A claim holds when |measured − expected| <= tolerance; a claim whose subject, event or window is not in the
 * result is measured null, fails, and says why.
 */
import type {ClaimResult, GroupResult, SecurityResult, StudyResult, ValueRow} from '../result.js'
import type {ClaimSpec} from '../spec/types.js'
import {securityCar} from './security-car.js'

/** Relative slack for decimal round-off in the tolerance comparison (|x − e| <= tol must hold at the boundary). */
const EPS = 1e-12

interface Measured {
  value: number | null
  note: string | null
}

const none = (note: string): Measured => ({value: null, note})
const sameWindow = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1]
const fmtWindow = (w: readonly number[]): string => `[${w[0]}, ${w[1]}]`

function securityOf(result: StudyResult, symbol: string, event: string | null): SecurityResult | undefined {
  return result.securities.find((s) => s.symbol === symbol && (event === null || s.event === event))
}

function groupOf(result: StudyResult, group: string, event: string | null): GroupResult | undefined {
  return result.groups.find((g) => g.group === group && (event === null || g.event === event))
}

function isGroup(result: StudyResult, subject: string): boolean {
  return result.groups.some((g) => g.group === subject) || (result.index?.groups.some((g) => g.id === subject) ?? false)
}

/**
 * Raw return of a security over a window from its daily returns R_t: prod(1 + R_t) − 1 for simple returns,
 * exp(Σ R_t) − 1 for log returns.
 */
export function windowReturn(rets: readonly number[], kind: 'simple' | 'log'): number {
  if (kind === 'log') return Math.exp(rets.reduce((s, r) => s + r, 0)) - 1
  return rets.reduce((p, r) => p * (1 + r), 1) - 1
}

function securityReturn(result: StudyResult, sec: SecurityResult, w: [number, number]): Measured {
  if (!sec.ar) return none(`${sec.symbol} is excluded from the event study (${sec.excluded ?? 'no daily returns'})`)
  const rets: number[] = []
  for (let t = w[0]; t <= w[1]; t++) {
    const r = sec.ar.find((x) => x.t === t)
    if (!r) return none(`${sec.symbol} has no return for day ${t} of event ${sec.event} in the result`)
    rets.push(r.ret)
  }
  return {value: windowReturn(rets, result.study.returns), note: null}
}

function securityWindow(sec: SecurityResult, w: [number, number], field: 'car' | 'bhar'): Measured {
  if (!sec.windows) return none(`${sec.symbol} is excluded from the event study (${sec.excluded ?? 'no windows'})`)
  const row = sec.windows.find((x) => sameWindow(x.window, w))
  // A window the study does not list: CAR is still the sum of the daily ARs when they are all in the result.
  const value = row ? row[field] : field === 'car' ? securityCar(sec, w) : null
  return value === null
    ? none(`window ${fmtWindow(w)} is not among ${sec.symbol}'s windows for event ${sec.event}`)
    : {value, note: null}
}

/** Mean of the members' measures, for group subjects of security metrics (return, bhar). */
function groupMean(
  result: StudyResult,
  group: string,
  event: string | null,
  one: (s: SecurityResult) => Measured,
): Measured {
  const members = result.securities.filter(
    (s) => s.group === group && (event === null || s.event === event) && !s.excluded,
  )
  if (members.length === 0) return none(`group ${group} has no estimated members for event ${event ?? '(any)'}`)
  const values: number[] = []
  for (const m of members) {
    const v = one(m)
    if (v.value === null) return v
    values.push(v.value)
  }
  return {
    value: values.reduce((a, b) => a + b, 0) / values.length,
    note: `equal-weighted mean over ${values.length} members`,
  }
}

function valueRow(
  rows: readonly ValueRow[],
  id: string,
  event: string | null,
  w: [number, number],
): ValueRow | undefined {
  return rows.find((r) => r.id === id && (event === null || r.event === event) && sameWindow(r.window, w))
}

function measure(claim: ClaimSpec, result: StudyResult): Measured {
  const {metric, subject, event, window: w} = claim
  const group = isGroup(result, subject)

  if (metric === 'indexLevel' || metric === 'sinceBase') {
    if (!result.index) return none('the result has no index (the study has no index: section)')
    const row = (group ? result.index.groups : result.index.securities).find((r) => r.id === subject)
    if (!row) return none(`${subject} is not in the index`)
    const v = metric === 'indexLevel' ? row.level : row.sinceBase
    return v === null
      ? none(`${subject} has no index level (${row.excluded ?? 'no price on asOf'})`)
      : {value: v, note: `as of ${result.index.asOf}`}
  }

  if (metric === 'valueChange' || metric === 'abnormalValueChange') {
    if (!result.value) return none('the result has no value at stake (no shares: in the study and no --live-shares)')
    const row = valueRow(group ? result.value.groups : result.value.rows, subject, event, w)
    if (!row) return none(`no value-at-stake row for ${subject}, event ${event ?? '(any)'}, window ${fmtWindow(w)}`)
    const v = metric === 'valueChange' ? row.change : row.abnormalChange
    if (v === null) return none(`${subject} has no abnormal return for this window`)
    return {value: v, note: row.approximate ? 'approximate: adjusted closes stand in for unadjusted closes' : null}
  }

  if (event !== null && !result.events.some((e) => e.id === event) && !result.groups.some((g) => g.event === event)) {
    return none(`event ${event} is not in the result`)
  }

  if (metric === 'volatilityRatio' || metric === 'volatilityRiseShare') return volatilityMeasure(claim, result, group)

  if (group) {
    const g = groupOf(result, subject, event)
    if (!g) return none(`group ${subject} has no result for event ${event ?? '(any)'}`)
    switch (metric) {
      case 'caar':
      case 'car': {
        const row = g.windows.find((x) => sameWindow(x.window, w))
        return row
          ? {value: row.caar, note: metric === 'car' ? 'group subject: CAAR' : null}
          : none(`window ${fmtWindow(w)} is not among group ${subject}'s windows`)
      }
      case 'ar': {
        if (w[0] !== w[1]) return none('metric ar needs a one-day window [t, t]')
        const row = g.daily.find((x) => x.t === w[0])
        return row
          ? {value: row.aar, note: 'group subject: AAR'}
          : none(`day ${w[0]} is not in group ${subject}'s daily rows`)
      }
      case 'return':
        return groupMean(result, subject, event, (s) => securityReturn(result, s, w))
      case 'bhar':
        return groupMean(result, subject, event, (s) => securityWindow(s, w, 'bhar'))
    }
  }

  const sec = securityOf(result, subject, event)
  if (!sec)
    return none(`${subject} is neither a security nor a group of the result${event ? ` for event ${event}` : ''}`)
  switch (metric) {
    case 'return':
      return securityReturn(result, sec, w)
    case 'ar': {
      if (w[0] !== w[1]) return none('metric ar needs a one-day window [t, t]')
      const row = sec.ar?.find((x) => x.t === w[0])
      return row
        ? {value: row.ar, note: null}
        : none(`${subject} has no abnormal return for day ${w[0]} (${sec.excluded ?? 'not in the result'})`)
    }
    case 'car':
      return securityWindow(sec, w, 'car')
    case 'bhar':
      return securityWindow(sec, w, 'bhar')
    case 'caar':
      return none(`caar is a group measure; ${subject} is a security (use car)`)
  }
  return none(`unknown metric ${String(metric)}`)
}

/**
 * Volatility metrics from result.volatility over its window: a security's variance ratio, a group's mean ratio, or the
 * share of a group's members with a significant rise (one-sided F test at 5%, docs/methods.md).
 */
function volatilityMeasure(claim: ClaimSpec, result: StudyResult, group: boolean): Measured {
  const {metric, subject, event, window: w} = claim
  const v = result.volatility
  if (!v) return none('the result has no volatility section')
  if (!(w[0] === 0 && w[1] === 0) && !sameWindow(w, v.window))
    return none(`window ${fmtWindow(w)} is not the volatility window ${fmtWindow(v.window)}`)
  const over = `over ${fmtWindow(v.window)}`
  if (group) {
    const g = v.groups.find((x) => x.group === subject && (event === null || x.event === event))
    if (!g) return none(`group ${subject} has no volatility result for event ${event ?? '(any)'}`)
    return metric === 'volatilityRatio'
      ? {value: g.meanRatio, note: `mean variance ratio of ${g.n} members ${over}`}
      : {value: g.shareSignificant, note: `share of ${g.n} members with a significant rise (5%) ${over}`}
  }
  if (metric === 'volatilityRiseShare') return none(`volatilityRiseShare is a group measure; ${subject} is a security`)
  const s = v.securities.find((x) => x.symbol === subject && (event === null || x.event === event))
  if (!s) return none(`${subject} has no volatility result for event ${event ?? '(any)'}`)
  return {value: s.ratio, note: `F test p ${s.p.toPrecision(3)} ${over}`}
}

/** Each claim with the measured value from the result's own numbers, and whether it holds. */
export function evaluateClaims(claims: readonly ClaimSpec[], result: StudyResult): ClaimResult[] {
  return claims.map((c) => {
    const m = measure(c, result)
    const holds =
      m.value !== null &&
      Number.isFinite(m.value) &&
      Math.abs(m.value - c.expected) <= c.tolerance + EPS * Math.max(1, Math.abs(c.expected))
    return {
      id: c.id,
      text: c.text,
      metric: c.metric,
      subject: c.subject,
      // index metrics are measured as of index.asOf, whatever event the claim names
      event: c.metric === 'indexLevel' || c.metric === 'sinceBase' ? null : c.event,
      window: volatilityWindowOf(c, result) ?? [c.window[0], c.window[1]],
      expected: c.expected,
      tolerance: c.tolerance,
      measured: m.value !== null && Number.isFinite(m.value) ? m.value : null,
      holds,
      note: m.note,
    }
  })
}

/** The window a volatility claim was measured over (the volatility section's), or null for other metrics. */
function volatilityWindowOf(c: ClaimSpec, result: StudyResult): [number, number] | null {
  const w = result.volatility?.window
  return w && (c.metric === 'volatilityRatio' || c.metric === 'volatilityRiseShare') ? [w[0], w[1]] : null
}
