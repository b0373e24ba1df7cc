/**
 * Cross-sectional regressions of CARs: one table per regression (each term's coefficient, HC standard error, t and
 * p, stars from the one significance rule), with N, R², the base group and the security-events left out.
 */
import type {CrossSectionResult} from '../result.js'
import {fmtNumber, fmtWindow} from './format.js'
import {col, type Level, type Section, type Table, keyColumn} from './model.js'
import {STARS_LEGEND} from './significance.js'

function regressionTable(x: CrossSectionResult, level: Level): Table {
  const weighted = x.weights === 'scar' ? 'WLS, weights 1 / Var(CAR)' : 'OLS'
  const fit = `N = ${x.n}, R² = ${fmtNumber(x.r2, 3)}, adjusted R² = ${fmtNumber(x.adjR2, 3)}`
  const left = x.excluded.map((e) => `${e.symbol}${x.event === 'all' ? ` (${e.event})` : ''}: ${e.reason}`)
  const notes = [
    ...(x.base ? [`Group dummies against the base group ${x.base}.`] : []),
    ...(left.length === 0
      ? []
      : level === 'full'
        ? left.map((l) => `Left out: ${l}`)
        : [`Left out: ${left.join('; ')}`]),
  ]
  return {
    id: `cross-section-${x.id}`,
    caption: `${x.id}: CAR${fmtWindow(x.window)} of ${x.event}; ${weighted}, ${x.se.toUpperCase()} standard errors; ${fit}`,
    measurePrefix: 'term',
    columns: [
      keyColumn.event({hidden: true}),
      keyColumn.window({hidden: true}),
      col('term', 'Term', 'text'),
      col('coef', 'Coefficient', 'number', {digits: 4, p: 'p'}),
      col('se', 'Std. error', 'number', {digits: 4}),
      col('t', 't', 'stat'),
      col('p', 'p', 'p-value', {digits: 3}),
    ],
    rows: x.terms.map((t) => ({
      event: x.event,
      window: x.window,
      term: t.name,
      coef: t.coef,
      se: t.se,
      t: t.t,
      p: t.p,
    })),
    notes,
  }
}

export function crossSectionSection(xs: readonly CrossSectionResult[], level: Level): Section | null {
  if (xs.length === 0) return null
  return {
    id: 'cross-section',
    title: 'Cross-sectional regressions of CARs',
    intro:
      "Each security's CAR over the window regressed on its group (dummies against the base group) and characteristics; heteroskedasticity-consistent standard errors (HC3 or HC1), t with N − p degrees of freedom.",
    tables: xs.map((x) => regressionTable(x, level)),
    notes: [STARS_LEGEND],
  }
}
