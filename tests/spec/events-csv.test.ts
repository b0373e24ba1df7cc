import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseEventsCsv, readEventsCsv} from '../../src/spec/events-csv.js'
import {StudyValidationError} from '../../src/spec/issues.js'
import {withListEvents} from '../../src/spec/list-events.js'
import {checkStudyFile, loadStudy} from '../../src/spec/load.js'
import {tempDir} from '../helpers/cli.js'

describe('parseEventsCsv', () => {
  it('reads symbol,date with any header case, default ids, optional id/group/label and extra columns', () => {
    const csv = '\uFEFFSymbol,Date,EPS\r\nnvda,2024-11-20,0.81\r\n^gspc,2024-11-21,\r\n\r\n'
    expect(parseEventsCsv(csv, 'earnings.csv')).toEqual([
      {id: 'NVDA-2024-11-20', date: '2024-11-20', label: null, symbol: 'NVDA', group: null},
      {id: 'GSPC-2024-11-21', date: '2024-11-21', label: null, symbol: 'GSPC', group: null},
    ])
    const full = 'group,id,date,symbol,label\nchips,nv-q3,2024-11-20,NVDA,"Q3, fiscal ""2025"""\n'
    expect(parseEventsCsv(full, 'x.csv')).toEqual([
      {id: 'nv-q3', date: '2024-11-20', label: 'Q3, fiscal "2025"', symbol: 'NVDA', group: 'chips'},
    ])
  })

  it('names the source, line and column of every bad row', () => {
    const csv = 'symbol,date\nNVDA,2024-11-20\nAMD,2024-02-30\n,2024-01-05\nMSFT,20/01/2024\nNVDA,2024-11-20\n'
    const {events, issues} = readEventsCsv(csv, 'earnings.csv')
    expect(events).toHaveLength(1)
    expect(issues).toEqual([
      {file: 'earnings.csv', line: 3, path: 'date', message: expect.stringMatching(/"2024-02-30" is not a real date/)},
      {file: 'earnings.csv', line: 4, path: 'symbol', message: expect.stringMatching(/symbol is empty/)},
      {file: 'earnings.csv', line: 5, path: 'date', message: expect.stringMatching(/YYYY-MM-DD/)},
      {file: 'earnings.csv', line: 6, path: 'id', message: expect.stringMatching(/"NVDA-2024-11-20" repeats line 2/)},
    ])
    expect(() => parseEventsCsv(csv, 'earnings.csv')).toThrow(StudyValidationError)
    expect(() => parseEventsCsv(csv, 'earnings.csv')).toThrow(/earnings\.csv:3: date:/)
  })

  it('requires the symbol and date columns', () => {
    const {issues} = readEventsCsv('ticker,date\nNVDA,2024-11-20\n', '<stdin>')
    expect(issues).toEqual([
      {
        file: '<stdin>',
        line: 1,
        path: 'symbol',
        message: expect.stringMatching(/missing column "symbol".*found: ticker,date/),
      },
    ])
    expect(readEventsCsv('symbol\nNVDA\n', 'x.csv').issues[0]).toMatchObject({line: 1, path: 'date'})
  })

  it('rejects an empty file and a header without rows', () => {
    expect(readEventsCsv('', 'x.csv').issues[0].message).toMatch(
      /empty; write a header symbol,date\[,id\]\[,group\]\[,label\]/,
    )
    expect(readEventsCsv('symbol,date\n', 'x.csv').issues[0].message).toMatch(/no rows/)
    expect(readEventsCsv('date\n2024-01-02\n', 'x.csv').issues[0].message).toMatch(
      /symbol,date\[,id\]\[,group\]\[,label\]/,
    )
  })

  it('holds its own ids to the event id rule, and keeps "all" for the pooled results', () => {
    const {events, issues} = readEventsCsv(
      'symbol,date,id\nNVDA,2024-11-20,nv q3!\nAMD,2024-10-29,-amd\nMSFT,2024-10-30,ALL\nORCL,2024-12-09,orcl_q2.v1\n',
      'x.csv',
    )
    expect(issues).toEqual([
      {
        file: 'x.csv',
        line: 2,
        path: 'id',
        message: expect.stringMatching(/"nv q3!" is not an event id; use letters, digits/),
      },
      {file: 'x.csv', line: 3, path: 'id', message: expect.stringMatching(/"-amd" is not an event id/)},
      {file: 'x.csv', line: 4, path: 'id', message: expect.stringMatching(/"ALL" is reserved for the pooled results/)},
    ])
    expect(events.map((e) => e.id)).toEqual(['orcl_q2.v1'])
  })
})

