// Downloading French's zips through an injected fetch: zips built here from the shared originals, with faults
// (500 then success, a timeout, a malformed zip, a zip without the CSV, a 404), and a refetch that counts
// the values French revised.
import {zipSync} from 'fflate'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {AftershockError, InputError} from '../../src/errors.js'
import {csvFromZip, fetchFactorSet, frenchZipUrl} from '../../src/sources/french-fetch.js'
import {PriceStore} from '../../src/store/store.js'
import {tempDir} from '../helpers/cli.js'
import {createFactorsFetch} from '../helpers/factors-fetch.js'
import {SHARED} from '../helpers/shared.js'

const HAVE = existsSync(path.join(SHARED, 'data', 'factors', 'original'))
const FF3 = 'F-F_Research_Data_Factors_daily'
const MOM = 'F-F_Momentum_Factor_daily'
const delays: number[] = []
const retry = {attempts: 3, baseDelayMs: 10, random: () => 0, sleep: async (ms: number) => void delays.push(ms)}

const open: PriceStore[] = []
function fresh(): PriceStore {
  const s = PriceStore.open(path.join(tempDir(), 'cache'))
  open.push(s)
  return s
}
afterEach(() => {
  for (const s of open.splice(0)) s.close()
  delays.length = 0
})

describe('csvFromZip', () => {
  const text = 'date,mom\n2025-01-27,-3.28\n'
  it('finds the CSV by name, .csv or .CSV, in a folder or not', () => {
    const z = zipSync({[`x/${MOM}.CSV`]: new TextEncoder().encode(text)})
    expect(csvFromZip(z, 'mom', 'u')).toEqual({file: `${MOM}.CSV`, text})
  })
  it('a zip without the CSV, or bytes that are no zip, fail naming the URL', () => {
    const z = zipSync({'README.txt': new Uint8Array([65])})
    expect(() => csvFromZip(z, 'mom', 'u')).toThrow(`u: the zip holds no ${MOM}.csv (it holds README.txt)`)
    expect(() => csvFromZip(new TextEncoder().encode('<html>'), 'mom', 'u')).toThrow(
      /u: the download is not a readable zip/,
    )
  })
  it('the URL is French data library zip', () => {
    expect(frenchZipUrl('ff3')).toBe(
      'https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/F-F_Research_Data_Factors_daily_CSV.zip',
    )
  })
})

describe.skipIf(!HAVE)('fetchFactorSet through an injected fetch', () => {
  it('downloads, unzips and stores mom with its vintage; the URL is the source', async () => {
    const store = fresh()
    const fetch = createFactorsFetch({upperCase: true})
    const r = await fetchFactorSet(store, 'mom', {fetch, retry})
    expect(fetch.calls).toEqual([frenchZipUrl('mom')])
    expect(r).toMatchObject({
      set: 'mom',
      rows: 26132,
      firstDate: '1926-11-03',
      lastDate: '2026-04-30',
      vintage: '202604',
    })
    expect(store.factors.series('mom', ['mom'], '2025-01-27', '2025-01-27').values[0][0]).toBe(-3.28)
    expect(store.factors.get('mom')?.source).toBe(frenchZipUrl('mom'))
  })

  it('a 500 then success: retried after a backoff', async () => {
    const fetch = createFactorsFetch({faults: {[FF3]: ['server-error', 'rate-limit']}})
    const r = await fetchFactorSet(fresh(), 'ff3', {fetch, retry})
    expect(r.rows).toBe(26233)
    expect(fetch.calls.length).toBe(3)
    expect(delays).toEqual([10, 20])
  })

  it('a timeout on every try: fails after the retries, naming the URL and the wait', async () => {
    const fetch = createFactorsFetch({faults: {[FF3]: ['timeout', 'timeout', 'timeout']}})
    const err = await fetchFactorSet(fresh(), 'ff3', {fetch, retry, timeoutMs: 20}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AftershockError)
    expect((err as AftershockError).exitCode).toBe(1)
    expect((err as Error).message).toMatch(/F-F_Research_Data_Factors_daily_CSV\.zip: no answer .* within 20 ms/)
    expect(fetch.calls.length).toBe(3)
  })

  it('a malformed zip, a zip without the CSV and a 404 are not retried, and store nothing', async () => {
    const store = fresh()
    for (const [fault, msg] of [
      ['malformed', /not a readable zip/],
      ['no-csv', /the zip holds no F-F_Research_Data_Factors_daily\.csv \(it holds README\.txt\)/],
      ['not-found', /HTTP 404/],
    ] as const) {
      const fetch = createFactorsFetch({faults: {[FF3]: [fault]}})
      await expect(fetchFactorSet(store, 'ff3', {fetch, retry})).rejects.toThrow(msg)
      expect(fetch.calls.length).toBe(1)
    }
    expect(store.factors.list()).toEqual([])
  })

  it('a refetch replaces the set whole and counts the values that changed', async () => {
    const store = fresh()
    const fetch = createFactorsFetch()
    await fetchFactorSet(store, 'mom', {fetch, retry})
    const again = await fetchFactorSet(store, 'mom', {fetch, retry})
    expect(again).toMatchObject({replaced: true, previousVintage: '202604', changed: 0, added: 0, removed: 0})
  })

  it('an unknown set is bad input', async () => {
    await expect(fetchFactorSet(fresh(), 'ff4')).rejects.toBeInstanceOf(InputError)
  })
})
