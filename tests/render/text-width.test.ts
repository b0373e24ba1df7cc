import {describe, expect, it} from 'vitest'
import {blockWidth, breakPieces, displayWidth, narrowest, wrapLine, wrapText} from '../../src/render/text-width.js'

describe('displayWidth', () => {
  it('counts columns: colour codes and combining marks none, wide characters two', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('\u001b[36mabc\u001b[39m')).toBe(3)
    expect(displayWidth('Kolari-Pynnönen')).toBe(15)
    expect(displayWidth('e\u0301')).toBe(1)
    expect(displayWidth('日本')).toBe(4)
    expect(displayWidth('─┼–†')).toBe(4)
    expect(blockWidth('ab\nabcd')).toBe(4)
  })
})

describe('wrapping', () => {
  it('breaks after spaces, after .. of a date range and after the T of a timestamp', () => {
    expect(breakPieces('a bc  d')).toEqual(['a ', 'bc  ', 'd'])
    expect(breakPieces('2025-01-17..2025-01-22')).toEqual(['2025-01-17..', '2025-01-22'])
    expect(breakPieces('2026-12-01T18:52:53.895Z')).toEqual(['2026-12-01T', '18:52:53.895Z'])
    expect(narrowest('Cross-sectional t')).toBe(15)
    expect(narrowest('  NVDA')).toBe(6)
  })

  it('wraps a line greedily, continuation lines indented two more than the line', () => {
    expect(wrapLine('one two three four', 9)).toEqual(['one two', '  three', '  four'])
    expect(wrapLine('  note: one two three', 12)).toEqual(['  note: one', '    two', '    three'])
    expect(wrapLine('short', 80)).toEqual(['short'])
    expect(wrapLine('one two', 9, 0)).toEqual(['one two'])
  })

  it('breaks a word longer than the width hard, never leaving a line too wide', () => {
    const lines = wrapLine(`path /${'x'.repeat(30)}/file.csv`, 12)
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(12)
    expect(lines.join('').replace(/ /g, '')).toBe(`path/${'x'.repeat(30)}/file.csv`)
  })

  it('leaves text alone without a width', () => {
    const t = `${'word '.repeat(40)}\nnext`
    expect(wrapText(t, undefined)).toBe(t)
    expect(
      wrapText(t, 30)
        .split('\n')
        .every((l) => displayWidth(l) <= 30),
    ).toBe(true)
  })
})
