import {describe, expect, it} from 'vitest'
import {numberDecimals, readNumber} from '../../src/sources/csv-number.js'
import {uniform} from '../engine/random.js'

describe('numberDecimals', () => {
  it('gives the decimals a number is written with, exponent included, and -1 for anything else', () => {
    const cases: [string, number][] = [
      ['1', 0],
      ['1.25', 2],
      ['-1.5', 1],
      ['+.5', 1],
      ['5.', 0],
      ['1.5e-3', 4],
      ['12e2', 0],
      ['1.25E+1', 1],
      ['', -1],
      ['.', -1],
      ['-', -1],
      ['1e', -1],
      ['1.2.3', -1],
      ['0x10', -1],
      ['1,5', -1],
      ['Infinity', -1],
      ['NaN', -1],
      [' 1', -1],
    ]
    for (const [cell, d] of cases) expect(numberDecimals(cell), cell).toBe(d)
  })
})

describe('readNumber', () => {
  const read = (s: string) => readNumber(s, 0, s.length, {decimals: 0})

  it('gives the double Number() gives, on the fast path and beyond it', () => {
    for (const s of [
      '0',
      '-0',
      '1',
      '0.1',
      '0.3',
      '123.4567',
      '1e22',
      '1e23',
      '9007199254740993',
      '1.7976931348623157e308',
      '5e-324',
      '0.000001',
      '123456789012345.6',
      '1.2345678901234567',
      '-42.5e-3',
      '.5',
      '5.',
    ])
      expect(Object.is(read(s), Number(s)), s).toBe(true)
  })

  it('agrees with Number() on 200,000 seeded prices and volumes as CSVs print them', () => {
    const rand = uniform(11)
    for (let k = 0; k < 200_000; k++) {
      const x = 10 ** (rand() * 12 - 4)
      const s = k % 3 === 0 ? String(Math.round(x)) : x.toFixed(Math.floor(rand() * 10))
      if (read(s) !== Number(s)) expect(read(s), s).toBe(Number(s))
    }
  })

  it('reads a cell inside a line, and NaN for what is not a plain decimal', () => {
    const line = '2025-01-02,1.25,-3e2,x'
    expect(readNumber(line, 11, 15, {decimals: 0})).toBe(1.25)
    expect(readNumber(line, 16, 20, {decimals: 0})).toBe(-300)
    expect(readNumber(line, 21, 22, {decimals: 0})).toBeNaN()
    expect(readNumber('1e,5', 0, 2, {decimals: 0})).toBeNaN()
  })
})
