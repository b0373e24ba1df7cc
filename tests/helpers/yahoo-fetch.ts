/**
 * Typed face of ./yahoo-fetch.mjs: a fetch that answers like Yahoo's chart API from ../shared/data/prices,
 * with fault injection. The .mjs file is also what the built CLI loads through AFTERSHOCK_YAHOO_FETCH.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
// @ts-expect-error plain JS module, typed below
import {
  createYahooFetch as createUntyped,
  FAULTS as faultsUntyped,
  sessionOpenEpoch as sessionOpenUntyped,
} from './yahoo-fetch.mjs'

export type YahooFault =
  | 'rate-limit-once'
  | 'rate-limit'
  | 'server-error-once'
  | 'server-error'
  | 'timeout-once'
  | 'timeout'
  | 'malformed'
  | 'bad-shape'
  | 'null-bars'
  | 'unknown'

export interface FakeYahooOptions {
  pricesDir?: string
  /** Fault per symbol key (no '^'); an array gives one fault per successive request (undefined = answer). */
  faults?: Record<string, YahooFault | Array<YahooFault | null>>
  /** Multiply a symbol's adjusted closes (a new dividend re-bases the history). */
  adjScale?: Record<string, number>
  /** The fake "today": no bars after it. */
  lastDate?: string
  events?: Record<
    string,
    {
      dividends?: Array<{date: string; amount: number}>
      splits?: Array<{date: string; numerator: number; denominator: number}>
    }
  >
  /** sharesOutstanding per key, for quote(). */
  shares?: Record<string, number>
}

export type FakeFetch = typeof fetch & {calls: string[]}

export const createYahooFetch = createUntyped as (options?: FakeYahooOptions) => FakeFetch
export const FAULTS = faultsUntyped as YahooFault[]
export const sessionOpenEpoch = sessionOpenUntyped as (iso: string) => number

/** Absolute path of the module for the CLI hook AFTERSHOCK_YAHOO_FETCH (options go in AFTERSHOCK_FAKE_YAHOO). */
export const FAKE_FETCH_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'yahoo-fetch.mjs')

/** Env for runCli: the CLI fetches from the fake with these options. */
export function fakeYahooEnv(options: FakeYahooOptions = {}): Record<string, string> {
  return {AFTERSHOCK_YAHOO_FETCH: FAKE_FETCH_MODULE, AFTERSHOCK_FAKE_YAHOO: JSON.stringify(options)}
}

/** Chart requests made (URLs), for asserting what was asked. */
export function chartCalls(f: FakeFetch, key?: string): URL[] {
  return f.calls
    .map((u) => new URL(u))
    .filter(
      (u) =>
        u.pathname.includes('/v8/finance/chart/') &&
        (key === undefined || decodeURIComponent(u.pathname).replace(/^.*\/\^?/, '') === key),
    )
}
