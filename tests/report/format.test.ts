import {describe, expect, it} from 'vitest'
import {
  fmtDay,
  fmtInteger,
  fmtMoney,
  fmtNumber,
  fmtPercent,
  fmtSignedPercent,
  fmtSignedUsd,
  fmtUsd,
  fmtWindow,
  MISSING,
} from '../../src/report/format.js'

describe('number formatters', () => {
  it('formats percents, numbers and null', () => {
    expect(fmtPercent(-0.16968)).toBe('-16.97%')
    expect(fmtSignedPercent(0.0123)).toBe('+1.23%')
    expect(fmtSignedPercent(-0.0123)).toBe('-1.23%')
    expect(fmtSignedPercent(-0.1697)).toBe('-16.97%')
    expect(fmtSignedPercent(0.05, 1)).toBe('+5.0%')
    // a value that rounds to zero carries no sign
    expect(fmtSignedPercent(-0.00001)).toBe('0.00%')
    expect(fmtSignedPercent(0.00001)).toBe('0.00%')
    expect(fmtSignedPercent(null)).toBe(MISSING)
    expect(fmtNumber(-0.00001, 2)).toBe('0.00')
    expect(fmtNumber(null)).toBe(MISSING)
    expect(fmtPercent(Number.NaN)).toBe(MISSING)
  })

  it('formats money, dollars, integers, windows and days', () => {
    expect(fmtMoney(-592.46e9)).toBe('-592.5bn')
    expect(fmtMoney(1.2e6)).toBe('1.2m')
    expect(fmtMoney(3.1e12)).toBe('3.1tn')
    expect(fmtUsd(-5.924e11)).toBe('-$592.4bn')
    expect(fmtUsd(1.2e12)).toBe('$1.2tn')
    expect(fmtUsd(null)).toBe(MISSING)
    expect(fmtSignedUsd(7e11)).toBe('+$700.0bn')
    expect(fmtSignedUsd(-7e11)).toBe('-$700.0bn')
    expect(fmtInteger(15204137000)).toBe('15,204,137,000')
    expect(fmtInteger(250)).toBe('250')
    expect(fmtWindow([-1, 1])).toBe('[-1,+1]')
    expect(fmtWindow([0, 0])).toBe('[0,0]')
    expect(fmtDay(3)).toBe('+3')
    expect(fmtDay(-2)).toBe('-2')
  })
})
