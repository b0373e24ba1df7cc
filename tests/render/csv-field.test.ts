import {describe, expect, it} from 'vitest'
import {csvField, csvWindow} from '../../src/render/csv-field.js'

describe('csvWindow', () => {
  it('writes a window as t1..t2, with no comma to quote', () => {
    expect(csvWindow([-1, 1])).toBe('-1..1')
    expect(csvWindow([0, 0])).toBe('0..0')
  })
})

describe('csvField', () => {
  it('leaves plain text and finite numbers as they are; nothing and non-finite numbers are empty', () => {
    expect(csvField('SPY')).toBe('SPY')
    expect(csvField(0.25)).toBe('0.25')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('')
  })

  it('quotes a field with a comma, quote or line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\r')).toBe('"cr\r"')
  })
})
