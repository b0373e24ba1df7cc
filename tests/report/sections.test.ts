import {describe, expect, it} from 'vitest'
import {TEST_NAMES} from '../../src/engine/types.js'
import type {Table} from '../../src/report/model.js'
import {studySections} from '../../src/report/sections.js'
import {day0P} from '../../src/report/significance.js'
import {TEST_LABELS} from '../../src/report/test-labels.js'
import type {StudyResult} from '../../src/result.js'
import {SUMMARY_EVENTS} from '../../src/report/events.js'
import {SUMMARY_RISES} from '../../src/report/volatility.js'
import {makeListResult, makeResult, withVolume} from './fixtures.js'

const tables = (r: StudyResult, level: 'summary' | 'full'): Table[] => studySections(r, level).flatMap((s) => s.tables)

describe('the section model', () => {
  const r = makeResult({failingClaim: true})

  it('follows the study run order; the full level adds the study echo and per-security estimates', () => {
    expect(studySections(r).map((s) => s.id)).toEqual([
      'events',
      'index',
      'caar',
      'day0',
      'value',
      'volatility',
      'claims',
      'excluded',
      'notes',
    ])
    expect(studySections(withVolume()).map((s) => s.id)).toEqual([
      'events',
      'index',
      'caar',
      'day0',
      'value',
      'volatility',
      'volume',
      'claims',
      'excluded',
      'overlaps',
      'notes',
    ])
    const full = studySections(r, 'full').map((s) => s.id)
    expect(full.slice(0, 2)).toEqual(['study', 'events'])
    expect(full).toContain('securities')
  })

  it('has unique table ids and column keys, and rows of raw values', () => {
    for (const level of ['summary', 'full'] as const) {
      const ts = tables(r, level)
      expect(new Set(ts.map((t) => t.id)).size).toBe(ts.length)
      for (const t of ts) {
        const keys = t.columns.map((c) => c.key)
        expect(new Set(keys).size, t.id).toBe(keys.length)
        for (const c of t.columns.filter((x) => x.p)) expect(keys, `${t.id}.${c.key}`).toContain(c.p)
        for (const row of t.rows)
          for (const c of t.columns.filter((x) => x.type === 'percent' || x.type === 'money')) {
            const v = row[c.key]
            expect(v === null || v === undefined || typeof v === 'number', `${t.id}.${c.key}`).toBe(true)
          }
      }
    }
  })

  it('shows CAAR per group with the windows as columns, and every window and day at the full level', () => {
    const caar = studySections(r).find((s) => s.id === 'caar')!
    expect(caar.tables).toHaveLength(r.groups.length)
    expect(caar.tables[0].layout).toBe('columns')
    expect(caar.tables[0].rows).toHaveLength(4)
    expect(caar.tables[0].caption).toBe('AI chips (chips), event release: N = 3')
    const labels = caar.tables[0].columns.filter((c) => c.type === 'stat').map((c) => c.label)
    expect(labels).toEqual(TEST_NAMES.map((t) => TEST_LABELS[t].long))
    const full = tables(r, 'full')
    expect(full.find((t) => t.id === 'group-window')!.rows).toHaveLength(r.groups.length * 4)
    expect(full.find((t) => t.id === 'group-day')!.rows).toHaveLength(r.groups.length)
  })

  it("stars a day-0 AR from the security's own test: the bottom and top five per event, all at the full level", () => {
    const day0 = studySections(r).find((s) => s.id === 'day0')!
    expect(day0.tables.map((t) => t.id)).toEqual(['day0:release', 'day0:selloff'])
    const t = day0.tables[1]
    expect(t.rows).toHaveLength(9) // 9 securities: no cut
    expect(t.columns.find((c) => c.key === 'ar')!.p).toBe('p')
    for (const row of t.rows) {
      const s = r.securities.find((x) => x.symbol === row.symbol && x.event === 'selloff')!
      expect(row.p).toBe(day0P(s))
    }
    const ars = t.rows.map((x) => x.ar as number)
    expect(ars).toEqual([...ars].sort((a, b) => a - b))
    expect(tables(r, 'full').find((x) => x.id === 'day0')!.rows).toHaveLength(18)
  })

  it('pools events from a list (one security each) into one day-0 table that shows the event', () => {
    const listed = makeResult()
    for (const e of listed.events) e.symbol = 'NVDA'
    const day0 = studySections(listed).find((s) => s.id === 'day0')!
    expect(day0.tables.map((t) => t.id)).toEqual(['day0:all'])
    expect(day0.tables[0].rows).toHaveLength(10)
    expect(day0.tables[0].caption).toBe('Events from the list: bottom and top 5')
    expect(day0.tables[0].columns.find((c) => c.key === 'event')!.hidden).toBe(false)
  })

  it('abnormal volume and overlapping events carry their numbers and notes', () => {
    const sections = studySections(withVolume())
    const vol = sections.find((s) => s.id === 'volume')!
    expect(vol.tables[0].rows[0]).toMatchObject({
      group: 'chips',
      n: 3,
      'day0.meanAv': 0.85,
      'day0.t': 3.74,
      'day0.p': 0.004,
      'peak.t': 0,
    })
    expect(vol.tables[0].rows[0].meanAv).toBeCloseTo(0.45, 12)
    expect(vol.notes).toContain('note: no volume in the store for CEG; left out of abnormal volume')
    const ov = sections.find((s) => s.id === 'overlaps')!
    expect(ov.tables[0].rows).toEqual([
      {symbol: 'NVDA', events: 'NVDA-2024-05-22, NVDA-2024-05-29', note: 'NVDA: overlap'},
    ])
  })

  it('types a claim by its metric and states how many hold', () => {
    const claims = studySections(r).find((s) => s.id === 'claims')!
    expect(claims.intro).toContain('Claims: 2 of 3 hold')
    expect(claims.tables[0].rows.map((x) => x.unit)).toEqual(['percent', 'number', 'percent'])
  })
})

describe('the summary of a list study of 5,000 events', () => {
  const r = makeListResult(5_000)
  for (const s of r.volatility!.securities) s.significant = true
  const summary = studySections(r, 'summary')
  const table = (id: string): Table => summary.flatMap((s) => s.tables).find((t) => t.id === id)!

  it('lists the first events and the first significant rises, and counts the rest', () => {
    expect(table('event').rows).toHaveLength(SUMMARY_EVENTS)
    expect(table('volatility').rows).toHaveLength(SUMMARY_RISES)
    expect(table('volatility').rows.map((x) => x.event)).toEqual(
      r.volatility!.securities.slice(0, SUMMARY_RISES).map((x) => x.event),
    )
    expect(table('volatility').notes).toEqual([
      `(${(5_000 - SUMMARY_RISES).toLocaleString('en-US')} more significant rises; see --json or --csv)`,
    ])
  })

  it('keeps every row at the full level', () => {
    const full = studySections(r, 'full').flatMap((s) => s.tables)
    expect(full.find((t) => t.id === 'volatility')!.rows).toHaveLength(5_000)
  })
})
