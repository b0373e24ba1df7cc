import {existsSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The read-only material beside the repo: real prices, methods, Yahoo API notes. Never copied in. */
export const SHARED = path.resolve(process.env.AFTERSHOCK_SHARED_DIR ?? path.join(REPO, '..', 'shared'))
export const PRICES_DIR = path.join(SHARED, 'data', 'prices')
export const COVID_DIR = path.join(SHARED, 'data', 'covid-2020')
export const FACTORS_ORIGINAL_DIR = path.join(SHARED, 'data', 'factors', 'original')

/** French's daily files as published (ff3, ff5, mom): `factors import` of these stores every set a study names. */
export function factorFiles(): string[] {
  return readdirSync(FACTORS_ORIGINAL_DIR)
    .filter((f) => /\.csv$/i.test(f))
    .map((f) => path.join(FACTORS_ORIGINAL_DIR, f))
}

/** True when ../shared/data is here. In CI (CI=true) its absence is an error, not a skip. */
export function haveSharedData(): boolean {
  const ok = existsSync(PRICES_DIR) && existsSync(COVID_DIR)
  if (!ok && process.env.CI === 'true') {
    throw new Error(`../shared data is missing: expected ${PRICES_DIR} and ${COVID_DIR} (CI must provide ../shared)`)
  }
  return ok
}
