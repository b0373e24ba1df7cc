/**
 * Downloads a daily factor file from Kenneth French's data library: the `..._CSV.zip` of the set, unzipped in
 * memory (fflate), its CSV parsed and stored whole (./factor-import.ts). Requests are retried with backoff on
 * HTTP 429, 5xx, timeouts and network failures (./retry.ts). The fetch is injectable: tests serve zips.
 */
import {unzipSync} from 'fflate'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {AftershockError, InputError} from '../errors.js'
import type {PriceStore} from '../store/store.js'
import {type FactorImportSummary, storeFactorFile} from './factor-import.js'
import {parseFactorFile} from './french-factors.js'
import {describeError, HttpStatusError, type RetryPolicy, withRetry} from './retry.js'

export const FRENCH_LIBRARY = 'https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/'

/** French's file (and zip) name of each set `factors fetch` knows. */
export const FRENCH_FILES: Readonly<Record<string, string>> = {
  ff3: 'F-F_Research_Data_Factors_daily',
  ff5: 'F-F_Research_Data_5_Factors_2x3_daily',
  mom: 'F-F_Momentum_Factor_daily',
}

export const FETCHABLE_SETS = Object.keys(FRENCH_FILES)

/** The zip's address: `<library>/F-F_Research_Data_Factors_daily_CSV.zip`. */
export function frenchZipUrl(set: string): string {
  return `${FRENCH_LIBRARY}${FRENCH_FILES[set]}_CSV.zip`
}

export interface FrenchFetchOptions {
  /** The fetch to use (default: the global fetch). Tests inject one serving zips. */
  fetch?: typeof fetch
  /** Per-request timeout, ms (default 20 s). */
  timeoutMs?: number
  retry?: RetryPolicy
}

/** One request with a timeout that aborts it; 429 and 5xx answers throw HttpStatusError (retried). */
async function getBytes(url: string, fetchFn: typeof fetch, ms: number): Promise<Uint8Array> {
  const ac = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      ac.abort()
      reject(Object.assign(new Error(`no answer from French's data library within ${ms} ms`), {name: 'TimeoutError'}))
    }, ms)
  })
  const request = (async () => {
    const res = await fetchFn(url, {signal: ac.signal})
    if (res.status === 429 || res.status >= 500)
      throw new HttpStatusError(res.status, await res.text().catch(() => res.statusText))
    if (!res.ok) throw new AftershockError(`${url}: HTTP ${res.status} ${res.statusText}`.trim())
    return new Uint8Array(await res.arrayBuffer())
  })()
  try {
    return await Promise.race([request, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The CSV inside French's zip (`<name>.csv` or `.CSV`) as text; a broken zip or a missing CSV fails (exit 1). */
export function csvFromZip(bytes: Uint8Array, set: string, url: string): {file: string; text: string} {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes)
  } catch (err) {
    throw new AftershockError(`${url}: the download is not a readable zip file (${(err as Error).message})`)
  }
  const want = `${FRENCH_FILES[set]}.csv`.toLowerCase()
  const name = Object.keys(entries).find((n) => path.posix.basename(n).toLowerCase() === want)
  if (name === undefined) {
    const held = Object.keys(entries).join(', ') || 'nothing'
    throw new AftershockError(`${url}: the zip holds no ${FRENCH_FILES[set]}.csv (it holds ${held})`)
  }
  return {file: path.posix.basename(name), text: new TextDecoder('latin1').decode(entries[name])}
}

/**
 * Downloads set `set` (ff3, ff5, mom) and replaces its stored copy whole; the summary counts the values the new
 * vintage revised. Throws InputError for an unknown set, AftershockError (exit 1) when the download fails.
 */
export async function fetchFactorSet(
  store: PriceStore,
  set: string,
  opts: FrenchFetchOptions = {},
): Promise<FactorImportSummary> {
  if (!(set in FRENCH_FILES))
    throw new InputError(`"${set}": not a set French publishes here; fetch one of ${FETCHABLE_SETS.join(', ')}`)
  const url = frenchZipUrl(set)
  const fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let bytes: Uint8Array
  try {
    bytes = await withRetry(() => getBytes(url, fetchFn, opts.timeoutMs ?? 20_000), opts.retry)
  } catch (err) {
    if (err instanceof AftershockError) throw err
    throw new AftershockError(`${url}: ${describeError(err)}`)
  }
  const {file, text} = csvFromZip(bytes, set, url)
  let parsed: ReturnType<typeof parseFactorFile>
  try {
    parsed = parseFactorFile(text, file, set)
  } catch (err) {
    // French's file, not the user's: a format change is a failure of the source (exit 1).
    throw new AftershockError(`${url}: ${(err as Error).message}`)
  }
  return storeFactorFile(store, parsed, url)
}

/**
 * Testing hook: when AFTERSHOCK_FACTORS_FETCH names a JS module (absolute path), the CLI uses its `default`
 * (or `fetch`) export instead of the network for factor downloads. Unset in normal use.
 */
export async function loadFactorsFetchHook(env: NodeJS.ProcessEnv = process.env): Promise<typeof fetch | undefined> {
  const file = env.AFTERSHOCK_FACTORS_FETCH
  if (!file) return undefined
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as {default?: unknown; fetch?: unknown}
  const f = mod.default ?? mod.fetch
  if (typeof f !== 'function')
    throw new InputError(`AFTERSHOCK_FACTORS_FETCH=${file}: the module exports no fetch function (default or fetch)`)
  return f as typeof fetch
}
