/**
 * Abnormal volatility: variance of ARs over the post-event window against the estimation-window variance
 * (ratio, one-sided F test at 5%); per group the mean ratio and the cross-sectional test of mean SAR² − 1.
 */
import type {VolatilityResult} from '../result.js'
import {fmtWindow} from './format.js'
import {col, type Level, type Section, type Table, keyColumn} from './model.js'
import {STARS_LEGEND} from './significance.js'

function groupsTable(v: VolatilityResult): Table {
  return {
    id: 'volatility-group',
    caption: 'Groups',
    columns: [
      keyColumn.group(),
      keyColumn.event(),
      keyColumn.window({hidden: true}),
      col('n', 'N', 'integer'),
      col('meanRatio', 'Mean variance ratio', 'number', {digits: 2}),
      col('shareSignificant', 'Share significant (5%)', 'share', {digits: 0}),
      col('meanSar2Minus1', 'Mean SAR² − 1', 'number', {digits: 2}),
      col('test.stat', 'Test t', 'stat', {p: 'test.p'}),
      col('test.p', 'p', 'p-value', {hidden: true}),
    ],
    rows: v.groups.map((g) => ({
      group: g.group,
      event: g.event,
      window: v.window,
      n: g.n,
      meanRatio: g.meanRatio,
      shareSignificant: g.shareSignificant,
      meanSar2Minus1: g.meanSar2Minus1,
      'test.stat': g.test.stat,
      'test.p': g.test.p,
    })),
  }
}

/** Rows of the summary's significant-rise table, as many as of its events table; the rest are counted. */
export const SUMMARY_RISES = 40

function securitiesTable(v: VolatilityResult, level: Level): Table {
  const risen = level === 'full' ? v.securities : v.securities.filter((s) => s.significant)
  const rows = level === 'full' ? risen : risen.slice(0, SUMMARY_RISES)
  const more = risen.length - rows.length
  return {
    id: 'volatility',
    caption: level === 'full' ? 'Securities' : 'Significant rise (F test, 5%)',
    columns: [
      keyColumn.symbol(),
      keyColumn.group(),
      keyColumn.event(),
      keyColumn.window({hidden: true}),
      col('preVariance', 'Variance before', 'number', {hidden: true}),
      col('postVariance', 'Variance after', 'number', {hidden: true}),
      col('ratio', 'Variance ratio', 'number', {digits: 2}),
      col('df1', 'df1', 'integer', {hidden: true}),
      col('df2', 'df2', 'integer', {hidden: true}),
      col('p', 'p (F)', 'p-value', {digits: 3}),
      col('significant', 'Rose?', 'boolean'),
    ],
    rows: rows.map((s) => ({...s, window: v.window})),
    notes:
      rows.length === 0 && level === 'summary'
        ? ['No security shows a significant rise in volatility (F test, 5%).']
        : more > 0
          ? [`(${more.toLocaleString('en-US')} more significant rises; see --json or --csv)`]
          : [],
  }
}

export function volatilitySection(v: VolatilityResult, level: Level): Section | null {
  if (v.groups.length === 0 && v.securities.length === 0) return null
  return {
    id: 'volatility',
    title: `Abnormal volatility, days ${fmtWindow(v.window)} vs the estimation window`,
    intro: `Variance ratio: variance of ARs over days ${fmtWindow(v.window)} / estimation-window variance; F test, one-sided, 5%. Test t: cross-sectional t of mean SAR² − 1.`,
    tables: [...(v.groups.length > 0 ? [groupsTable(v)] : []), securitiesTable(v, level)],
    notes: [STARS_LEGEND],
  }
}
