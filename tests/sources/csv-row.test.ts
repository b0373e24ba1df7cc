import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {numberDecimals} from '../../src/sources/csv-number.js'
import {DATE_COLUMN, IGNORED_COLUMN, RowScan} from '../../src/sources/csv-row.js'
import {type ParsedCsv, parsePriceCsv} from '../../src/sources/csv.js'
import {uniform} from '../engine/random.js'

/** Scans `2025-01-02,<cell>` as a date and one number (field 0): the value and decimals, or null when it gives up. */
function scanCell(cell: string): {value: number; decimals: number} | null {
  const scan = new RowScan(Int8Array.of(DATE_COLUMN, 0))
  const line = Buffer.from(`2025-01-02,${cell}`, 'latin1')
  if (scan.scan(line, 0, line.length) !== line.length) return null
  return {value: scan.values[0], decimals: scan.decimals[0]}
}

/** Number cells as files write them and as they should not: digits, points, signs, exponents, spaces, junk. */
function randomCell(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const digits = (n: number): string => Array.from({length: n}, () => pick('0123456789'.split(''))).join('')
  const whole = digits(Math.floor(rand() * 20))
  const frac = rand() < 0.7 ? `.${digits(Math.floor(rand() * 20))}` : ''
  const exp = rand() < 0.2 ? `${pick(['e', 'E'])}${pick(['', '+', '-'])}${digits(Math.floor(rand() * 4))}` : ''
  const sign = rand() < 0.15 ? pick(['+', '-']) : ''
  const pad = (): string => (rand() < 0.1 ? pick([' ', '\t', '  ']) : '')
  const junk = rand() < 0.05 ? pick(['x', '.', ';', 'e', '-', 'null']) : ''
  return `${pad()}${sign}${whole}${frac}${exp}${junk}${pad()}`
}

describe('RowScan', () => {
  it('reads a number as Number() and its decimals as numberDecimals, on edge cases', () => {
    for (const cell of [
      '0',
      '1',
      '0.1',
      '0.3',
      '123.4567',
      '3014.0362',
      '999999999999999',
      '9999999999999999',
      '9007199254740993',
      '123456789012345.6',
      '1.2345678901234567',
      '0.000000000000000000000001',
      '1e22',
      '1e23',
      '5e-324',
      '1.7976931348623157e308',
      '-42.5e-3',
      '+7',
      '-0',
      '.5',
      '5.',
      ' 12.5\t',
    ]) {
      const got = scanCell(cell)
      expect(got, cell).not.toBeNull()
      expect(Object.is(got!.value, Number(cell)), cell).toBe(true)
      expect(got!.decimals, cell).toBe(numberDecimals(cell.trim()))
    }
  })

  it('agrees with Number() on 200,000 seeded cells: reads every plain decimal, gives up on anything else', () => {
    const rand = uniform(23)
    let read = 0
    for (let k = 0; k < 200_000; k++) {
      const cell = randomCell(rand)
      const got = scanCell(cell)
      const decimals = numberDecimals(cell.trim())
      if (got === null) {
        // given up: the general reader words the problem (a plain cell that overflows to Infinity is one)
        if (decimals >= 0 && Number.isFinite(Number(cell))) expect.fail(`gave up on "${cell}"`)
        continue
      }
      read++
      if (got.decimals === -1) {
        expect(['', 'null']).toContain(cell.trim().toLowerCase())
        continue
      }
      if (decimals < 0 || !Object.is(got.value, Number(cell)) || got.decimals !== decimals)
        expect({cell, ...got}).toEqual({cell, value: Number(cell), decimals})
    }
    expect(read).toBeGreaterThan(100_000)
  })

  it('reads empty and null cells as empty, skips ignored columns, gives up on quotes and other characters', () => {
    const scan = new RowScan(Int8Array.of(DATE_COLUMN, IGNORED_COLUMN, 0, 5))
    const read = (line: string): boolean => scan.scan(Buffer.from(line, 'latin1'), 0, line.length) >= 0
    expect(read('2025-01-02,whatever it says,NuLl, ')).toBe(true)
    expect([scan.decimals[0], scan.decimals[5], scan.dateKey]).toEqual([-1, -1, 20250102])
    expect(read('2025-01-02,x,1.5,nul')).toBe(false)
    expect(read('2025-01-02,"x",1.5,1')).toBe(false)
    expect(read('2025-01-02,x,1.5,1,')).toBe(false)
    expect(read('2025-01-02,x,1.5')).toBe(false)
    expect(read('2025-02-30,x,1.5,1')).toBe(false)
    expect(read('2025-01-02 00:00:00,x,1.5,1')).toBe(false)
    expect(read('2025-01-02,x,1\u00a0,1')).toBe(false)
    expect(read('2025-01-02,caf\u00e9,1,1')).toBe(false)
  })

  it('ends a line at its line feed (a carriage return before it is white space) and a cell at the line end', () => {
    const scan = new RowScan(Int8Array.of(DATE_COLUMN, 3, IGNORED_COLUMN))
    const text = Buffer.from('2025-01-02,1.5,a\r\n2025-01-03,,\n2025-01-06, 2 ,b')
    expect(scan.scan(text, 0, text.length)).toBe(17)
    expect([scan.dateKey, scan.values[3], scan.decimals[3]]).toEqual([20250102, 1.5, 1])
    expect(scan.scan(text, 18, text.length)).toBe(30)
    expect([scan.dateKey, scan.decimals[3]]).toEqual([20250103, -1])
    expect(scan.scan(text, 31, text.length)).toBe(text.length)
    expect([scan.dateKey, scan.values[3], scan.decimals[3]]).toEqual([20250106, 2, 0])
    expect(scan.scan(Buffer.from('2025-01-02,1.5\n,a'), 0, 17)).toBe(-1)
    const two = new RowScan(Int8Array.of(DATE_COLUMN, 3))
    expect(two.scan(Buffer.from('2025-01-02,1.5\n'), 0, 15)).toBe(14)
    expect(two.scan(Buffer.from('2025-01-02,\n'), 0, 12)).toBe(11)
  })
})

