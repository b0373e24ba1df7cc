/**
 * Chart 1, "three waves": each group's index from the base period to asOf (100 = base), events marked.
 */
import type {TopLevelSpec} from 'vega-lite'
import type {StudyResult} from '../../result.js'
import {eventMarks, indexPoints} from '../../report/chart-data.js'
import {CHART_CONFIG, groupColorScale} from './theme.js'

/** Dates are ISO days; UTC scale and formatting keep the axis the same in every time zone. */
const DATE_X = {field: 'date', type: 'temporal', scale: {type: 'utc'}} as const

/** Vega-Lite spec of the group indexes; null when the result has no index section. */
export function threeWavesSpec(result: StudyResult): TopLevelSpec | null {
  const idx = result.index
  const points = indexPoints(result)
  if (!idx || points.length === 0) return null
  const events = eventMarks(result)
  // Labels sit above the plot, one line each (the last event nearest the plot), right-aligned on their rule.
  const marks = events.map((m, i) => ({
    ...m,
    text: `${m.label.replace(/\s*\(.*$/, '')} (${m.date})`,
    row: events.length - 1 - i,
  }))
  const weighting = idx.weighting === 'value' ? 'value-weighted' : 'equal-weighted'
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Three waves: group indexes since the base period',
      subtitle: `100 = mean adjusted close over ${idx.base.from} to ${idx.base.to}; ${weighting}; as of ${idx.asOf}`,
      offset: 4 + 13 * marks.length,
    },
    width: 680,
    height: 320,
    config: CHART_CONFIG,
    layer: [
      {
        mark: {type: 'rule', strokeDash: [4, 3], color: '#888'},
        encoding: {y: {datum: 100, type: 'quantitative'}},
      },
      {
        data: {values: points},
        mark: {type: 'line', strokeWidth: 1.8, interpolate: 'linear'},
        encoding: {
          x: {...DATE_X, title: null, axis: {format: '%b %Y', formatType: 'utc', labelAngle: 0, tickCount: 8}},
          y: {field: 'level', type: 'quantitative', title: 'Index (100 = base)', scale: {zero: false}},
          color: {field: 'groupLabel', type: 'nominal', title: 'Group', scale: groupColorScale(result)},
        },
      },
      ...(marks.length > 0
        ? [
            {
              data: {values: marks},
              mark: {type: 'rule' as const, color: '#333', strokeDash: [2, 2], strokeWidth: 1},
              encoding: {x: DATE_X},
            },
            {
              data: {values: marks},
              // Labels stacked one line apart: events a few days apart would otherwise overprint.
              mark: {
                type: 'text' as const,
                align: 'right' as const,
                baseline: 'bottom' as const,
                dx: 2,
                dy: {expr: '-datum.row * 13'},
                fontSize: 10,
                color: '#333',
              },
              encoding: {
                x: DATE_X,
                y: {value: -3},
                text: {field: 'text', type: 'nominal' as const},
              },
            },
          ]
        : []),
    ],
  }
}
