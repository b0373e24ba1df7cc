/**
 * The study's questions and plain-words answers drawn from the result's own numbers.
 * Sentences only state what the tables show; significance is named with its test.
 */
import type {GroupResult, StudyResult, WindowRow} from '../result.js'
import {day0Points, eventLabel, groupLabel} from './chart-data.js'
import {fmtWindow} from '../render/format.js'
import {claimValue, num, pct, usd} from './tables.js'

/** Study text that StudyResult does not carry (yet): from the study file via the caller. */
export interface StudyText {
  title?: string | null
  description?: string | null
  questions?: string[]
}

export interface FindingGroup {
  heading: string
  items: string[]
}

/** Title, description and questions: from result.study when the runner echoes them, else from `text`. */
export function studyText(
  result: StudyResult,
  text: StudyText = {},
): {title: string; description: string | null; questions: string[]} {
  const echo = result.study as StudyResult['study'] & StudyText
  return {
    title: echo.title ?? text.title ?? result.study.name,
    description: echo.description ?? text.description ?? null,
    questions: echo.questions && echo.questions.length > 0 ? echo.questions : (text.questions ?? []),
  }
}

function level(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'not tested'
  if (p < 0.01) return 'significant at 1%'
  if (p < 0.05) return 'significant at 5%'
  if (p < 0.1) return 'significant at 10%'
  return 'not significant'
}

/** p of a group window: Kolari-Pynnönen (robust to a common event date) for N ≥ 2, else the security's own t test. */
function windowP(result: StudyResult, g: GroupResult, w: WindowRow): {p: number | null; test: string} {
  if (w.n >= 2) {
    const kp = w.tests.kolariPynnonen
    if (kp && kp.p !== null) return {p: kp.p, test: 'Kolari-Pynnönen'}
    return {p: w.tests.crossSectionalT?.p ?? null, test: 'cross-sectional t'}
  }
  const s = result.securities.find(
    (x) => x.group === g.group && (g.event === 'all' || x.event === g.event) && x.windows,
  )
  const sw = s?.windows?.find((x) => x.window[0] === w.window[0] && x.window[1] === w.window[1])
  return {p: sw?.p ?? w.tests.crossSectionalT?.p ?? null, test: 'own t test'}
}

function describeWindow(result: StudyResult, g: GroupResult, w: WindowRow): string {
  const {p, test} = windowP(result, g, w)
  const where = w.window[0] === 0 && w.window[1] === 0 ? 'on day 0' : `over days ${fmtWindow(w.window)}`
  return `${pct(w.caar, 1)} ${where} (${level(p)}${p === null || test === 'Kolari-Pynnönen' ? '' : `, ${test}`})`
}

/** Dollars with an explicit sign: +$76.4bn, -$592.5bn. */
function signedUsd(x: number | null | undefined): string {
  const s = usd(x)
  return x !== null && x !== undefined && x > 0 && s.startsWith('$') ? `+${s}` : s
}

