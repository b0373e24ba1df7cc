import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {withListEvents} from '../../src/spec/list-events.js'
import {checkStudyFile} from '../../src/spec/load.js'
import {formatIssue, type StudyIssue} from '../../src/spec/issues.js'
import {checkStudyText} from '../../src/spec/parse.js'
import {tempDir} from '../helpers/cli.js'

/** A valid study with two events, index and shares; tests add a crossSection. */
const BASE = `name: mini
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0], [0, 4]]
events:
  - { id: e1, date: 2025-01-20 }
  - { id: e2, date: 2025-01-27 }
groups:
  chips: { symbols: [NVDA, AMD] }
  power: { symbols: [VST, CEG] }
`
const INDEX = `index: { base: { from: 2023-01-01, to: 2023-01-31 }, asOf: 2025-02-14 }
`
const SHARES = `shares: { NVDA: 1, AMD: 1, VST: 1, CEG: 1 }
`

function check(text: string) {
  return checkStudyText(text, 'x.yaml')
}

/** The one issue at `path`, which must exist. */
function at(list: StudyIssue[], p: string): StudyIssue {
  const hit = list.find((i) => i.path === p)
  if (!hit) throw new Error(`no issue at ${p}; got:\n${list.map(formatIssue).join('\n')}`)
  return hit
}

describe('crossSection: in a study file', () => {
  it('reads terms, defaults and the event', () => {
    const {spec, issues} = check(
      BASE +
        INDEX +
        SHARES +
        `crossSection:
  - { id: a, event: e2, window: [0, 0], on: [group, indexReturn, beta, sigma, marketValue, logMarketValue, { runup: [-60, -1] }] }
  - { id: b, event: e1, window: [0, 4], on: [beta], se: hc1, weights: scar }
`,
    )
    expect(issues).toEqual([])
    expect(spec!.crossSections).toEqual([
      {
        id: 'a',
        window: [0, 0],
        event: 'e2',
        on: [
          {kind: 'group'},
          {kind: 'builtin', name: 'indexReturn'},
          {kind: 'builtin', name: 'beta'},
          {kind: 'builtin', name: 'sigma'},
          {kind: 'builtin', name: 'marketValue'},
          {kind: 'builtin', name: 'logMarketValue'},
          {kind: 'runup', window: [-60, -1]},
        ],
        weights: 'none',
        se: 'hc3',
      },
      {id: 'b', window: [0, 4], event: 'e1', on: [{kind: 'builtin', name: 'beta'}], weights: 'scar', se: 'hc1'},
    ])
  })

  it('names the line and field of every problem', () => {
    const text =
      BASE +
      `crossSection:
  - { id: a, event: e9, window: [4, 0], on: [Beta, indexReturn, marketValue, { runup: [-5, 2] }] }
  - { id: a, window: [0, 2], on: [group, group], weights: scar }
`
    const {spec, issues} = check(text)
    expect(spec).toBeNull()
    expect(at(issues, 'crossSection[0].event').message).toMatch(/no event "e9" in this study; use one of e1, e2/)
    expect(at(issues, 'crossSection[0].window').message).toMatch(/ends before it starts/)
    expect(at(issues, 'crossSection[0].on[0]').message).toMatch(/unknown term "Beta"; did you mean beta\?/)
    expect(at(issues, 'crossSection[0].on[1]').message).toMatch(/indexReturn needs an index: section/)
    expect(issues.filter((i) => i.path === 'crossSection[0].on[2]').map((i) => i.message)).toEqual([
      expect.stringMatching(/needs an index/),
      expect.stringMatching(/needs shares/),
    ])
    expect(at(issues, 'crossSection[0].on[3]').message).toMatch(/must end before day 0/)
    expect(at(issues, 'crossSection[1].id').message).toMatch(/already used by crossSection\[0\]/)
    expect(at(issues, 'crossSection[1]').message).toMatch(/the study has 2 events; name one with event:/)
    expect(at(issues, 'crossSection[1].window').message).toMatch(/weights: scar needs Var\(CAR\) of a study window/)
    expect(at(issues, 'crossSection[1].on').message).toMatch(/group is named twice/)
    expect(at(issues, 'crossSection[0].event').line).toBe(12)
    expect(at(issues, 'crossSection[1].id').line).toBe(13)
  })

  it('refuses terms of the wrong shape through the schema', () => {
    const {issues} = check(BASE + `crossSection:\n  - { id: a, window: [0, 0], on: [], se: hc2 }\n`)
    expect(issues.some((i) => i.path.startsWith('crossSection[0].on'))).toBe(true)
    expect(issues.some((i) => i.path === 'crossSection[0].se')).toBe(true)
  })
})

