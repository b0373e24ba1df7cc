/**
 * Factor files into the store. Every file is parsed before anything is written: one bad file rejects the
 * whole import (FILE:LINE: reason) and the store is unchanged. Then each set replaces its stored copy whole,
 * in its own transaction, and its summary says how many stored values the new vintage revised.
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../errors.js'
import type {FactorColumn, FactorWriteSummary, PriceStore} from '../store/store.js'
import {type FactorFile, parseFactorFile} from './french-factors.js'

/** One set written, as `factors import` and `factors fetch` report it. */
export interface FactorImportSummary extends FactorWriteSummary {
  set: string
  /** The file read, or French's download URL. */
  source: string
  columns: FactorColumn[]
  firstDate: string
  lastDate: string
  /** Cells holding French's missing-value codes, stored as missing. */
  missing: number
  vintage: string | null
  vintageLine: string | null
}

/** Writes a parsed set, replacing the stored one; `source` is what the store records (file name or URL). */
export function storeFactorFile(store: PriceStore, f: FactorFile, source: string, at?: string): FactorImportSummary {
  const w = store.factors.replace({...f, source}, at)
  return {
    set: f.name,
    source,
    columns: f.columns,
    firstDate: f.dates[0],
    lastDate: f.dates[f.dates.length - 1],
    missing: f.missing,
    vintage: f.vintage,
    vintageLine: f.vintageLine,
    ...w,
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
}

/**
 * Imports factor files (French's or clean CSVs). `set` names the set of a single file. Throws InputError
 * before writing anything when a file is bad, two files hold the same set, or `set` is given with several files.
 */
export function importFactorFiles(
  store: PriceStore,
  files: readonly string[],
  opts: {set?: string; at?: string} = {},
): FactorImportSummary[] {
  if (opts.set !== undefined && files.length !== 1)
    throw new InputError(`--set names the set of one file; ${files.length} files were given (import them one by one)`)
  const parsed = files.map((file) => parseFactorFile(readText(file), file, opts.set))
  const seen = new Map<string, string>()
  parsed.forEach((f, i) => {
    const other = seen.get(f.name)
    if (other !== undefined)
      throw new InputError(`${files[i]}: holds set ${f.name}, as ${other} does; give one file per set`)
    seen.set(f.name, files[i])
  })
  return parsed.map((f) => storeFactorFile(store, f, f.source, opts.at))
}
