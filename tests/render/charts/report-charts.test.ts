import {describe, expect, it} from 'vitest'
import {caarPathsSpec} from '../../../src/render/charts/caar-paths.js'
import {DAY0_CHART_ENDS, day0ArSpec} from '../../../src/render/charts/day0-ar.js'
import {CHART_EVENTS} from '../../../src/report/chart-data.js'
import {PNG_SCALE, renderPng, renderSvg, svgSize} from '../../../src/render/charts/render.js'
import {renderReportCharts, reportChartSpecs} from '../../../src/render/charts/report-charts.js'
import {threeWavesSpec} from '../../../src/render/charts/three-waves.js'
import {volatilitySpec} from '../../../src/render/charts/volatility.js'
import {FIXTURE_GROUPS, makeListResult, makeManyEvents, makeResult} from '../../report/fixtures.js'
import {pngSize} from '../png.js'
import {checkXml} from '../xml.js'

const count = (svg: string, role: string): number => svg.split(`aria-roledescription="${role}"`).length - 1

describe('charts of a list study', () => {
  const n = 5_000
  const values = (spec: unknown): Array<Record<string, unknown>> =>
    (spec as {data: {values: Array<Record<string, unknown>>}}).data.values

  it('day 0: one panel sorted by AR, cut to the lowest and highest bars, the cut said in the subtitle', () => {
    const spec = day0ArSpec(makeListResult(n))!
    const pts = values(spec)
    expect(pts).toHaveLength(2 * DAY0_CHART_ENDS)
    expect(new Set(pts.map((p) => p.panel))).toEqual(new Set(['list events']))
    const ars = pts.map((p) => p.ar as number)
    expect(ars).toEqual([...ars].sort((a, b) => a - b))
    expect(ars[0]).toBe(-0.5)
    expect(ars.at(-1)).toBe((n - 1) / n - 0.5)
    const subtitle = (spec as {title: {subtitle: string}}).title.subtitle
    expect(subtitle).toContain(`${(n - 2 * DAY0_CHART_ENDS).toLocaleString('en-US')} bars between`)
    // Forty bars or fewer: every one drawn, still sorted, no cut in the subtitle.
    const small = day0ArSpec(makeListResult(2 * DAY0_CHART_ENDS))!
    expect(values(small)).toHaveLength(2 * DAY0_CHART_ENDS)
    expect((small as {title: {subtitle: string}}).title.subtitle).not.toContain('not drawn')
  })

  it('volatility: the list events pooled in one pair of bars per group, not a panel per event', () => {
    const bars = values(volatilitySpec(makeListResult(n)))
    expect(bars.map((b) => [b.groupLabel, b.eventLabel, b.period, b.n])).toEqual([
      ['AI chips', 'list events', 'before', n],
      ['AI chips', 'list events', 'after', n],
    ])
  })
})

describe('charts of a study of many common events', () => {
  it(`draw the first ${CHART_EVENTS} events' panels and say how many more the result holds`, () => {
    const r = makeManyEvents(30)
    const first = new Set(r.events.slice(0, CHART_EVENTS).map((e) => e.id))
    for (const spec of [caarPathsSpec(r), day0ArSpec(r), volatilitySpec(r)]) {
      const s = spec as {data: {values: Array<{event: string}>}; title: {subtitle: string}}
      expect(new Set(s.data.values.map((v) => v.event))).toEqual(first)
      expect(s.title.subtitle).toContain(`the first ${CHART_EVENTS} of 30 events (results.json holds every one)`)
    }
    const few = volatilitySpec(makeManyEvents(CHART_EVENTS)) as {title: {subtitle: string}}
    expect(few.title.subtitle).not.toContain('results.json')
  })
})