/** The result, or the error's message: what the two ways of reading must agree on. */
function outcome(read: () => ParsedCsv): string {
  try {
    return JSON.stringify(read())
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    return `InputError ${err.message}`
  }
}

describe('parsePriceCsv: the plain-line scan and the general reader agree', () => {
  it('on seeded files with good and bad rows, read plain and with every cell quoted (which the scan leaves)', () => {
    const rand = uniform(5)
    const day = (k: number): string => new Date(Date.UTC(2020, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)
    let errors = 0
    for (let file = 0; file < 400; file++) {
      const rows: string[][] = []
      for (let r = 0; r < 30; r++) {
        const d = rand() < 0.005 ? pickBad(rand) : day(r + (rand() < 0.005 ? -1 : 0))
        const cells = Array.from({length: 6}, () => {
          const u = rand()
          if (u < 0.05) return u < 0.02 ? '' : 'null'
          if (u < 0.997) return (rand() * 500).toFixed(Math.floor(rand() * 5))
          return randomCell(rand)
        })
        rows.push([d, ...cells])
      }
      const text = ['date,open,high,low,close,adj_close,volume', ...rows.map((r) => r.join(','))].join('\n')
      const quoted = [
        'date,open,high,low,close,adj_close,volume',
        ...rows.map((r) => r.map((c) => `"${c}"`).join(',')),
      ].join('\n')
      const plain = outcome(() => parsePriceCsv(text, 'x.csv', {today: '2025-01-01'}))
      expect(outcome(() => parsePriceCsv(quoted, 'x.csv', {today: '2025-01-01'}))).toBe(plain)
      expect(outcome(() => parsePriceCsv(Buffer.from(text), 'x.csv', {today: '2025-01-01'}))).toBe(plain)
      if (plain.startsWith('InputError')) errors++
    }
    expect(errors).toBeGreaterThan(50)
    expect(errors).toBeLessThan(350)
  })

  it('on text and on the same bytes: BOM, CRLF, blank lines at the end, other white space, extra columns', () => {
    const texts = [
      '\ufeffDate,Open,High,Low,Close,Adj Close,Volume\r\n2025-01-02,1,2,1,1.5,1.5,100\r\n2025-01-03,null,null,null,null,null,null\r\n\r\n \r\n',
      'date,close,note\n2025-01-03,2.5,ok\n2025-01-02,1.25,caf\u00e9\n\u00a0\n',
      'date,close\n2025-01-02,\u00a01.5\u2028\n2025-01-03,2\n\u3000',
      'date,close\n2025-01-02,1.5\n\n2025-01-03,2\n',
      'date,close\n2025-01-02,1.5\n2025-01-02,2\n',
      'date,close\n',
      ' \n\r\n',
      '\ufeff',
      'date,close\n2025-01-02,1e400\n',
      'date,close,volume\n2025-01-02,1.5,\n2025-01-03,,7\n',
      'date,close,note\n2025-01-02,1.5,\u00e9t\u00e9\n2025-01-03,x\u00e9,\n',
      'Date,Cl\u00f6se,Close\n2025-01-02,1,2\n',
    ]
    for (const text of texts) {
      const want = outcome(() => parsePriceCsv(text, 'x.csv', {today: '2025-06-01'}))
      expect(
        outcome(() => parsePriceCsv(Buffer.from(text), 'x.csv', {today: '2025-06-01'})),
        text,
      ).toBe(want)
    }
  })

  it('keeps dates outside 1900..2099 (allowExtreme) as written', () => {
    const text = 'date,close\n1850-03-01,1\n1999-12-31,2\n2150-07-04,3\n'
    const {bars} = parsePriceCsv(text, 'x.csv', {allowExtreme: true})
    expect(bars.map((b) => b.date)).toEqual(['1850-03-01', '1999-12-31', '2150-07-04'])
  })

  it('on bytes that are not valid UTF-8 as on their text as readFileSync decodes it', () => {
    const bytes = [
      Buffer.from([
        ...Buffer.from('date,close,note\n2025-01-02,1.5,a'),
        0xe2,
        0x82,
        ...Buffer.from('\n2025-01-03,2,b\n'),
      ]),
      Buffer.from([...Buffer.from('date,close\n2025-01-02,1'), 0xff, ...Buffer.from('\n')]),
      Buffer.from([...Buffer.from('date,close\n2025-01-02,1\n'), 0xc2]),
    ]
    for (const b of bytes)
      expect(outcome(() => parsePriceCsv(b, 'x.csv'))).toBe(outcome(() => parsePriceCsv(b.toString('utf8'), 'x.csv')))
  })
})

function pickBad(rand: () => number): string {
  const bad = ['2021-02-29', '1899-12-31', '2030-01-01', '2020-1-5', ' 2020-03-04', '2020-03-04 00:00:00-05:00']
  return bad[Math.floor(rand() * bad.length)]
}
