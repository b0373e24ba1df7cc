import {describe, expect, it} from 'vitest'
import {defaultMinObservations, isRealDate} from '../../src/spec/fields.js'
import {formatIssue, StudyValidationError, type StudyIssue} from '../../src/spec/issues.js'
import {parseStudy} from '../../src/spec/load.js'
import {checkStudyText} from '../../src/spec/parse.js'
import {normalizeSymbol} from '../../src/store/symbols.js'
import {InputError} from '../../src/errors.js'

/** A valid minimal study; tests change one thing at a time. */
const BASE = `name: mini
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0], [-1, 1]]
events:
  - { id: e1, date: 2025-01-27, label: "The sell-off" }
groups:
  chips: { label: Chips, symbols: [NVDA, AMD] }
`

function issues(text: string): StudyIssue[] {
  return checkStudyText(text, 'x.yaml').issues
}

/** The one issue at `path`, which must exist. */
function at(list: StudyIssue[], path: string): StudyIssue {
  const hit = list.find((i) => i.path === path)
  if (!hit) throw new Error(`no issue at ${path}; got:\n${list.map(formatIssue).join('\n')}`)
  return hit
}

describe('normalizers', () => {
  it('accepts real dates only', () => {
    expect(isRealDate('2024-02-29')).toBe(true)
    expect(isRealDate('2025-02-29')).toBe(false)
    expect(isRealDate('2025-02-30')).toBe(false)
    expect(isRealDate('2025-13-01')).toBe(false)
    expect(isRealDate('2025-1-5')).toBe(false)
  })
  it('upper-cases symbols and strips the index caret', () => {
    expect(normalizeSymbol('^gspc')).toBe('GSPC')
    expect(normalizeSymbol(' brk-b ')).toBe('BRK-B')
  })
  it('defaults minObservations to 100, or half a short offset window', () => {
    expect(defaultMinObservations(-260, -11)).toBe(100)
    expect(defaultMinObservations(-199, 0)).toBe(100)
    expect(defaultMinObservations(-60, -11)).toBe(25) // 50 days
    expect(defaultMinObservations(-10, -2)).toBe(4) // 9 days
    expect(defaultMinObservations('2019-04-01', '2019-05-01')).toBe(100)
  })
})

