import {describe, expect, it} from 'vitest'
import {checkFetchRange} from '../../src/cli/flags.js'
import {InputError} from '../../src/errors.js'

describe('checkFetchRange', () => {
  it('accepts a range up to today', () => {
    expect(checkFetchRange('2025-01-02', '2025-02-01', '2025-06-01')).toEqual({from: '2025-01-02', to: '2025-02-01'})
    expect(checkFetchRange('2025-06-01', undefined, '2025-06-01')).toEqual({from: '2025-06-01', to: undefined})
  })

  it('refuses a --from in the future as bad input', () => {
    expect(() => checkFetchRange('2025-06-02', undefined, '2025-06-01')).toThrow(InputError)
    expect(() => checkFetchRange('2025-06-02', undefined, '2025-06-01')).toThrow(/in the future/)
  })
})