/** Plain-words findings, one heading per topic. */
export function findings(result: StudyResult): FindingGroup[] {
  const out: FindingGroup[] = []
  const shifted = result.events.filter((e) => e.shift !== 0 && e.symbol === null)
  for (const ev of [...new Set(result.groups.map((g) => g.event))]) {
    const items: string[] = []
    for (const g of result.groups.filter((x) => x.event === ev)) {
      if (g.windows.length === 0) continue
      const day0 = g.windows.find((w) => w.window[0] === 0 && w.window[1] === 0)
      const longest = [...g.windows].sort((a, b) => b.window[1] - b.window[0] - (a.window[1] - a.window[0]))[0]
      const parts = [day0, longest].filter((w, i, arr): w is WindowRow => w !== undefined && arr.indexOf(w) === i)
      const who = g.n === 1 ? `${g.label ?? g.group} (1 security)` : `${g.label ?? g.group} (N = ${g.n})`
      items.push(`${who}: abnormal return ${parts.map((w) => describeWindow(result, g, w)).join('; ')}.`)
    }
    const pts = day0Points(result).filter((p) => (ev === 'all' ? true : p.event === ev))
    if (pts.length > 1) {
      const lo = pts[0]
      const hi = pts[pts.length - 1]
      items.push(
        `Largest day-0 fall: ${lo.symbol} ${pct(lo.ar, 1)}; largest day-0 rise or smallest fall: ${hi.symbol} ${pct(hi.ar, 1)}.`,
      )
    }
    const e = shifted.find((x) => x.id === ev)
    if (e) items.unshift(`The market was closed on ${e.date}; day 0 is ${e.tradingDate}.`)
    if (items.length > 0) out.push({heading: `Around ${eventLabel(result, ev)}`, items})
  }
  if (out.length > 0) {
    out[0].items.push(
      'Significance: the Kolari-Pynnönen adjusted BMP test for groups (robust to a shared event date), unless another test is named.',
    )
  }
  const idx = result.index
  if (idx && idx.groups.length > 0) {
    out.push({
      heading: `Since the base period (${idx.base.from} to ${idx.base.to} = 100), as of ${idx.asOf}`,
      items: idx.groups.map((g) => {
        const peak =
          g.peak !== null && g.peakDate
            ? `; peak ${num(g.peak, 1)} on ${g.peakDate}, ${pct(g.drawdown, 1)} from it`
            : ''
        return `${groupLabel(result, g.id)}: index ${num(g.level, 1)} (${pct(g.sinceBase, 1)} since the base)${peak}.`
      }),
    })
  }
  const v = result.value
  if (v) {
    const items = v.groups
      .filter((r) => r.window[0] === 0 && r.window[1] === 0)
      .map(
        (r) =>
          `${groupLabel(result, r.id)}, day 0 of ${r.event}: market value changed by ${signedUsd(r.change)} (abnormal part ${signedUsd(r.abnormalChange)}).`,
      )
    const worst = [...v.rows]
      .filter((r) => r.window[0] === 0 && r.window[1] === 0)
      .sort((a, b) => a.change - b.change)[0]
    if (worst && worst.change < 0)
      items.push(`Largest single loss on a day 0: ${worst.id}, ${usd(worst.change)} (${worst.event}).`)
    if (items.length > 0) out.push({heading: 'Market value at stake', items})
  }
  const vol = result.volatility
  if (vol) {
    const items: string[] = []
    const keys = [...new Set(vol.securities.map((s) => `${s.event}\u0000${s.group}`))]
    for (const k of keys) {
      const [ev, grp] = k.split('\u0000')
      const ss = vol.securities.filter((s) => s.event === ev && s.group === grp)
      const rose = ss.filter((s) => s.significant).length
      const mean = ss.reduce((a, s) => a + s.ratio, 0) / ss.length
      items.push(
        `${groupLabel(result, grp)} after ${ev}: volatility rose significantly for ${rose} of ${ss.length} (mean variance ratio ${num(mean)}).`,
      )
    }
    if (items.length > 0)
      out.push({
        heading: `Volatility, days ${vol.window[0]} to ${vol.window[1]} after the event vs. the estimation window`,
        items,
      })
  }
  const claims = result.claims ?? []
  if (claims.length > 0) {
    const held = claims.filter((c) => c.holds).length
    out.push({
      heading: `Claims: ${held} of ${claims.length} hold`,
      items: claims.map((c) => {
        const measured = `measured ${claimValue(c.metric, c.measured)}, claimed ${claimValue(c.metric, c.expected)} ± ${claimValue(c.metric, c.tolerance).replace(/^\+/, '')}`
        return `${c.holds ? 'Holds' : 'Fails'}: “${c.text}” (${measured}${c.note ? `; ${c.note}` : ''}).`
      }),
    })
  }
  return out
}
