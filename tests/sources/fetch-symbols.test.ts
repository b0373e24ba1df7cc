import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {fetchSymbols} from '../../src/sources/fetch-symbols.js'
import {importPaths} from '../../src/sources/import.js'
import {createYahooClient} from '../../src/sources/yahoo.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {haveSharedData, PRICES_DIR} from '../helpers/shared.js'
import {createYahooFetch} from '../helpers/yahoo-fetch.js'

const stores: PriceStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

/** NVDA stored from the shared file (2020-01-02..2026-05-07, 1595 rows). */
function nvdaStore(): PriceStore {
  const s = PriceStore.open(path.join(tempDir(), 'cache'))
  stores.push(s)
  importPaths(s, [path.join(PRICES_DIR, 'NVDA.csv')])
  return s
}

/** A Yahoo whose NVDA history ends on 2024-12-31. */
const shortYahoo = () => createYahooClient({fetch: createYahooFetch({lastDate: '2024-12-31'}), timeoutMs: 2000})

describe.runIf(haveSharedData())('fetchSymbols: an answer shorter than the stored history', () => {
  for (const refresh of [false, true]) {
    it(`keeps every stored day and warns (${refresh ? '--refresh' : 'plain fetch'})`, async () => {
      const store = nvdaStore()
      const before = store.getBars('NVDA')
      expect(before).toHaveLength(1595)
      const [r] = await fetchSymbols(store, ['NVDA'], {client: shortYahoo(), refresh, today: '2026-06-01'})
      expect(r).toMatchObject({ok: true, replaced: false, added: 0, rows: 1595})
      expect(r.warning).toBe(
        "Yahoo's history of NVDA covers 2020-01-02..2024-12-31, not all of the stored 2020-01-02..2026-05-07: kept the 1595 stored rows and wrote nothing",
      )
      expect(store.getBars('NVDA')).toEqual(before)
      expect(store.fetchLog('NVDA')[0]).toMatchObject({action: 'kept', ok: false, from: '2020-01-02', to: '2024-12-31'})
    })
  }

  it('still replaces when the answer covers the stored range (a re-adjusted history)', async () => {
    const store = nvdaStore()
    const client = createYahooClient({fetch: createYahooFetch({adjScale: {NVDA: 0.99}}), timeoutMs: 2000})
    const [r] = await fetchSymbols(store, ['NVDA'], {client, refresh: true, today: '2026-06-01'})
    expect(r).toMatchObject({ok: true, replaced: true, rows: 1595})
    expect(r.warning).toBeUndefined()
  })
})
