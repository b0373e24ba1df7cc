import {describe, expect, it} from 'vitest'
import {TEST_NAMES} from '../../src/engine/types.js'
import {TEST_LABELS} from '../../src/report/test-labels.js'

describe('test labels', () => {
  it('has one long and one short label for each test of the battery, in TEST_NAMES order', () => {
    expect(Object.keys(TEST_LABELS)).toEqual([...TEST_NAMES])
    expect(TEST_LABELS.kolariPynnonen).toEqual({long: 'Kolari-Pynnönen', short: 'KP'})
    expect(new Set(Object.values(TEST_LABELS).map((l) => l.short)).size).toBe(TEST_NAMES.length)
    expect(new Set(Object.values(TEST_LABELS).map((l) => l.long)).size).toBe(TEST_NAMES.length)
  })
})
