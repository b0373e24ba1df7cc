import {describe, expect, it} from 'vitest'
import {resolveListGroups} from '../../src/spec/list-events.js'
import type {EventSpec, StudySpec} from '../../src/spec/types.js'

const event = (id: string, symbol: string, group: string | null = null): EventSpec => ({
  id,
  date: '2024-01-02',
  label: null,
  symbol,
  group,
})

describe('resolveListGroups', () => {
  it("gives each event the CSV's group, else the first group listing its symbol, else all; each symbol once", () => {
    const spec = {
      groups: [
        {id: 'chips', label: 'Chips', symbols: ['NVDA', 'AMD']},
        {id: 'more', label: null, symbols: ['AMD', 'MSFT']},
      ],
      events: [
        event('a', 'AMD'),
        event('b', 'MSFT'),
        event('c', 'IBM'),
        event('d', 'IBM'),
        event('e', 'NVDA', 'picked'),
        event('f', 'ARM', 'picked'),
        event('g', 'NVDA', 'picked'),
        event('h', 'INTC', 'more'),
      ],
    } as unknown as StudySpec
    resolveListGroups(spec)
    expect(spec.events.map((e) => e.group)).toEqual([
      'chips',
      'more',
      'all',
      'all',
      'picked',
      'picked',
      'picked',
      'more',
    ])
    expect(spec.groups).toEqual([
      {id: 'chips', label: 'Chips', symbols: ['NVDA', 'AMD']},
      {id: 'more', label: null, symbols: ['AMD', 'MSFT', 'INTC']},
      {id: 'all', label: null, symbols: ['IBM']},
      {id: 'picked', label: null, symbols: ['NVDA', 'ARM']},
    ])
  })
})
