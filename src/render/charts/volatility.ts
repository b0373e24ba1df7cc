/**
 * Chart 4: volatility before and after the event per group.
 */
import type {TopLevelSpec} from 'vega-lite'
import type {StudyResult} from '../../result.js'
import {chartedEvents, leftOutEventsNote, volatilityBars} from '../../report/chart-data.js'
import {CHART_CONFIG} from './theme.js'

/** Vega-Lite spec of mean AR standard deviations before/after each event; null without a volatility section. */
export function volatilitySpec(result: StudyResult): TopLevelSpec | null {
  const v = result.volatility
  const charted = chartedEvents(result)
  const bars = volatilityBars(result).filter((b) => charted.has(b.event))
  if (!v || bars.length === 0) return null
  const after = `after: days ${v.window[0]} to ${v.window[1]}`
  const before = 'before: estimation window'
  const values = bars.map((b) => ({
    ...b,
    periodLabel: b.period === 'before' ? before : after,
    text: b.period === 'after' ? `${Math.round(b.shareSignificant * b.n)}/${b.n}` : '',
  }))
  const x = {
    field: 'groupLabel',
    type: 'nominal',
    title: null,
    sort: null,
    axis: {labelAngle: -30, labelAlign: 'right', labelLimit: 320},
  } as const
  const y = {field: 'sd', type: 'quantitative', title: 'Daily s.d. of AR (group mean)', axis: {format: '.1%'}} as const
  const xOffset = {field: 'periodLabel', type: 'nominal', sort: [before, after]} as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Volatility before and after each event',
      subtitle: `Label over the "after" bar: securities whose variance rose significantly (F test, 5%) / securities${leftOutEventsNote(charted.leftOut)}`,
    },
    config: CHART_CONFIG,
    data: {values},
    facet: {column: {field: 'eventLabel', type: 'nominal', title: null, sort: {field: 'event'}}},
    spec: {
      width: {step: 34},
      height: 240,
      layer: [
        {
          mark: {type: 'bar'},
          encoding: {
            x,
            xOffset,
            y,
            color: {
              field: 'periodLabel',
              type: 'nominal',
              title: 'Period',
              scale: {domain: [before, after], range: ['#a5b4c4', '#e15759']},
            },
          },
        },
        {
          mark: {type: 'text', baseline: 'bottom', dy: -2, fontSize: 9, color: '#333'},
          encoding: {x, xOffset, y, text: {field: 'text', type: 'nominal'}},
        },
      ],
    },
  }
}
