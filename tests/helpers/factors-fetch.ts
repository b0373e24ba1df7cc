/**
 * Typed face of ./factors-fetch.mjs: a fetch that answers like French's data library with zips built from
 * ../shared/data/factors/original, with fault injection. The .mjs file is also what the built CLI loads
 * through AFTERSHOCK_FACTORS_FETCH.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
// @ts-expect-error plain JS module, typed below
import {createFactorsFetch as createUntyped} from './factors-fetch.mjs'

export type FactorsFault = 'server-error' | 'rate-limit' | 'timeout' | 'malformed' | 'no-csv' | 'not-found'

export interface FakeFactorsOptions {
  /** Folder of French's files (default ../shared/data/factors/original). */
  dir?: string
  /** Faults per zip name (F-F_Research_Data_Factors_daily ...), one per request in order, then the zip. */
  faults?: Record<string, FactorsFault[]>
  /** Name the CSV inside the zip `.CSV`. */
  upperCase?: boolean
}

export type FakeFactorsFetch = typeof fetch & {calls: string[]}

export const createFactorsFetch = createUntyped as (options?: FakeFactorsOptions) => FakeFactorsFetch

/** Absolute path of the module, for AFTERSHOCK_FACTORS_FETCH. */
export const FACTORS_FETCH_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'factors-fetch.mjs')
