// The --detail views of a study result: each level valid against schema/study-result, the arrays it cuts empty
// (or `ar` absent), everything else the same rows, and days the result itself.
import {beforeAll, describe, expect, it} from 'vitest'
import {studyAtDetail, withoutAr} from '../../src/render/detail.js'
import type {StudyResult} from '../../src/result.js'
import {jsonOf, run, schemaErrors} from '../cli/run.js'

// deepseek-r1 on its pinned snapshot has every section: index, value, volatility, volume, claims.
let full: StudyResult
beforeAll(async () => {
  const r = await run(['study', 'run', 'deepseek-r1', '--json'])
  expect(r.code, r.stderr).toBe(0)
  full = jsonOf<StudyResult>(r, 'study-result')
  expect(full.index && full.value && full.volatility && full.volume).toBeTruthy()
})

describe('studyAtDetail', () => {
  it('days is the result itself, with no detail key', () => {
    expect(studyAtDetail(full, 'days')).toBe(full)
    expect(JSON.stringify(full)).not.toContain('"detail"')
  })

  it('securities: no per-day rows, the rest kept; valid against the schema', () => {
    const v = studyAtDetail(full, 'securities')
    expect(schemaErrors('study-result', JSON.parse(JSON.stringify(v)))).toEqual([])
    expect(v.detail).toBe('securities')
    expect(Object.keys(JSON.parse(JSON.stringify(v))).slice(0, 3)).toEqual(['schemaVersion', 'tool', 'detail'])
    expect(v.securities).toHaveLength(full.securities.length)
    for (const s of JSON.parse(JSON.stringify(v.securities))) expect(s.ar).toBeUndefined()
    expect(v.securities.map((s) => s.windows)).toEqual(full.securities.map((s) => s.windows))
    expect(v.groups.every((g) => g.daily.length === 0)).toBe(true)
    expect(v.groups.map((g) => g.windows)).toEqual(full.groups.map((g) => g.windows))
    expect(v.volume?.groups.every((g) => g.daily.length === 0)).toBe(true)
    expect(v.index?.series).toEqual([])
    expect(v.index?.securities).toEqual(full.index?.securities)
    expect(v.volatility).toBe(full.volatility)
    expect(v.value).toBe(full.value)
    // the result itself is not changed
    expect(full.groups[0].daily.length).toBeGreaterThan(0)
    expect(full.securities.find((s) => s.ar)?.ar?.length).toBeGreaterThan(0)
  })

  it('summary: no per-security rows either; events, groups, windows and notes kept; valid', () => {
    const v = studyAtDetail(full, 'summary')
    expect(schemaErrors('study-result', JSON.parse(JSON.stringify(v)))).toEqual([])
    expect(v.detail).toBe('summary')
    expect(v.securities).toEqual([])
    expect(v.volatility?.securities).toEqual([])
    expect(v.volatility?.groups).toEqual(full.volatility?.groups)
    expect(v.value?.rows).toEqual([])
    expect(v.value?.groups).toEqual(full.value?.groups)
    expect(v.index?.securities).toEqual([])
    expect(v.index?.groups).toEqual(full.index?.groups)
    expect(v.events).toBe(full.events)
    expect(v.notes).toBe(full.notes)
    expect(v.claims).toBe(full.claims)
    expect(v.groups.map((g) => g.windows)).toEqual(full.groups.map((g) => g.windows))
  })
})

describe('withoutAr', () => {
  it('leaves the per-day rows out without reading them (a row builds them on each read), keys in place', () => {
    let reads = 0
    const row = {
      symbol: 'NVDA',
      group: 'chips',
      event: 'selloff',
      get ar() {
        reads++
        return [{t: 0, date: '2025-01-27', ret: -0.17, ar: -0.16, sar: -7}]
      },
      windows: [],
    }
    const view = withoutAr(row)
    expect(reads).toBe(0)
    expect(Object.keys(view)).toEqual(['symbol', 'group', 'event', 'ar', 'windows'])
    expect(JSON.parse(JSON.stringify(view))).toEqual({symbol: 'NVDA', group: 'chips', event: 'selloff', windows: []})
    const excluded = {symbol: 'X', group: 'chips', event: 'selloff', excluded: 'no prices'}
    expect(withoutAr(excluded)).toBe(excluded)
  })
})
