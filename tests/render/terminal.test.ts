import {describe, expect, it} from 'vitest'
import {renderIndexTable, renderStudyTable, useColor} from '../../src/render/terminal.js'
import {makeResult, withVolume} from '../report/fixtures.js'

describe('terminal summary', () => {
  const r = makeResult({failingClaim: true})
  const text = renderStudyTable(r)

  it('draws every section under its heading, without colour by default', () => {
    for (const h of [
      'Events',
      'Cumulative average abnormal returns (CAAR) and tests',
      'Abnormal returns on day 0',
      'Market value at stake',
      'Claims',
      'Excluded securities',
    ])
      expect(text).toContain(`\n${h}\n${'='.repeat(h.length)}`)
    expect(text).toContain('AI chips (chips), event release: N = 3')
    expect(text).toContain('Kolari-Pynnönen')
    expect(text).toContain('Claims: 2 of 3 hold')
    expect(text).not.toMatch(/\u001b\[/)
    // colour (on a terminal that supports it) adds escape codes and changes nothing else
    expect(renderStudyTable(r, {color: true}).replace(/\u001b\[[0-9;]*m/g, '')).toBe(text)
  })

  it('shows the same numbers, stars and labels as the report', () => {
    const g = r.groups.find((x) => x.group === 'power' && x.event === 'selloff')!
    expect(text).toContain(`${(g.windows[0].caar * 100).toFixed(2)}%`)
    expect(renderStudyTable(withVolume())).toMatch(/│ chips\s+│ selloff\s+│ 3 │\s+0\.85 │\s+3\.74\*\*\* │/)
    expect(text).toMatch(/\[chips\] total\s+│\s+-\$700\.0bn/)
  })

  it('is deterministic', () => {
    expect(renderStudyTable(makeResult({failingClaim: true}))).toBe(text)
  })

  it('draws the index table alone, benchmark first and groups with their members', () => {
    const idx = renderIndexTable(r.index!)
    expect(idx).toMatch(/^Base-period index/)
    expect(idx).toMatch(/\[chips\]\s+│\s+–\s+│/)
  })

  it('never colours without a TTY or with NO_COLOR', () => {
    expect(useColor({isTTY: false})).toBe(false)
    const saved = process.env.NO_COLOR
    process.env.NO_COLOR = '1'
    expect(useColor({isTTY: true})).toBe(false)
    delete process.env.NO_COLOR
    expect(useColor({isTTY: true})).toBe(true)
    if (saved !== undefined) process.env.NO_COLOR = saved
  })
})
