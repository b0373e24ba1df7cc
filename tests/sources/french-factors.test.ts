// French's daily factor files: his published layout (description header with the vintage, empty first header
// cell, YYYYMMDD rows, blank line, monthly and annual tables, copyright footer), the reformatted five-factor
// copy and the clean CSVs, built here and read from ../shared/data/factors.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {columnKey, dailyDate, parseFactorFile, setFromFile} from '../../src/sources/french-factors.js'
import {SHARED} from '../helpers/shared.js'

const FACTORS = path.join(SHARED, 'data', 'factors')
const HAVE = existsSync(path.join(FACTORS, 'original'))

/** A small file in French's layout; `rows` are the daily lines, `after` what follows the blank line. */
function french(
  rows: string[],
  after: string[] = ['Copyright 2026 Eugene F. Fama and Kenneth R. French'],
  eol = '\r\n',
) {
  return [
    'This file was created by CMPT_ME_BEME_RETS using the 202604 CRSP database.',
    'The 1-month TBill return is from Ibbotson and Associates, Inc.',
    '',
    ',Mkt-RF,SMB,HML,RF',
    ...rows,
    '',
    ...after,
    '',
  ].join(eol)
}

const ROWS = ['20250124,   -0.27,   -0.15,    0.68,    0.02', '20250127,   -1.49,   -0.67,    2.50,    0.02']

function reason(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return (err as Error).message
  }
  throw new Error('no error')
}