function studyWithEventsFile(dir: string, csv: string, extra = ''): string {
  mkdirSync(path.join(dir, 'data'), {recursive: true})
  writeFileSync(path.join(dir, 'data', 'events.csv'), csv)
  const file = path.join(dir, 'earnings.yaml')
  writeFileSync(
    file,
    `name: earnings
benchmark: SPY
estimation: { from: -120, to: -11 }
windows: [[-1, 1]]
events: { file: data/events.csv }
groups:
  chips: { symbols: [NVDA, AMD] }
  cloud: { symbols: [MSFT, AMD] }
${extra}`,
  )
  return file
}

describe('events: {file} in a study', () => {
  it("reads the CSV relative to the study file and resolves each event's group", () => {
    const dir = tempDir()
    const file = studyWithEventsFile(
      dir,
      'symbol,date,group\nNVDA,2024-11-20,\nAMD,2024-10-29,\nMSFT,2024-10-30,\nORCL,2024-12-09,\nTSLA,2024-10-23,autos\n',
    )
    const spec = loadStudy(file)
    expect(spec.eventsKind).toBe('list')
    expect(spec.events.map((e) => [e.symbol, e.group])).toEqual([
      ['NVDA', 'chips'],
      ['AMD', 'chips'], // first group listing it
      ['MSFT', 'cloud'],
      ['ORCL', 'all'], // in no group
      ['TSLA', 'autos'], // from the CSV
    ])
    expect(spec.groups.map((g) => [g.id, g.symbols])).toEqual([
      ['chips', ['NVDA', 'AMD']],
      ['cloud', ['MSFT', 'AMD']],
      ['all', ['ORCL']],
      ['autos', ['TSLA']],
    ])
  })

  it('lets claims name list events, the "all" event and list symbols', () => {
    const dir = tempDir()
    const csv = 'symbol,date,id\nNVDA,2024-11-20,nv-q3\nORCL,2024-12-09,\n'
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: NVDA, event: nv-q3, expected: 0, tolerance: 1 }\n  - { id: b, text: t, metric: caar, subject: all, event: all, expected: 0, tolerance: 1 }\n  - { id: c, text: t, metric: ar, subject: ORCL, event: ORCL-2024-12-09, expected: 0, tolerance: 1 }\n'
    const spec = loadStudy(studyWithEventsFile(dir, csv, claims))
    expect(spec.claims.map((c) => c.event)).toEqual(['nv-q3', 'all', 'ORCL-2024-12-09'])
  })

  it('reports bad CSV rows against the CSV, a missing file against the study', () => {
    const dir = tempDir()
    const file = studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-13-01\n')
    const res = checkStudyFile(file, {cwd: dir})
    expect(res.spec).toBeNull()
    expect(res.issues).toEqual([
      {file: path.join('data', 'events.csv'), line: 2, path: 'date', message: expect.stringMatching(/not a real date/)},
    ])
    writeFileSync(file, readFileSync(file, 'utf8').replace('data/events.csv', 'data/nope.csv'))
    const missing = checkStudyFile(file, {cwd: dir})
    expect(missing.issues).toEqual([
      {
        file: 'earnings.yaml',
        line: 5,
        path: 'events.file',
        message: expect.stringMatching(/nope\.csv not found; the path is relative to the study file/),
      },
    ])
  })

  it("refuses an events file outside the study file's folder unless allowOutside", () => {
    const dir = tempDir()
    const outside = path.join(tempDir(), 'passwd')
    writeFileSync(outside, 'root:x:0:0:root:/root:/bin/bash\n')
    const file = studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n')
    writeFileSync(file, readFileSync(file, 'utf8').replace('data/events.csv', outside))
    const res = checkStudyFile(file, {cwd: dir})
    expect(res.issues).toEqual([
      {
        file: 'earnings.yaml',
        line: 5,
        path: 'events.file',
        message: expect.stringMatching(/outside the study's folder.*--allow-outside/),
      },
    ])
    expect(JSON.stringify(res.issues)).not.toContain('root:x')
    writeFileSync(file, readFileSync(file, 'utf8').replace(outside, '../' + path.basename(dir) + '/data/events.csv'))
    expect(checkStudyFile(file, {cwd: dir}).issues).toEqual([])
    writeFileSync(file, readFileSync(file, 'utf8').replace('../' + path.basename(dir) + '/data/events.csv', outside))
    const allowed = checkStudyFile(file, {cwd: dir, allowOutside: true})
    expect(allowed.issues[0]?.message).toMatch(/missing column "symbol"/)
  })

  it('rejects dated windows with list events', () => {
    const dir = tempDir()
    const file = studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n')
    writeFileSync(file, readFileSync(file, 'utf8').replace('[[-1, 1]]', '[[2024-11-19, 2024-11-21]]'))
    const res = checkStudyFile(file, {cwd: dir})
    expect(res.issues[0]).toMatchObject({path: 'windows[0]', line: 4})
    expect(res.issues[0].message).toMatch(/trading-day offsets/)
  })
})

