// JSON lines of the security rows: one line per security-event, each valid against
// schema/study-security-line, every key on every line, the same figures as the result's rows.
import {describe, expect, it} from 'vitest'
import {securityLine, securityLines} from '../../src/render/jsonl.js'
import type {SecurityResult} from '../../src/result.js'
import {schemaErrors} from '../cli/run.js'
import {makeResult} from '../report/fixtures.js'

const r = makeResult()
r.securities.push({symbol: 'GONE', group: r.securities[0].group, event: r.securities[0].event, excluded: 'no prices'})

describe('securityLines', () => {
  const text = [...securityLines(r, false)].join('')
  const lines = text.split('\n')

  it('writes one line per security row, ending in a newline, each valid against the line schema', () => {
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(r.securities.length)
    for (const l of lines) expect(schemaErrors('study-security-line', JSON.parse(l))).toEqual([])
  })

  it('has every key on every line, null where the value does not exist', () => {
    const keys = lines.map((l) => Object.keys(JSON.parse(l)).join(','))
    expect(new Set(keys).size).toBe(1)
    const gone = JSON.parse(lines[lines.length - 1])
    expect(gone).toMatchObject({symbol: 'GONE', excluded: 'no prices', alpha: null, beta: null, n: null, windows: []})
  })

  it('carries the rows figures, the window as t1..t2, and day 0 from the events', () => {
    const s = r.securities[0] as Required<SecurityResult>
    const line = JSON.parse(lines[0])
    expect(line.beta).toBe(s.model.beta)
    expect(line.n).toBe(s.model.n)
    expect(line.windows.map((w: {car: number}) => w.car)).toEqual(s.windows.map((w) => w.car))
    expect(line.windows[0].window).toBe(`${s.windows[0].window[0]}..${s.windows[0].window[1]}`)
    expect(line.windows[0]).toMatchObject({start: s.windows[0].window[0], end: s.windows[0].window[1]})
    const ev = r.events.find((e) => e.id === s.event)
    expect(line.date).toBe(ev?.tradingDate)
    expect(line.ar).toBeUndefined()
  })

  it('writes the per-day AR rows only when asked (--detail days)', () => {
    const s = r.securities[0]
    const line = securityLine(s, null, true)
    expect(line.ar).toEqual(s.ar)
    expect(schemaErrors('study-security-line', JSON.parse(JSON.stringify(line)))).toEqual([])
  })
})

describe('securityLines progress', () => {
  it('tells each row before its line', () => {
    const told: number[] = []
    const lines = [...securityLines(r, false, (i, n) => told.push(n - i))]
    expect(lines).toHaveLength(r.securities.length)
    expect(told).toEqual(r.securities.map((_, i) => r.securities.length - i))
  })
})