describe('parseFactorFile', () => {
  it("reads French's layout: vintage, columns with stable keys, YYYYMMDD dates, percent as published", () => {
    const f = parseFactorFile(french(ROWS), 'F-F_Research_Data_Factors_daily.CSV')
    expect(f.name).toBe('ff3')
    expect(f.vintage).toBe('202604')
    expect(f.vintageLine).toBe('This file was created by CMPT_ME_BEME_RETS using the 202604 CRSP database.')
    expect(f.columns).toEqual([
      {key: 'mkt_rf', name: 'Mkt-RF'},
      {key: 'smb', name: 'SMB'},
      {key: 'hml', name: 'HML'},
      {key: 'rf', name: 'RF'},
    ])
    expect(f.dates).toEqual(['2025-01-24', '2025-01-27'])
    expect(f.values[1]).toEqual([-1.49, -0.67, 2.5, 0.02])
    expect(f.ignoredFrom).toBeNull()
  })

  it('stops at the first table after the daily one (monthly and annual tables are not read)', () => {
    const after = [
      ' Monthly Factors',
      ',Mkt-RF,SMB,HML,RF',
      '202501,    2.80,   -0.50,    1.60,    0.37',
      '',
      ' Annual Factors: January-December ',
      ',Mkt-RF,SMB,HML,RF',
      '2024,   20.00,   -8.00,   -4.00,    5.00',
      '',
      'Copyright 2026 Eugene F. Fama and Kenneth R. French',
    ]
    const f = parseFactorFile(french(ROWS, after), 'F-F_Research_Data_Factors_daily.csv')
    expect(f.dates).toEqual(['2025-01-24', '2025-01-27'])
    expect(f.ignoredFrom).toBe(8)
  })

  it('LF and CRLF read alike; .CSV and .csv name the same set', () => {
    const a = parseFactorFile(french(ROWS, undefined, '\n'), 'x/F-F_Research_Data_Factors_daily.csv')
    const b = parseFactorFile(french(ROWS), 'F-F_RESEARCH_DATA_FACTORS_DAILY.CSV')
    expect(b).toMatchObject({name: a.name, dates: a.dates, values: a.values})
  })

  it('-99.99 and -999 are missing values, not numbers', () => {
    const f = parseFactorFile(
      french(['20250124, -99.99, -0.15, 0.68, 0.02', '20250127, -1.49, -999, 2.50, 0.02']),
      'F-F_Research_Data_Factors_daily.csv',
    )
    expect(f.values).toEqual([
      [null, -0.15, 0.68, 0.02],
      [-1.49, null, 2.5, 0.02],
    ])
    expect(f.missing).toBe(2)
  })

  it('a bad line is rejected with its file and line number', () => {
    const file = 'F-F_Research_Data_Factors_daily.csv'
    expect(reason(() => parseFactorFile(french([ROWS[0], '20250127, -1.49, x, 2.50, 0.02']), file))).toBe(
      `${file}:6: column 3: "x" is not a number`,
    )
    expect(reason(() => parseFactorFile(french([ROWS[0], '20250127, -1.49, 2.50, 0.02']), file))).toMatch(
      /:6: 4 cells, expected 5/,
    )
    expect(reason(() => parseFactorFile(french([ROWS[0], '20250230, 1, 2, 3, 4']), file))).toMatch(
      /:6: "20250230" is not a daily date/,
    )
    expect(reason(() => parseFactorFile(french([ROWS[1], ROWS[0]]), file))).toMatch(/:6: date 2025-01-24 comes after/)
    expect(reason(() => parseFactorFile(french([ROWS[0], ROWS[0]]), file))).toMatch(/:6: date 2025-01-24 appears twice/)
    expect(reason(() => parseFactorFile(french([ROWS[0], '', ROWS[1]]), file))).toMatch(
      /:7: a daily row after the daily table ended at line 6/,
    )
    expect(reason(() => parseFactorFile('just text\n1,2\n', file))).toMatch(/:1: no header row/)
    expect(reason(() => parseFactorFile(french([]), file))).toMatch(/:5: no daily rows/)
  })

  it('the set comes from the file name or --set; an unknown name asks for --set', () => {
    expect(setFromFile('F-F_Research_Data_5_Factors_2x3_daily.csv')).toBe('ff5')
    expect(setFromFile('F-F_Momentum_Factor_daily.CSV')).toBe('mom')
    expect(setFromFile('mom-daily.csv')).toBe('mom')
    expect(setFromFile('mine.csv')).toBeNull()
    expect(reason(() => parseFactorFile(french(ROWS), 'mine.csv'))).toMatch(
      /mine\.csv: cannot tell the factor set.*--set/,
    )
    expect(parseFactorFile(french(ROWS), 'mine.csv', 'mine').name).toBe('mine')
    expect(reason(() => parseFactorFile(french(ROWS), 'mine.csv', 'Bad Name'))).toMatch(/--set "Bad Name"/)
  })

  it('keys and dates', () => {
    expect(['Mkt-RF', 'SMB', 'RF', 'Mom   ', 'mkt_rf'].map(columnKey)).toEqual(['mkt_rf', 'smb', 'rf', 'mom', 'mkt_rf'])
    expect([dailyDate('20250127'), dailyDate('2025-01-27'), dailyDate('202501'), dailyDate('20250230')]).toEqual([
      '2025-01-27',
      '2025-01-27',
      null,
      null,
    ])
  })

  it('a clean CSV: date header, ISO dates, no vintage', () => {
    const f = parseFactorFile('date,mom\n2025-01-27,-3.28\n2025-01-28,1.86\n', 'mom-daily.csv')
    expect(f).toMatchObject({
      name: 'mom',
      vintage: null,
      columns: [{key: 'mom', name: 'Mom'}],
      dates: ['2025-01-27', '2025-01-28'],
    })
  })
})

describe.skipIf(!HAVE)("the shared files (French's 202604 vintage)", () => {
  const read = (f: string) => readFileSync(path.join(FACTORS, f), 'utf8')
  const cases = [
    ['F-F_Research_Data_Factors_daily.csv', 'ff3-daily.csv', 'ff3', 26233, '1926-07-01'],
    ['F-F_Research_Data_5_Factors_2x3_daily.csv', 'ff5-daily.csv', 'ff5', 15813, '1963-07-01'],
    ['F-F_Momentum_Factor_daily.csv', 'mom-daily.csv', 'mom', 26132, '1926-11-03'],
  ] as const
  for (const [original, clean, set, rows, first] of cases) {
    it(`${set}: the original and the clean copy hold the same values`, () => {
      const a = parseFactorFile(read(path.join('original', original)), original)
      const b = parseFactorFile(read(clean), clean)
      expect(a).toMatchObject({name: set, vintage: '202604', missing: 0})
      expect(a.dates.length).toBe(rows)
      expect(a.dates[0]).toBe(first)
      expect(a.dates[rows - 1]).toBe('2026-04-30')
      expect(b.columns).toEqual(a.columns)
      expect(b.dates).toEqual(a.dates)
      expect(b.values).toEqual(a.values)
    })
  }
})
