// Stores a test opens, closed after each test (a test that fails midway leaves no file handle open).
import {afterEach} from 'vitest'
import type {PriceStore} from '../../src/store/store.js'

/** `keep(store)` returns the store and closes it after the current test; call once at a test file's top. */
export function keptStores(): (s: PriceStore) => PriceStore {
  const opened: PriceStore[] = []
  afterEach(() => {
    for (const s of opened.splice(0)) s.close()
  })
  return (s) => {
    opened.push(s)
    return s
  }
}
