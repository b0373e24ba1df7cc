/**
 * A small terminal chart of the CAAR paths (asciichart): one plot per event, one line per group, each line
 * labelled at its right end so the chart reads without colour; `study run --chart` draws it on a TTY.
 */
import {createRequire} from 'node:module'
import type {StudyResult} from '../result.js'
import {caarPaths, shortEventLabel, type CaarPoint} from '../report/chart-data.js'

interface AsciiChart {
  plot(
    series: number[][],
    cfg: {
      height: number
      min?: number
      max?: number
      colors?: string[]
      format?: (x: number) => string
      offset?: number
    },
  ): string
  blue: string
  red: string
  green: string
  magenta: string
  cyan: string
  yellow: string
  lightblue: string
  lightred: string
  reset: string
}
const asciichart = createRequire(import.meta.url)('asciichart') as AsciiChart

export interface CaarChartOptions {
  /** Plot columns (default 60). */
  width?: number
  /** Plot rows (default 12). */
  height?: number
  /** ANSI colours per group (default false: labels alone identify the lines). */
  color?: boolean
}

const LABEL_WIDTH = 8
const OFFSET = 3

/** Linear resampling of `ys` (one value per day) to `cols` points, so a 25-day path fills the plot width. */
export function resample(ys: number[], cols: number): number[] {
  if (ys.length === 0) return []
  if (ys.length === 1 || cols <= 1) return Array.from({length: Math.max(cols, 1)}, () => ys[0])
  const out: number[] = []
  for (let c = 0; c < cols; c++) {
    const x = (c * (ys.length - 1)) / (cols - 1)
    const i = Math.min(Math.floor(x), ys.length - 2)
    const f = x - i
    out.push(ys[i] * (1 - f) + ys[i + 1] * f)
  }
  return out
}

function fmtPct(x: number): string {
  const s = `${x.toFixed(1)}%`
  return s.padStart(LABEL_WIDTH)
}

/** Row index (0 = top line) where asciichart draws value v, for the same min/max/height (its own arithmetic). */
function rowOf(v: number, min: number, max: number, height: number): number {
  const range = Math.abs(max - min)
  const ratio = range !== 0 ? height / range : 1
  const min2 = Math.round(min * ratio)
  const rows = Math.abs(Math.round(max * ratio) - min2)
  return rows - (Math.round(v * ratio) - min2)
}

/** One plot per event of the CAAR paths (percent), with a legend and a day axis. */
export function renderCaarChart(result: StudyResult, opts: CaarChartOptions = {}): string {
  const width = Math.max(10, Math.floor(opts.width ?? 60))
  const height = Math.max(3, Math.floor(opts.height ?? 12))
  const colors = [
    asciichart.blue,
    asciichart.red,
    asciichart.green,
    asciichart.magenta,
    asciichart.cyan,
    asciichart.yellow,
    asciichart.lightblue,
    asciichart.lightred,
  ]
  const paths = caarPaths(result)
  if (paths.length === 0) return 'CAAR chart: no group has abnormal-return rows to plot.'
  const byEvent = new Map<string, CaarPoint[]>()
  for (const p of paths) byEvent.set(p.event, [...(byEvent.get(p.event) ?? []), p])
  const blocks: string[] = []
  for (const [event, pts] of byEvent) {
    const days = [...new Set(pts.map((p) => p.t))].sort((a, b) => a - b)
    const groups = [...new Set(pts.map((p) => p.group))]
    const labels = groups.map((g) => pts.find((p) => p.group === g)?.groupLabel ?? g)
    const series = groups.map((g) => {
      const m = new Map(pts.filter((p) => p.group === g).map((p) => [p.t, p.caar * 100]))
      // A day a group lacks holds its last value (its first value before it starts).
      let last = m.get(days.find((d) => m.has(d)) ?? days[0]) ?? 0
      return resample(
        days.map((d) => (last = m.get(d) ?? last)),
        width,
      )
    })
    const all = series.flat()
    // Zero is always on the scale, so a path's sign is visible.
    const min = Math.min(...all, 0)
    const max = Math.max(...all, 0)
    const plotColors = opts.color ? groups.map((_, i) => colors[i % colors.length]) : undefined
    const lines = asciichart
      .plot(series, {height, min, max, colors: plotColors, format: fmtPct, offset: OFFSET})
      .split('\n')
    // Right-end labels: "← AI chips -12.3%".
    const tags = new Map<number, string[]>()
    series.forEach((s, i) => {
      const v = s[s.length - 1]
      const row = rowOf(v, min, max, height)
      const text = `${labels[i]} ${v.toFixed(1)}%`
      tags.set(row, [...(tags.get(row) ?? []), opts.color ? `${plotColors?.[i]}${text}${asciichart.reset}` : text])
    })
    const body = lines.map((l, r) => (tags.has(r) ? `${l} ${(tags.get(r) ?? []).join(', ')}` : l))
    // Day axis under the plot: first day, day 0 and last day at their columns.
    const start = LABEL_WIDTH + OFFSET - 1
    const axis = Array.from({length: start + width + 6}, () => ' ')
    const put = (t: number): void => {
      const col = days.length > 1 ? Math.round(((t - days[0]) * (width - 1)) / (days[days.length - 1] - days[0])) : 0
      const s = t > 0 ? `+${t}` : String(t)
      const at = Math.max(0, start + col - Math.floor(s.length / 2))
      for (let k = 0; k < s.length; k++) axis[at + k] = s[k]
    }
    for (const t of [days[0], ...(days.includes(0) && days[0] !== 0 ? [0] : []), days[days.length - 1]]) put(t)
    blocks.push(
      [
        `CAAR around ${shortEventLabel(result, event, 60)} (percent; trading days ${days[0]} to ${days[days.length - 1]})`,
        ...body,
        `${axis.join('').trimEnd()}   (day)`,
      ].join('\n'),
    )
  }
  return blocks.join('\n\n')
}
