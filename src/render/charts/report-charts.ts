/**
 * The report's charts, in order: each a Vega-Lite spec built from the result, rendered to SVG.
 */
import type {TopLevelSpec} from 'vega-lite'
import type {StudyResult} from '../../result.js'
import {caarPathsSpec} from './caar-paths.js'
import {day0ArSpec} from './day0-ar.js'
import {renderSvg} from './render.js'
import {threeWavesSpec} from './three-waves.js'
import {volatilitySpec} from './volatility.js'

export type ChartId = 'three-waves' | 'caar-paths' | 'day0-ar' | 'volatility'

export interface ChartSpec {
  id: ChartId
  /** Alt text / caption. */
  title: string
  spec: TopLevelSpec
}

export interface RenderedChart extends ChartSpec {
  svg: string
}

/** The charts the result has data for (a section absent from the result gives no chart). */
export function reportChartSpecs(result: StudyResult): ChartSpec[] {
  const all: Array<[ChartId, string, TopLevelSpec | null]> = [
    ['three-waves', 'Three waves: group indexes since the base period', threeWavesSpec(result)],
    ['caar-paths', 'CAAR paths per group around each event, with 95% bands', caarPathsSpec(result)],
    ['day0-ar', 'Day-0 abnormal returns per security', day0ArSpec(result)],
    ['volatility', 'Volatility before and after each event', volatilitySpec(result)],
  ]
  return all
    .filter((c): c is [ChartId, string, TopLevelSpec] => c[2] !== null)
    .map(([id, title, spec]) => ({id, title, spec}))
}

/** Builds and renders every chart to SVG. */
export async function renderReportCharts(result: StudyResult): Promise<RenderedChart[]> {
  const out: RenderedChart[] = []
  for (const c of reportChartSpecs(result)) out.push({...c, svg: await renderSvg(c.spec)})
  return out
}
