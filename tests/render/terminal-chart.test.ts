import {describe, expect, it} from 'vitest'
import {renderCaarChart, resample} from '../../src/render/terminal-chart.js'
import {makeResult} from '../report/fixtures.js'

describe('resample', () => {
  it('interpolates linearly and keeps the end points', () => {
    expect(resample([0, 10], 5)).toEqual([0, 2.5, 5, 7.5, 10])
    expect(resample([3], 4)).toEqual([3, 3, 3, 3])
    expect(resample([], 4)).toEqual([])
  })
})

describe('renderCaarChart', () => {
  const r = makeResult()

  it('draws one plot per event, each line labelled at its end with its last CAAR', () => {
    const out = renderCaarChart(r, {width: 40, height: 8})
    const blocks = out.split('\n\n')
    expect(blocks).toHaveLength(2)
    expect(blocks[0]).toMatch(/^CAAR around Model released \(2025-01-06\)/)
    expect(blocks[1]).toMatch(/^CAAR around The sell-off \(2025-01-13\)/)
    for (const b of blocks) {
      for (const label of ['AI chips', 'Hyperscalers', 'Power']) expect(b).toMatch(new RegExp(`${label} -?\\d+\\.\\d%`))
      const lines = b.split('\n')
      expect(lines[lines.length - 1]).toMatch(/-10 .* 0 .* \+14\s+\(day\)$/)
    }
    // The sell-off's day-0 shock of -20% for Power shows on the value axis.
    expect(blocks[1]).toMatch(/-2\d\.\d%/)
    expect(out).not.toMatch(/\u001b\[/)
  })

  it('honours width and height', () => {
    const out = renderCaarChart(r, {width: 30, height: 6}).split('\n\n')[0].split('\n')
    // title + (height + 1 rows, as asciichart may add one for rounding) + axis
    expect(out.length).toBeGreaterThanOrEqual(6 + 1 + 2)
    expect(out.length).toBeLessThanOrEqual(6 + 2 + 2)
    const plotRow = out[1]
    expect(plotRow.indexOf('┤') >= 0 || plotRow.indexOf('┼') >= 0).toBe(true)
  })

  it('colours the lines and legend only when asked', () => {
    expect(renderCaarChart(r, {color: true})).toMatch(/\u001b\[\d+m/)
  })

  it('says so when there is nothing to draw', () => {
    const bare = makeResult()
    bare.securities = []
    expect(renderCaarChart(bare)).toMatch(/no group has abnormal-return rows/)
  })
})
