/**
 * The look shared by every chart: one fixed font family (so SVG output is the same on every machine),
 * one colour per group (the same colour in every chart), sizes.
 */
import type {Config} from 'vega-lite/build/src/config.js'
import type {StudyResult} from '../../result.js'
import {groupLabel, groupOrder} from '../../report/chart-data.js'

/** Font family written into the SVG; resvg loads these files (see render.ts), browsers fall back in order. */
export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'

/** Tableau 10: distinct, colour-blind-friendly enough, readable on white. */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
]

export const CHART_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 12,
  view: {stroke: '#d0d0d0'},
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: '#ececec',
    domainColor: '#888',
    tickColor: '#888',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    orient: 'bottom',
    columns: 5,
    labelLimit: 400,
    symbolStrokeWidth: 3,
  },
  header: {labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold'},
  title: {fontSize: 15, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555', offset: 10},
}

/** Colour scale keyed by group label, in study order, so a group has one colour in every chart. */
export function groupColorScale(result: StudyResult): {domain: string[]; range: string[]} {
  const domain = groupOrder(result).map((g) => groupLabel(result, g))
  return {domain, range: domain.map((_, i) => PALETTE[i % PALETTE.length])}
}
