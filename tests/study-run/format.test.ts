import {describe, expect, it} from 'vitest'
import {
  fmtMoney,
  fmtNumber,
  fmtPercent,
  fmtSignedPercent,
  fmtTest,
  fmtWindow,
  MISSING,
  stars,
  useColor,
} from '../../src/render/format.js'

describe('format helpers', () => {
  it('puts stars at 1%, 5% and 10%', () => {
    expect(stars(0.0099)).toBe('***')
    expect(stars(0.01)).toBe('**')
    expect(stars(0.049)).toBe('**')
    expect(stars(0.05)).toBe('*')
    expect(stars(0.0999)).toBe('*')
    expect(stars(0.1)).toBe('')
    expect(stars(null)).toBe('')
  })

  it('formats percents, numbers and null', () => {
    expect(fmtPercent(-0.16968)).toBe('-16.97%')
    expect(fmtSignedPercent(0.0123)).toBe('+1.23%')
    expect(fmtSignedPercent(-0.0123)).toBe('-1.23%')
    expect(fmtNumber(-0.00001, 2)).toBe('0.00')
    expect(fmtNumber(null)).toBe(MISSING)
    expect(fmtPercent(Number.NaN)).toBe(MISSING)
  })

  it('formats a test with its stars, money and windows', () => {
    expect(fmtTest({stat: -3.214, p: 0.001, n: 5})).toBe('-3.21***')
    expect(fmtTest({stat: null, p: null, n: 1, note: 'needs at least 2 securities'})).toBe(MISSING)
    expect(fmtMoney(-592.46e9)).toBe('-592.5bn')
    expect(fmtMoney(1.2e6)).toBe('1.2m')
    expect(fmtMoney(3.1e12)).toBe('3.1tn')
    expect(fmtWindow([-1, 1])).toBe('[-1,+1]')
    expect(fmtWindow([0, 0])).toBe('[0,0]')
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