describe('characteristics: {file}', () => {
  function studyIn(csv: string | null, terms: string): ReturnType<typeof checkStudyFile> {
    const dir = tempDir()
    if (csv !== null) writeFileSync(path.join(dir, 'chars.csv'), csv)
    const text = `${BASE}characteristics: { file: chars.csv }\ncrossSection:\n  - { id: a, event: e2, window: [0, 0], on: [${terms}] }\n`
    writeFileSync(path.join(dir, 'study.yaml'), text)
    return checkStudyFile(path.join(dir, 'study.yaml'))
  }

  it('reads the CSV beside the study and checks column terms against it', () => {
    const ok = studyIn('symbol,name,value\nnvda,exports,0.5\nAMD,exports,0.25\n', 'exports')
    expect(ok.issues).toEqual([])
    expect(ok.spec!.characteristics).toEqual([
      {symbol: 'NVDA', name: 'exports', value: 0.5},
      {symbol: 'AMD', name: 'exports', value: 0.25},
    ])
    const bad = studyIn('symbol,name,value\nNVDA,exports,0.5\n', 'export')
    expect(at(bad.issues, 'crossSection[0].on[0]').message).toMatch(
      /unknown term "export": not a built-in term and not a column of the characteristics CSV \(exports\)/,
    )
  })

  it('reports the CSV rows with their own lines, and a missing file at the field', () => {
    const bad = studyIn('symbol,name,value\nNVDA,beta,1\nNVDA,x,abc\nNVDA,x,1\nNVDA,x,2\n', 'x')
    expect(bad.issues.map((i) => [i.line, i.path, i.message.slice(0, 30)])).toEqual([
      [2, 'name', '"beta" is a term the tool comp'],
      [3, 'value', '"abc" is not a finite number; '],
      [5, 'name', 'x of NVDA is already given on '],
    ])
    const missing = studyIn(null, 'x')
    expect(at(missing.issues, 'characteristics.file').message).toMatch(/characteristics file .* not found/)
    const header = studyIn('ticker,name,value\n', 'x')
    expect(header.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/missing column "symbol"/))
  })

  it('leaves column terms to --characteristics when the study names no file', () => {
    const {spec, issues} = check(BASE + `crossSection:\n  - { id: a, event: e2, window: [0, 0], on: [exports] }\n`)
    expect(issues).toEqual([])
    expect(spec!.crossSections![0].on).toEqual([{kind: 'column', name: 'exports'}])
  })
})

describe('crossSection under --events', () => {
  it('keeps a regression of all events, and names one of an event the list lacks', () => {
    const text = `${BASE}crossSection:\n  - { id: a, event: all, window: [0, 0], on: [beta] }\n  - { id: b, event: e2, window: [0, 0], on: [beta] }\n`
    const {spec, issues} = check(text)
    expect(issues).toEqual([])
    const list = [{id: 'n1', date: '2025-02-26', label: null, symbol: 'NVDA', group: 'chips'}]
    expect(() => withListEvents(spec!, list, '--events x.csv')).toThrow(
      /crossSection\[1\]\.event: no event "e2" among the events from --events x\.csv; name one of them, or all/,
    )
    const one = {...spec!, crossSections: spec!.crossSections!.slice(0, 1)}
    expect(withListEvents(one, list, '--events x.csv').crossSections![0].event).toBe('all')
  })
})