describe('list-event checks in a study file', () => {
  it('claims can name every id the CSV produces, default ids of symbols with "=" too', () => {
    const dir = tempDir()
    const csv = 'symbol,date,id\nEURUSD=X,2024-11-20,\nNVDA,2024-11-21,nv_q3.v2\n'
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: EURUSD=X, event: EURUSD=X-2024-11-20, expected: 0, tolerance: 1 }\n  - { id: b, text: t, metric: car, subject: NVDA, event: nv_q3.v2, expected: 0, tolerance: 1 }\n'
    const spec = loadStudy(studyWithEventsFile(dir, csv, claims))
    expect(spec.events.map((e) => e.id)).toEqual(['EURUSD=X-2024-11-20', 'nv_q3.v2'])
    expect(spec.claims.map((c) => [c.subject, c.event])).toEqual([
      ['EURUSD=X', 'EURUSD=X-2024-11-20'],
      ['NVDA', 'nv_q3.v2'],
    ])
  })

  it('rejects a dated estimation window, asking for offsets', () => {
    const dir = tempDir()
    const file = studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{ from: -120, to: -11 }', '{ from: 2024-01-02, to: 2024-10-31 }'),
    )
    const res = checkStudyFile(file, {cwd: dir})
    expect(res.issues).toEqual([
      {
        file: 'earnings.yaml',
        line: 3,
        path: 'estimation',
        message: expect.stringMatching(
          /write the estimation window as trading-day offsets, e.g. \{from: -260, to: -11\}/,
        ),
      },
    ])
  })

  it('rejects shares for a symbol in no group and with no event (a misspelt key)', () => {
    const dir = tempDir()
    const file = studyWithEventsFile(
      dir,
      'symbol,date\nNVDA,2024-11-20\nORCL,2024-12-09\n',
      'shares:\n  NVDA: 10\n  ORCL: 20\n  AMD: 30\n  NVDIA: 40\n',
    )
    const res = checkStudyFile(file, {cwd: dir})
    expect(res.issues).toEqual([
      {
        file: 'earnings.yaml',
        line: 13,
        path: 'shares.NVDIA',
        message: 'NVDIA is in no group and has no event in the events file; check the spelling, or remove it',
      },
    ])
  })

  it('rejects event "all" on a security subject (only group results carry it)', () => {
    const dir = tempDir()
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: NVDA, event: all, expected: 0, tolerance: 1 }\n  - { id: b, text: t, metric: car, subject: chips, event: all, expected: 0, tolerance: 1 }\n'
    const res = checkStudyFile(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n', claims), {cwd: dir})
    expect(res.issues).toEqual([
      {
        file: 'earnings.yaml',
        line: 10,
        path: 'claims[0].event',
        message: expect.stringMatching(
          /NVDA is a security, whose results carry their own event ids: name one of NVDA's events \(NVDA-2024-11-20\), or make a group the subject/,
        ),
      },
    ])
  })

  it("lists the study file's own issues before the CSV's, even when a CSV issue is found first", () => {
    const dir = tempDir()
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: NOPE, event: all, expected: 0, tolerance: 1 }\n'
    const res = checkStudyFile(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-13-01\n', claims), {cwd: dir})
    expect(res.issues.map((i) => [i.file, i.path])).toEqual([
      ['earnings.yaml', 'claims[0].subject'],
      [path.join('data', 'events.csv'), 'date'],
    ])
  })
})

