/**
 * Chart 2: CAAR paths per group from day -10 to +14 around each event, with 95% confidence bands.
 */
import type {TopLevelSpec} from 'vega-lite'
import {AR_PATH_RANGE, type StudyResult} from '../../result.js'
import {caarPaths, chartedEvents, leftOutEventsNote} from '../../report/chart-data.js'
import {CHART_CONFIG, groupColorScale} from './theme.js'

/** Vega-Lite spec of the CAAR paths, one panel per event; null when no group has AR rows. */
export function caarPathsSpec(result: StudyResult): TopLevelSpec | null {
  const charted = chartedEvents(result)
  const points = caarPaths(result).filter((p) => charted.has(p.event))
  if (points.length === 0) return null
  const first = Math.min(...points.map((p) => p.t))
  const last = Math.max(...points.map((p) => p.t))
  const covered =
    first === AR_PATH_RANGE[0] && last === AR_PATH_RANGE[1]
      ? ''
      : ` (the result holds AR rows for days ${first} to ${last} only)`
  // The legend draws solid strokes, not the band's faint fill.
  const legend = {symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3}
  const color = {field: 'groupLabel', type: 'nominal' as const, title: 'Group', scale: groupColorScale(result), legend}
  const x = {
    field: 't',
    type: 'quantitative' as const,
    title: 'Trading days relative to the event (day 0)',
    scale: {domain: [first, last], nice: false},
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Cumulative average abnormal returns (CAAR) around each event',
      subtitle: `CAAR from day ${first}; shaded: 95% band, CAAR ± 1.96 × s(CAR) / √N${covered}${leftOutEventsNote(charted.leftOut)}`,
    },
    config: CHART_CONFIG,
    data: {values: points},
    facet: {column: {field: 'eventLabel', type: 'nominal', title: null, sort: {field: 'event'}}},
    spec: {
      width: 340,
      height: 260,
      layer: [
        {
          mark: {type: 'area', opacity: 0.14},
          encoding: {x, y: {field: 'lo', type: 'quantitative'}, y2: {field: 'hi'}, color},
        },
        {
          mark: {type: 'line', strokeWidth: 2, point: {size: 14}},
          encoding: {
            x,
            y: {field: 'caar', type: 'quantitative', title: 'CAAR', axis: {format: '.0%'}},
            color,
          },
        },
        {
          data: {values: [{y: 0}]},
          mark: {type: 'rule', color: '#666'},
          encoding: {y: {field: 'y', type: 'quantitative'}},
        },
        {
          data: {values: [{x: 0}]},
          mark: {type: 'rule', color: '#666', strokeDash: [4, 3]},
          encoding: {x: {field: 'x', type: 'quantitative'}},
        },
      ],
    },
  }
}