describe('chart specs', () => {
  it('are pure: the same result gives the same spec, and absent sections give no chart', () => {
    const r = makeResult()
    expect(JSON.stringify(caarPathsSpec(r))).toBe(JSON.stringify(caarPathsSpec(makeResult())))
    const bare = makeResult({withIndex: false})
    delete bare.volatility
    expect(threeWavesSpec(bare)).toBeNull()
    expect(volatilitySpec(bare)).toBeNull()
    expect(reportChartSpecs(bare).map((c) => c.id)).toEqual(['caar-paths', 'day0-ar'])
    expect(reportChartSpecs(r).map((c) => c.id)).toEqual(['three-waves', 'caar-paths', 'day0-ar', 'volatility'])
  })

  it('carry the data inline (no URLs) and a fixed font', () => {
    for (const c of reportChartSpecs(makeResult())) {
      const json = JSON.stringify(c.spec)
      expect(json).not.toMatch(/"url"\s*:/)
      expect(json).toContain('DejaVu Sans')
    }
  })

  it('say when the result holds fewer AR days than -10..+14', () => {
    const spec = caarPathsSpec(makeResult({arRange: [-1, 14]}))
    expect(JSON.stringify(spec)).toContain('AR rows for days -1 to 14 only')
    expect(JSON.stringify(caarPathsSpec(makeResult()))).not.toContain('only')
  })
})

describe('SVG rendering', async () => {
  const r = makeResult()
  const charts = await renderReportCharts(r)
  const byId = new Map(charts.map((c) => [c.id, c.svg]))
  const labels = FIXTURE_GROUPS.map((g) => g.label)

  it('gives well-formed XML with an svg root for every chart', () => {
    expect(charts).toHaveLength(4)
    for (const c of charts) {
      const {elements, errors} = checkXml(c.svg)
      expect(errors, c.id).toEqual([])
      expect(elements[0]).toBe('svg')
      expect(c.svg).toContain('font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"')
    }
  })

  it('three waves: one line per group, a rule per event plus the 100 line, event labels', () => {
    const svg = byId.get('three-waves')!
    expect(count(svg, 'line mark')).toBe(3)
    for (const l of labels) expect(svg).toContain(`>${l}</text>`)
    expect(svg).toContain('Model released (2025-01-06)')
    expect(svg).toContain('The sell-off (2025-01-13)')
  })

  it('CAAR paths: one line and one band per group and event, 25 days each', () => {
    const svg = byId.get('caar-paths')!
    expect(count(svg, 'line mark')).toBe(3 * 2)
    expect(count(svg, 'area mark')).toBe(3 * 2)
    expect(count(svg, 'point')).toBe(3 * 2 * 25)
    for (const l of labels) expect(svg).toContain(`>${l}</text>`)
  })

  it('day-0 ARs: one bar per estimated security-event, significance in the legend', () => {
    const svg = byId.get('day0-ar')!
    const estimated = r.securities.filter((s) => !s.excluded).length
    expect(count(svg, 'bar')).toBe(estimated)
    expect(svg).toContain('p &lt; 0.05 (own test)')
    expect(svg).not.toContain('>SMCI<') // excluded security
  })

  it('volatility: a before and an after bar per group and event', () => {
    const svg = byId.get('volatility')!
    expect(count(svg, 'bar')).toBe(3 * 2 * 2)
    expect(svg).toContain('after: days 1 to 14')
  })

  it('renders the same bytes twice', async () => {
    const again = await renderReportCharts(makeResult())
    for (let i = 0; i < charts.length; i++) expect(again[i].svg).toBe(charts[i].svg)
  })

  it('PNG: decodes with the SVG size × scale, and the bytes repeat', () => {
    for (const c of charts) {
      const png = renderPng(c.svg)
      const {width, height} = svgSize(c.svg)
      expect(pngSize(png)).toEqual({width: Math.round(width * PNG_SCALE), height: Math.round(height * PNG_SCALE)})
      expect(renderPng(c.svg).equals(png)).toBe(true)
    }
    const one = renderPng(byId.get('volatility')!, 1)
    expect(pngSize(one).width).toBe(Math.round(svgSize(byId.get('volatility')!).width))
  })

  it('refuses specs that would load data from a URL', async () => {
    await expect(renderSvg({data: {url: 'https://example.com/x.csv'}, mark: 'point'})).rejects.toThrow(
      /no external data|no network/,
    )
  })
})

describe('day0ArSpec with list events', () => {
  it('puts every list event in one panel, labelled symbol and date', () => {
    const r = makeResult()
    r.events = r.events.map((e) => ({...e, symbol: 'NVDA'}))
    const spec = day0ArSpec(r)
    const json = JSON.stringify(spec)
    expect(json).toContain('"panel":"list events"')
    expect(json).toContain('"label":"NVDA 2025-01-13"')
  })
})