describe('withListEvents (study run --events -)', () => {
  it('swaps in list events and resolves their groups', () => {
    const dir = tempDir()
    const spec = loadStudy(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n'))
    const out = withListEvents(spec, parseEventsCsv('symbol,date\nMSFT,2025-01-29\n', '<stdin>'), '<stdin>')
    expect(out.events).toEqual([
      {id: 'MSFT-2025-01-29', date: '2025-01-29', label: null, symbol: 'MSFT', group: 'cloud'},
    ])
    expect(spec.events[0].symbol).toBe('NVDA') // the original is untouched
  })

  it('fails when claims name events the new list lacks', () => {
    const dir = tempDir()
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: NVDA, event: NVDA-2024-11-20, expected: 0, tolerance: 1 }\n'
    const spec = loadStudy(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n', claims))
    expect(() => withListEvents(spec, parseEventsCsv('symbol,date\nNVDA,2025-02-26\n', '<stdin>'), '<stdin>')).toThrow(
      /claims\[0\]\.event: unknown event "NVDA-2024-11-20"/,
    )
  })

  it('fails on a dated estimation or dated windows, naming the source and the field', () => {
    const dir = tempDir()
    const spec = loadStudy(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n'))
    const dated = {
      ...spec,
      estimation: {from: '2024-01-02', to: '2024-10-31', minObservations: 100},
      windows: [['2024-11-19', '2024-11-21']] as Array<[string, string]>,
    }
    let caught: unknown
    try {
      withListEvents(dated, parseEventsCsv('symbol,date\nNVDA,2024-11-20\n', 'stdin'), '--events - (stdin)')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StudyValidationError)
    const e = caught as StudyValidationError
    expect(e.issues.map((i) => i.path)).toEqual(['estimation', 'windows[0]'])
    expect(e.issues[0].message).toMatch(/events from a list \(--events - \(stdin\)\) .*trading-day offsets/)
    expect(e.issues[1].message).toMatch(
      /write windows as trading-day offsets, e.g. \[-1, 1\], or run without --events - \(stdin\)/,
    )
  })

  it('fails on event "all" with a security subject', () => {
    const dir = tempDir()
    const claims =
      'claims:\n  - { id: a, text: t, metric: car, subject: chips, event: all, expected: 0, tolerance: 1 }\n'
    const spec = loadStudy(studyWithEventsFile(dir, 'symbol,date\nNVDA,2024-11-20\n', claims))
    const onNvda = {...spec, claims: [{...spec.claims[0], subject: 'NVDA'}]}
    expect(() =>
      withListEvents(onNvda, parseEventsCsv('symbol,date\nNVDA,2025-02-26\n', 'x.csv'), '--events x.csv'),
    ).toThrow(/claims\[0\]\.event: event "all" is the pooled result of a group; NVDA is a security.*NVDA-2025-02-26/)
    expect(
      withListEvents(spec, parseEventsCsv('symbol,date\nNVDA,2025-02-26\n', 'x.csv'), '--events x.csv').claims[0].event,
    ).toBe('all')
  })
})
