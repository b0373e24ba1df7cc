import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUNDLED_STUDIES_DIR, listStudies, loadStudy, resolveStudyPath} from '../../src/spec/load.js'
import {InputError} from '../../src/errors.js'
import {COVID_DIR, haveSharedData, REPO} from '../helpers/shared.js'
import {tempDir} from '../helpers/cli.js'

const MINI = (name: string, title = 'Mini'): string => `name: ${name}
title: ${title}
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0]]
events: [{ id: e1, date: 2025-01-27 }, { id: e2, date: 2025-01-28 }]
groups:
  a: { symbols: [NVDA, AMD] }
  b: { symbols: [AMD, MSFT] }
`

describe('the covid-2020 study', () => {
  it('loads by name with the issue 3 settings', () => {
    const spec = loadStudy('covid-2020', {cwd: REPO})
    expect(spec).toMatchObject({
      name: 'covid-2020',
      benchmark: 'GSPC',
      price: 'close',
      returns: 'log',
      model: {kind: 'market'},
      nonTradingDay: 'next',
      estimation: {from: '2019-04-01', to: '2020-03-13', minObservations: 100},
      windows: [['2020-03-16', '2020-03-20']],
      eventsKind: 'common',
      events: [{id: 'crash', date: '2020-03-16', label: 'COVID-19 crash week', symbol: null, group: null}],
      groups: [
        {
          id: 'stay-at-home',
          label: 'Stay-at-home stocks',
          symbols: ['AMZN', 'ZM', 'UBER', 'NFLX', 'SHOP', 'FB', 'UPWK'],
        },
      ],
    })
    expect(spec.file).toBe(path.join(REPO, 'studies', 'covid-2020.yaml'))
  })
})

describe('resolveStudyPath', () => {
  it('takes a path first, then NAME.yaml|.yml|.json in ./studies, then the bundled studies', () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'studies'))
    writeFileSync(path.join(dir, 'studies', 'mine.yml'), MINI('mine'))
    writeFileSync(path.join(dir, 'studies', 'other.json'), '{}')
    writeFileSync(path.join(dir, 'loose.yaml'), MINI('loose'))
    expect(resolveStudyPath('mine', {cwd: dir})).toBe(path.join(dir, 'studies', 'mine.yml'))
    expect(resolveStudyPath('other', {cwd: dir})).toBe(path.join(dir, 'studies', 'other.json'))
    expect(resolveStudyPath('loose.yaml', {cwd: dir})).toBe(path.join(dir, 'loose.yaml'))
    expect(resolveStudyPath('mine.yml', {cwd: dir})).toBe(path.join(dir, 'studies', 'mine.yml'))
    // Not in ./studies: the package's own folder.
    expect(resolveStudyPath('covid-2020', {cwd: dir})).toBe(path.join(BUNDLED_STUDIES_DIR, 'covid-2020.yaml'))
    expect(BUNDLED_STUDIES_DIR).toBe(path.join(REPO, 'studies'))
    expect(resolveStudyPath('mine', {cwd: REPO, studiesDir: path.join(dir, 'studies')})).toBe(
      path.join(dir, 'studies', 'mine.yml'),
    )
  })

  it('says where it looked when a study is not found', () => {
    const dir = tempDir()
    expect(() => resolveStudyPath('nope', {cwd: dir})).toThrow(InputError)
    expect(() => resolveStudyPath('nope', {cwd: dir})).toThrow(
      /study "nope" not found.*nope\.yaml\|\.yml\|\.json.*aftershock study list/,
    )
    expect(() => resolveStudyPath('dir/nope.yaml', {cwd: dir})).toThrow(/no file .*dir\/nope\.yaml/)
  })

  it('names the file relative to the working folder in errors', () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'studies'))
    writeFileSync(path.join(dir, 'studies', 'bad.yaml'), MINI('bad').replace('date: 2025-01-27', 'date: 2025-01-32'))
    expect(() => loadStudy('bad', {cwd: dir})).toThrow(
      `studies${path.sep}bad.yaml:6: events[0].date: 2025-01-32 is not a real date`,
    )
  })
})

describe('listStudies', () => {
  it('summarizes each study file by name and lists invalid ones with their first error', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'b.yaml'), MINI('b-study', 'Second'))
    writeFileSync(
      path.join(dir, 'a.json'),
      JSON.stringify({
        name: 'a',
        benchmark: 'SPY',
        estimation: {from: -100, to: -11},
        windows: [[0, 0]],
        events: [{id: 'x', date: '2025-01-27'}],
        groups: {g: {symbols: ['NVDA']}},
      }),
    )
    writeFileSync(path.join(dir, 'c.yaml'), 'name: c\nbenchmark: SPY\n')
    writeFileSync(path.join(dir, 'notes.txt'), 'not a study')
    const list = listStudies(dir)
    expect(list.map((s) => s.name)).toEqual(['a', 'b-study', 'c'])
    expect(list[1]).toEqual({
      name: 'b-study',
      file: path.join(dir, 'b.yaml'),
      title: 'Second',
      events: 2,
      groups: 2,
      securities: 3,
      error: null,
    })
    expect(list[0]).toMatchObject({events: 1, groups: 1, securities: 1, title: null, error: null})
    expect(list[2].error).toMatch(/missing required field "estimation".*and 2 more/)
  })

  it('shows a YAML alias bomb as an invalid study beside the good ones', () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'good.yaml'), readFileSync(path.join(BUNDLED_STUDIES_DIR, 'covid-2020.yaml'), 'utf8'))
    writeFileSync(path.join(dir, 'bomb.yaml'), ALIAS_BOMB)
    const list = listStudies(dir)
    expect(list.map((s) => [s.name, s.error === null])).toEqual([
      ['bomb', false],
      ['covid-2020', true],
    ])
    expect(list[0].error).toMatch(/YAML aliases expand too far/)
  })

  it('returns nothing for a missing folder', () => {
    expect(listStudies(path.join(tempDir(), 'none'))).toEqual([])
  })
})

describe('the bundled studies', () => {
  it('are all valid', () => {
    const list = listStudies(BUNDLED_STUDIES_DIR)
    expect(list.map((s) => s.name)).toContain('covid-2020')
    for (const s of list) expect(s.error, `${s.file}`).toBeNull()
  })

  it.runIf(haveSharedData())('covid-2020 names only symbols of ../shared/data/covid-2020', () => {
    const spec = loadStudy('covid-2020', {cwd: REPO})
    for (const sym of [spec.benchmark, ...spec.groups.flatMap((g) => g.symbols)]) {
      expect(existsSync(path.join(COVID_DIR, `${sym}.csv`)), sym).toBe(true)
    }
  })
})

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]']
  .concat('bcdefghi'.split('').map((c, k) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[k]}`).join(', ')}]`))
  .join('\n')
