/**
 * Importing CSV files into the store. Each file is one transaction that replaces its symbol's history; a bad
 * file is rejected with its `FILE:LINE: reason` and leaves the store unchanged for that symbol. The other good
 * files of the same call are stored (the caller reports "partial", exit 3).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {InputError} from '../errors.js'
import type {PriceStore} from '../store/store.js'
import {isValidSymbol, normalizeSymbol} from '../store/symbols.js'
import {parsePriceCsv, symbolFromFile} from './csv.js'

export interface ImportSummary {
  file: string
  symbol: string
  ok: boolean
  /** Rows stored (0 when rejected). */
  rows: number
  /** Rows skipped because they carried no price at all. */
  skipped: number
  from: string | null
  to: string | null
  error?: string
}

/**
 * The CSV files named by `paths`: files as given, folders expanded to their `*.csv` files (sorted, not
 * recursive). A path that does not exist, or a folder without CSV files, is bad input (InputError).
 */
export function expandCsvPaths(paths: readonly string[]): string[] {
  const files: string[] = []
  for (const p of paths) {
    let st: ReturnType<typeof statSync>
    try {
      st = statSync(p)
    } catch {
      throw new InputError(`${p}: no such file or folder`)
    }
    if (st.isDirectory()) {
      const found = readdirSync(p)
        .filter((f) => /\.csv$/i.test(f))
        .sort()
        .map((f) => path.join(p, f))
      if (found.length === 0) throw new InputError(`${p}: the folder holds no .csv files`)
      files.push(...found)
    } else files.push(p)
  }
  return files
}

/**
 * Imports CSV files or folders. `symbol` overrides the file name and is allowed only for a single file.
 * Throws InputError for bad usage (missing path, --symbol with several files); per-file problems are in the
 * summaries.
 */
export function importPaths(
  store: PriceStore,
  paths: readonly string[],
  opts: {symbol?: string; now?: () => string} = {},
): ImportSummary[] {
  const files = expandCsvPaths(paths)
  if (opts.symbol !== undefined) {
    if (files.length !== 1)
      throw new InputError(
        `--symbol names one symbol, but ${files.length} files were given; import them one at a time or name the files after their symbols`,
      )
    if (!isValidSymbol(opts.symbol)) throw new InputError(`--symbol "${opts.symbol}" is not a valid symbol`)
  }
  const out: ImportSummary[] = []
  for (const file of files) {
    const symbol = opts.symbol !== undefined ? normalizeSymbol(opts.symbol) : symbolFromFile(file)
    const source = `csv:${path.basename(file)}`
    try {
      if (!isValidSymbol(symbol))
        throw new InputError(`${file}: "${symbol}" is not a valid symbol; rename the file or pass --symbol`)
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (err) {
        throw new InputError(`${file}: cannot read: ${(err as Error).message}`)
      }
      const {bars, skipped} = parsePriceCsv(text, file)
      if (bars.length === 0) {
        throw new InputError(
          skipped > 0
            ? `${file}: all ${skipped} data rows lack a price (every cell empty or null); nothing to import`
            : `${file}: no data rows below the header`,
        )
      }
      store.replaceHistory(symbol, bars, {source, at: opts.now?.()})
      out.push({file, symbol, ok: true, rows: bars.length, skipped, from: bars[0].date, to: bars[bars.length - 1].date})
    } catch (err) {
      const message = (err as Error).message
      store.logFetch({symbol, source, action: 'error', ok: false, rows: 0, message})
      out.push({file, symbol, ok: false, rows: 0, skipped: 0, from: null, to: null, error: message})
    }
  }
  return out
}
