/**
 * Chart 3: day-0 abnormal returns per security, sorted, coloured by group, significance marked.
 */
import type {TopLevelSpec} from 'vega-lite'
import type {StudyResult} from '../../result.js'
import {chartedEvents, day0Points, LIST_EVENTS, leftOutEventsNote, pooledEvent} from '../../report/chart-data.js'
import {CHART_CONFIG, groupColorScale} from './theme.js'

/**
 * Bars at each end of a panel's ranking when it has more than twice as many: 20,000 bars would be a chart no one
 * can read and too large to draw (every security-event's day-0 AR is in results.json).
 */
export const DAY0_CHART_ENDS = 20

const SIG = 'p < 0.05 (own test)'
const NOT_SIG = 'not significant'

/** Vega-Lite spec of the day-0 ARs, one panel per common event (list events share one panel); null when none. */
export function day0ArSpec(result: StudyResult): TopLevelSpec | null {
  const pooled = pooledEvent(result)
  const tradingDate = new Map(result.events.map((e) => [e.id, e.tradingDate]))
  const charted = chartedEvents(result)
  const all = day0Points(result)
    .filter((p) => charted.has(p.event))
    .map((p) => {
      const list = pooled(p.event) === 'all'
      return {
        ...p,
        panel: list ? LIST_EVENTS : p.eventLabel,
        label: list ? `${p.symbol} ${tradingDate.get(p.event) ?? p.event}` : p.symbol,
        significance: p.significant ? SIG : NOT_SIG,
        text: `${(p.ar * 100).toFixed(1)}%${p.significant ? ' *' : ''}`,
      }
    })
  if (all.length === 0) return null
  const {points, cut} = panelEnds(all)
  // Room for the value labels beside the longest bars.
  const x = {
    field: 'ar',
    type: 'quantitative',
    title: 'Abnormal return on day 0',
    axis: {format: '.0%'},
    scale: {padding: 44},
  } as const
  // panelEnds sorts each panel by AR: keep that order.
  const y = {field: 'label', type: 'nominal', title: null, sort: null} as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Abnormal returns on day 0, by security',
      subtitle:
        'Sorted; colour = group; solid bars and * = significant at 5% (the security’s own t test, else SAR as N(0,1))' +
        (cut > 0
          ? `; ${cut.toLocaleString('en-US')} bars between the ${DAY0_CHART_ENDS} lowest and highest not drawn`
          : '') +
        leftOutEventsNote(charted.leftOut),
    },
    config: CHART_CONFIG,
    data: {values: points},
    facet: {column: {field: 'panel', type: 'nominal', title: null, sort: {field: 'event'}}},
    spec: {
      width: 300,
      height: {step: 16},
      layer: [
        {
          mark: {type: 'bar', height: {band: 0.75}},
          encoding: {
            x,
            y,
            color: {field: 'groupLabel', type: 'nominal', title: 'Group', scale: groupColorScale(result)},
            opacity: {
              field: 'significance',
              type: 'ordinal',
              sort: [SIG, NOT_SIG],
              title: 'Significance',
              scale: {domain: [SIG, NOT_SIG], range: [1, 0.35]},
              legend: {symbolFillColor: '#666', symbolStrokeColor: '#666'},
            },
          },
        },
        {
          mark: {
            type: 'text',
            fontSize: 9,
            color: '#333',
            align: {expr: "datum.ar < 0 ? 'right' : 'left'"},
            dx: {expr: 'datum.ar < 0 ? -3 : 3'},
          },
          encoding: {x, y, text: {field: 'text', type: 'nominal'}},
        },
        {
          data: {values: [{x: 0}]},
          mark: {type: 'rule', color: '#666'},
          encoding: {x: {field: 'x', type: 'quantitative'}},
        },
      ],
    },
    resolve: {scale: {y: 'independent'}},
  }
}

/**
 * Each panel's points by AR ascending (list events pool one security each, so their panel is sorted here), cut to
 * the DAY0_CHART_ENDS lowest and highest when it has more than twice as many; `cut`: how many were left out.
 */
function panelEnds<P extends {panel: string; ar: number}>(points: P[]): {points: P[]; cut: number} {
  const panels = new Map<string, P[]>()
  for (const p of points) {
    const list = panels.get(p.panel)
    if (list) list.push(p)
    else panels.set(p.panel, [p])
  }
  let cut = 0
  const out: P[] = []
  for (const list of panels.values()) {
    // Stable: ties keep day0Points' order (by symbol).
    list.sort((a, b) => a.ar - b.ar)
    if (list.length > 2 * DAY0_CHART_ENDS) {
      cut += list.length - 2 * DAY0_CHART_ENDS
      out.push(...list.slice(0, DAY0_CHART_ENDS), ...list.slice(-DAY0_CHART_ENDS))
    } else out.push(...list)
  }
  return {points: out, cut}
}