describe('a valid study', () => {
  it('fills the defaults', () => {
    const spec = parseStudy(BASE, 'mini.yaml')
    expect(spec.name).toBe('mini')
    expect(spec.price).toBe('adjClose')
    expect(spec.returns).toBe('simple')
    expect(spec.model).toEqual({kind: 'market'})
    for (const model of ['scholes-williams', 'dimson'] as const) {
      expect(
        parseStudy(BASE.replace('benchmark: SPY', `benchmark: SPY\nmodel: ${model}`), 'mini.yaml').model.kind,
      ).toBe(model)
    }
    expect(spec.nonTradingDay).toBe('next')
    expect(spec.estimation).toEqual({from: -260, to: -11, minObservations: 100})
    expect(spec.index).toBeNull()
    expect(spec.volatilityWindow).toBeNull()
    expect(spec.shares).toEqual([])
    expect(spec.claims).toEqual([])
    expect(spec.questions).toEqual([])
    expect(spec.title).toBeNull()
    expect(spec.eventsKind).toBe('common')
    expect(spec.events).toEqual([{id: 'e1', date: '2025-01-27', label: 'The sell-off', symbol: null, group: null}])
    expect(spec.groups).toEqual([{id: 'chips', label: 'Chips', symbols: ['NVDA', 'AMD']}])
    expect(spec.file).toMatch(/mini\.yaml$/)
  })

  it('defaults minObservations to half of a short offset estimation window', () => {
    const spec = parseStudy(BASE.replace('{ from: -260, to: -11 }', '{ from: -70, to: -11 }'), 'x.yaml')
    expect(spec.estimation.minObservations).toBe(30)
  })

  it('keeps ISO-date estimation and windows as dates, offsets as numbers', () => {
    const text = BASE.replace('{ from: -260, to: -11 }', '{ from: 2024-01-02, to: 2025-01-17 }').replace(
      '[[0, 0], [-1, 1]]',
      '[[2025-01-27, 2025-01-31], [0, 4]]',
    )
    const spec = parseStudy(text, 'x.yaml')
    expect(spec.estimation).toEqual({from: '2024-01-02', to: '2025-01-17', minObservations: 100})
    expect(spec.windows).toEqual([
      ['2025-01-27', '2025-01-31'],
      [0, 4],
    ])
  })

  it('turns YAML 1.1 timestamps (Dates) back into ISO days', () => {
    // (ids like e1 would read as floats under YAML 1.1, so this one is spelt out)
    const spec = parseStudy('%YAML 1.1\n---\n' + BASE.replace('id: e1', 'id: sell-off'), 'x.yaml')
    expect(spec.events[0].date).toBe('2025-01-27')
  })

  it('parses every feature of the DeepSeek study file format', () => {
    const text = `name: deepseek-r1
title: "The DeepSeek moment"
description: "What the R1 release did to AI stocks"
questions: ["How big was the fall?", "Did it last?"]
benchmark: SPY
price: adjClose
returns: simple
model: market
nonTradingDay: next
estimation: { from: -260, to: -11, minObservations: 120 }
windows: [[0, 0], [-1, 1], [0, 4], [0, 14]]
events:
  - { id: r1-release, date: 2025-01-20, label: "DeepSeek R1 released (US market closed)" }
  - { id: r1-selloff, date: 2025-01-27, label: "The sell-off" }
groups:
  nvidia: { label: "NVIDIA", symbols: [NVDA] }
  ai-chips: { label: "AI chips", symbols: [AVGO, AMD, TSM, ASML, MU, MRVL, SMCI, ARM] }
  both: { symbols: [NVDA, AMD] }
index:
  base: { from: 2023-01-01, to: 2023-01-31 }
  asOf: 2025-02-14
volatility: { window: [1, 14] }
sharesSource: "company filings"
shares:
  NVDA: { shares: 24490000000, source: "10-Q for the quarter ended 2024-10-27" }
  AMD: 1620000000
claims:
  - id: nvda-fell-17
    text: "NVIDIA fell about 17% on 2025-01-27"
    metric: return
    subject: nvda
    event: r1-selloff
    window: [0, 0]
    expected: -0.17
    tolerance: 0.01
  - { id: chips-caar, text: "chips fell", metric: caar, subject: ai-chips, event: r1-selloff, window: [0, 4], expected: -0.1, tolerance: 0.05 }
  - { id: chips-level, text: "chips tripled", metric: indexLevel, subject: ai-chips, expected: 300, tolerance: 50 }
`
    const spec = parseStudy(text, 'deepseek-r1.yaml')
    expect(spec.title).toBe('The DeepSeek moment')
    expect(spec.questions).toHaveLength(2)
    expect(spec.estimation.minObservations).toBe(120)
    expect(spec.windows).toHaveLength(4)
    expect(spec.events.map((e) => e.id)).toEqual(['r1-release', 'r1-selloff'])
    expect(spec.groups.map((g) => g.id)).toEqual(['nvidia', 'ai-chips', 'both'])
    expect(spec.index).toEqual({base: {from: '2023-01-01', to: '2023-01-31'}, asOf: '2025-02-14', weighting: 'equal'})
    expect(spec.volatilityWindow).toEqual([1, 14])
    expect(spec.shares).toEqual([
      {symbol: 'NVDA', shares: 24490000000, source: '10-Q for the quarter ended 2024-10-27'},
      {symbol: 'AMD', shares: 1620000000, source: 'company filings'},
    ])
    expect(spec.claims[0]).toEqual({
      id: 'nvda-fell-17',
      text: 'NVIDIA fell about 17% on 2025-01-27',
      metric: 'return',
      subject: 'NVDA',
      event: 'r1-selloff',
      window: [0, 0],
      expected: -0.17,
      tolerance: 0.01,
    })
    expect(spec.claims[1].subject).toBe('ai-chips')
    expect(spec.claims[2]).toMatchObject({metric: 'indexLevel', event: null, window: [0, 0]})
  })

  it('reads the same study written as JSON, with lines for its errors', () => {
    const json = JSON.stringify(
      {
        name: 'json-study',
        benchmark: '^GSPC',
        returns: 'log',
        estimation: {from: '2019-04-01', to: '2020-03-13'},
        windows: [['2020-03-16', '2020-03-20']],
        events: [{id: 'crash', date: '2020-03-16'}],
        groups: {g: {symbols: ['amzn']}},
      },
      null,
      2,
    )
    const spec = parseStudy(json, 'study.json')
    expect(spec.benchmark).toBe('GSPC')
    expect(spec.returns).toBe('log')
    expect(spec.groups[0].symbols).toEqual(['AMZN'])
    const bad = json.replace('"log"', '"logarithmic"')
    const list = checkStudyText(bad, 'study.json').issues
    const lineOfReturns = bad.split('\n').findIndex((l) => l.includes('"returns"')) + 1
    expect(at(list, 'returns').line).toBe(lineOfReturns)
    expect(at(list, 'returns').message).toMatch(/simple \| log/)
  })
})

describe('validation errors name the line, the field and the fix', () => {
  it('a YAML alias bomb is refused with a line, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat('bcdefghi'.split('').map((c, k) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[k]}`).join(', ')}]`))
      .join('\n')
    const r = checkStudyText(bomb, 'bomb.yaml')
    expect(r.spec).toBeNull()
    expect(r.issues.map(formatIssue)).toEqual([expect.stringMatching(/^bomb\.yaml:1: YAML aliases expand too far/)])
    expect(() => new StudyValidationError(r.issues)).not.toThrow()
  })

  it('unknown keys, with a did-you-mean', () => {
    const list = issues(BASE.replace('benchmark: SPY', 'benchmark: SPY\nmodle: market'))
    const i = at(list, 'modle')
    expect(i.line).toBe(3)
    expect(i.message).toMatch(/unknown field "modle"; did you mean "model"/)
    const nested = at(issues(BASE.replace('label: "The sell-off"', 'lable: x')), 'events[0].lable')
    expect(nested.line).toBe(6)
  })

  it('missing required fields', () => {
    const list = issues(BASE.replace('benchmark: SPY\n', ''))
    expect(at(list, 'benchmark').message).toMatch(/missing required field "benchmark"/)
    expect(at(list, 'benchmark').line).toBe(1)
    const noGroups = issues(BASE.slice(0, BASE.indexOf('groups:')))
    expect(at(noGroups, '').message).toMatch(/groups/)
  })

  it('wrong types and enum values', () => {
    const list = issues(
      BASE.replace(
        'estimation: { from: -260, to: -11 }',
        'estimation: { from: -260, to: -11, minObservations: many }',
      ).replace('benchmark: SPY', 'benchmark: SPY\nmodel: capm'),
    )
    expect(at(list, 'estimation.minObservations')).toMatchObject({line: 4})
    expect(at(list, 'estimation.minObservations').message).toMatch(/must be an integer/)
    expect(at(list, 'model').message).toMatch(/market \| market-adjusted \| mean-adjusted/)
    const shares = issues(BASE + 'shares:\n  NVDA: "24 billion"\n')
    expect(at(shares, 'shares.NVDA')).toMatchObject({line: 10})
  })

  it('bad symbols and names, with the list index in the path', () => {
    const list = issues(BASE.replace('[NVDA, AMD]', '[NVDA, AMD, "bad sym"]').replace('name: mini', 'name: Mini_Study'))
    expect(at(list, 'groups.chips.symbols[2]')).toMatchObject({line: 8})
    expect(at(list, 'groups.chips.symbols[2]').message).toMatch(/ticker symbol/)
    expect(at(list, 'name')).toMatchObject({line: 1})
  })

  it('bad and impossible dates', () => {
    const list = issues(BASE.replace('date: 2025-01-27', 'date: 2025-02-30'))
    expect(at(list, 'events[0].date')).toMatchObject({line: 6})
    expect(at(list, 'events[0].date').message).toMatch(/not a real date/)
    const shape = issues(BASE.replace('date: 2025-01-27', 'date: 27/01/2025'))
    expect(at(shape, 'events[0].date').message).toMatch(/YYYY-MM-DD/)
  })

  it('windows with t1 > t2, mixed bounds and wrong length', () => {
    const list = issues(BASE.replace('[[0, 0], [-1, 1]]', '[[0, 0],\n  [1, -1],\n  [0, 2025-01-31]]'))
    expect(at(list, 'windows[1]')).toMatchObject({line: 5})
    expect(at(list, 'windows[1]').message).toMatch(/write it as \[-1, 1\]/)
    expect(at(list, 'windows[2]')).toMatchObject({line: 6})
    expect(at(list, 'windows[2]').message).toMatch(/both bounds/)
    const short = issues(BASE.replace('[[0, 0], [-1, 1]]', '[[0]]'))
    expect(at(short, 'windows[0]').message).toMatch(/at least 2 items/)
  })

  it('an estimation window overlapping an event window', () => {
    const list = issues(BASE.replace('{ from: -260, to: -11 }', '{ from: -260, to: 0 }'))
    expect(at(list, 'windows[0]').message).toMatch(/overlaps the estimation window/)
    expect(at(list, 'windows[1]').line).toBe(4)
    const dated = issues(BASE.replace('{ from: -260, to: -11 }', '{ from: 2024-01-02, to: 2025-02-28 }'))
    expect(at(dated, 'events[0].date').message).toMatch(/inside the estimation period/)
  })

  it('an estimation window that ends before it starts, or is too short for minObservations', () => {
    const list = issues(BASE.replace('{ from: -260, to: -11 }', '{ from: -11, to: -260 }'))
    expect(at(list, 'estimation.to').message).toMatch(/swap from and to/)
    const short = issues(BASE.replace('{ from: -260, to: -11 }', '{ from: -40, to: -11, minObservations: 100 }'))
    expect(at(short, 'estimation.minObservations').message).toMatch(/30-day window/)
  })

  it('duplicate group ids (YAML duplicate keys) with both lines', () => {
    const list = issues(BASE + '  chips: { symbols: [AVGO] }\n')
    const i = at(list, 'groups.chips')
    expect(i.line).toBe(9)
    expect(i.message).toMatch(/duplicate key "chips" \(already given on line 8\)/)
  })

  it('duplicate keys in JSON too', () => {
    const list = issues('{\n  "name": "a",\n  "name": "b"\n}')
    expect(at(list, 'name')).toMatchObject({line: 3})
  })

  it('duplicate event ids and symbols listed twice in a group', () => {
    const list = issues(
      BASE.replace(
        '  - { id: e1, date: 2025-01-27, label: "The sell-off" }',
        '  - { id: e1, date: 2025-01-27 }\n  - { id: e1, date: 2025-01-28 }',
      ).replace('[NVDA, AMD]', '[NVDA, amd, AMD]'),
    )
    expect(at(list, 'events[1].id')).toMatchObject({line: 7})
    expect(at(list, 'groups.chips.symbols[2]').message).toMatch(/AMD is listed twice/)
  })

  it('allows a symbol in two groups', () => {
    const spec = parseStudy(BASE + '  big: { symbols: [NVDA] }\n', 'x.yaml')
    expect(spec.groups.map((g) => g.symbols)).toEqual([['NVDA', 'AMD'], ['NVDA']])
  })

  it('negative, zero and non-finite shares', () => {
    const list = issues(BASE + 'shares:\n  NVDA: -5\n  AMD: { shares: 0 }\n')
    expect(at(list, 'shares.NVDA')).toMatchObject({line: 10})
    expect(at(list, 'shares.NVDA').message).toMatch(/positive finite number, not -5/)
    expect(at(list, 'shares.AMD.shares')).toMatchObject({line: 11})
    const inf = issues(BASE + 'shares:\n  NVDA: .inf\n')
    expect(at(inf, 'shares.NVDA').message).toMatch(/Infinity/)
  })

  it('shares for a symbol in no group', () => {
    const list = issues(BASE + 'shares:\n  NVDIA: 100\n')
    expect(at(list, 'shares.NVDIA')).toMatchObject({line: 10})
  })

  it('value weighting without shares for every symbol', () => {
    const list = issues(
      BASE +
        'index: { base: { from: 2023-01-01, to: 2023-01-31 }, asOf: 2025-02-14, weighting: value }\nshares:\n  NVDA: 100\n',
    )
    expect(at(list, 'index.weighting').message).toMatch(/add shares for AMD/)
    expect(at(list, 'index.weighting').line).toBe(9)
  })

  it('index dates out of order', () => {
    const list = issues(BASE + 'index:\n  base: { from: 2023-01-31, to: 2023-01-01 }\n  asOf: 2022-01-01\n')
    expect(at(list, 'index.base.to')).toMatchObject({line: 10})
    expect(at(list, 'index.asOf')).toMatchObject({line: 11})
  })

  it('index.asOf before or inside the base period', () => {
    const index = (asOf: string): string =>
      BASE + `index:\n  base: { from: 2023-01-01, to: 2023-01-31 }\n  asOf: ${asOf}\n`
    expect(at(issues(index('2022-12-30')), 'index.asOf').message).toBe(
      'asOf (2022-12-30) is before the base period (2023-01-01..2023-01-31); pick a date after 2023-01-31',
    )
    expect(at(issues(index('2023-01-15')), 'index.asOf')).toMatchObject({
      line: 11,
      message: expect.stringMatching(/is inside the base period .*pick a date after 2023-01-31/),
    })
    expect(at(issues(index('2023-01-31')), 'index.asOf').message).toMatch(/inside the base period/)
    expect(issues(index('2023-02-01'))).toEqual([])
  })

  it('history: first usable dates per security, symbol and date checked', () => {
    const spec = parseStudy(
      BASE + 'history:\n  nvda: { from: 2024-04-02, note: "when-issued rows before" }\n  AMD: { from: 2022-02-02 }\n',
      'mini.yaml',
    )
    expect(spec.history).toEqual([
      {symbol: 'NVDA', from: '2024-04-02', note: 'when-issued rows before'},
      {symbol: 'AMD', from: '2022-02-02', note: null},
    ])
    expect(parseStudy(BASE, 'mini.yaml').history).toEqual([])
    const list = issues(
      BASE +
        'history:\n  NVDIA: { from: 2024-04-02 }\n  SPY: { from: 2024-04-02 }\n  AMD: { from: 2024-02-30 }\n  nvda: { from: 2024-04-02 }\n  NVDA: { from: 2024-04-03 }\n',
    )
    expect(at(list, 'history.NVDIA')).toMatchObject({
      line: 10,
      message: 'NVDIA is in no group of this study; check the spelling, or remove it',
    })
    expect(at(list, 'history.SPY').message).toMatch(/is the benchmark: its dates are the study's calendar/)
    expect(at(list, 'history.AMD.from')).toMatchObject({
      line: 12,
      message: expect.stringMatching(/2024-02-30 is not a real date/),
    })
    expect(at(list, 'history.NVDA').message).toMatch(/NVDA is given twice/)
    const shape = issues(BASE + 'history:\n  NVDA: { note: x }\n  AMD: { from: 2024-04-02, till: 2025-01-01 }\n')
    expect(at(shape, 'history.NVDA.from').message).toMatch(/missing required field "from"/)
    expect(at(shape, 'history.AMD.till').message).toMatch(/unknown field "till"/)
  })

  it('sharesSource is the source of bare counts and of {shares} entries without a source', () => {
    const spec = parseStudy(
      BASE + 'sharesSource: "10-K cover pages"\nshares:\n  NVDA: { shares: 10 }\n  AMD: 20\n',
      'mini.yaml',
    )
    expect(spec.shares).toEqual([
      {symbol: 'NVDA', shares: 10, source: '10-K cover pages'},
      {symbol: 'AMD', shares: 20, source: '10-K cover pages'},
    ])
    expect(parseStudy(BASE + 'shares:\n  NVDA: { shares: 10 }\n', 'mini.yaml').shares[0].source).toBe('study file')
  })

  it('claims naming unknown events or subjects, and claim shape rules', () => {
    const claims = `claims:
  - { id: c1, text: t, metric: return, subject: NVDA, event: nope, expected: 1, tolerance: 0.1 }
  - { id: c2, text: t, metric: car, subject: INTC, event: e1, expected: 1, tolerance: 0.1 }
  - { id: c3, text: t, metric: caar, subject: NVDA, event: e1, expected: 1, tolerance: 0.1 }
  - { id: c4, text: t, metric: ar, subject: NVDA, event: e1, window: [0, 2], expected: 1, tolerance: 0.1 }
  - { id: c5, text: t, metric: sinceBase, subject: chips, expected: 1, tolerance: 0.1 }
  - { id: c5, text: t, metric: car, subject: chips, expected: 1, tolerance: 0.1 }
`
    const list = issues(BASE + claims)
    expect(at(list, 'claims[0].event')).toMatchObject({line: 10})
    expect(at(list, 'claims[0].event').message).toMatch(/unknown event "nope"; use one of e1/)
    expect(at(list, 'claims[1].subject')).toMatchObject({line: 11})
    expect(at(list, 'claims[2].subject').message).toMatch(/caar needs a group/)
    expect(at(list, 'claims[3].window').message).toMatch(/one-day window/)
    expect(at(list, 'claims[4].metric').message).toMatch(/needs an index/)
    expect(at(list, 'claims[5].id').message).toMatch(/used twice/)
    expect(at(list, 'claims[5].event').message).toMatch(/needs an event/)
  })

  it('bootstrap: draws and seed, sign-flip by default; bad values name the field', () => {
    expect(parseStudy(BASE + 'bootstrap: {draws: 9999, seed: 1}\n', 'mini.yaml').bootstrap).toEqual({
      draws: 9999,
      seed: 1,
      scheme: 'sign-flip',
    })
    const est = parseStudy(BASE + 'bootstrap: {draws: 99, seed: 2, scheme: estimation-window}\n', 'mini.yaml')
    expect(est.bootstrap?.scheme).toBe('estimation-window')
    expect(parseStudy(BASE, 'mini.yaml').bootstrap).toBeNull()
    const list = issues(BASE + 'bootstrap: {draws: 0, seed: 1, scheme: jackknife}\n')
    expect(list.map((x) => x.path)).toEqual(expect.arrayContaining(['bootstrap.draws', 'bootstrap.scheme']))
  })

  it('volatility claims: the share needs a group, the window is the volatility window', () => {
    const claims = `volatility: { window: [1, 14] }
claims:
  - { id: v1, text: t, metric: volatilityRiseShare, subject: NVDA, event: e1, expected: 1, tolerance: 0.1 }
  - { id: v2, text: t, metric: volatilityRatio, subject: NVDA, event: e1, window: [1, 5], expected: 1, tolerance: 0.1 }
  - { id: v3, text: t, metric: volatilityRatio, subject: chips, event: e1, window: [1, 14], expected: 1, tolerance: 1 }
  - { id: v4, text: t, metric: volatilityRiseShare, subject: chips, event: e1, expected: 1, tolerance: 0.5 }
`
    const list = issues(BASE + claims)
    expect(at(list, 'claims[0].subject').message).toMatch(/volatilityRiseShare is a share of a group's members/)
    expect(at(list, 'claims[1].window').message).toMatch(/volatility window \[1, 14\]/)
    expect(list.filter((x) => /claims\[[23]\]/.test(x.path))).toEqual([])
  })

  it('collects all errors (in line order) and throws them together as an InputError', () => {
    const text = BASE.replace('date: 2025-01-27', 'date: 2025-02-30').replace('[[0, 0], [-1, 1]]', '[[1, 0]]')
    let caught: unknown
    try {
      parseStudy(text, 'x.yaml')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StudyValidationError)
    expect(caught).toBeInstanceOf(InputError)
    const e = caught as StudyValidationError
    expect(e.issues.map((i) => i.path)).toEqual(['windows[0]', 'events[0].date'])
    expect(e.exitCode).toBe(2)
    expect(e.message.split('\n')).toEqual([
      'invalid study (2 problems):',
      'x.yaml:4: windows[0]: window [1, 0] ends before it starts; write it as [0, 1]',
      'x.yaml:6: events[0].date: 2025-02-30 is not a real date; write a calendar date YYYY-MM-DD',
    ])
  })

  it('reports broken YAML with its line', () => {
    const list = issues('name: x\nbenchmark: [SPY\nmodel: market\n')
    expect(list.length).toBeGreaterThan(0)
    expect(list[0].message).toMatch(/not valid YAML/)
    expect(list[0].line).not.toBeNull()
  })

  it('rejects a document that is not a mapping', () => {
    expect(at(issues('- a\n- b\n'), '').message).toMatch(/must be a mapping/)
  })
})
