/**
 * Importing CSV files into the store. Each file is merged whole into its symbol's history by date and column
 * (or, with `replace`, replaces that history); a bad file, or one whose values disagree with the stored ones, is
 * rejected with its reason and leaves the store unchanged for that symbol. The other good files of the same call
 * are stored (the caller reports "partial", exit 3). Files are committed in batches of about 16 MB, each file a
 * savepoint inside its batch, so thousands of small files do not pay a commit each.
 */
import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {InputError} from '../errors.js'
import {isoOfDay} from '../store/days.js'
import {COLUMN_NAME} from '../store/merge.js'
import {pricesOfColumns} from '../store/price-columns.js'
import {MergeConflictError, type PriceStore} from '../store/store.js'
import {isValidSymbol, normalizeSymbol} from '../store/symbols.js'
import {symbolFromFile} from './csv.js'
import {type ParsedPriceFile, type PriceFileOptions, readPriceFile} from './price-file.js'
import {PriceFileThread} from './price-file-thread.js'

export interface ImportSummary {
  file: string
  symbol: string
  ok: boolean
  /** Rows of the file stored (0 when rejected). */
  rows: number
  /** Days the store did not hold before (all rows when replacing). */
  added: number
  /** Cells filled on days the store already held. */
  filled: number
  /** True when the file replaced the symbol's whole history (`replace`). */
  replaced: boolean
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

/** How to import: the parser's limits, and the symbol, replace and time options. */
export interface ImportOptions extends PriceFileOptions {
  /** Symbol for a single file, instead of its file name. */
  symbol?: string
  /** Replace each symbol's whole history with its file instead of merging. */
  replace?: boolean
  /** The import time recorded in the store (tests fix it). */
  now?: () => string
  /** Bytes of CSV per commit (default BATCH_BYTES; tests make it small to get many batches). */
  batchBytes?: number
}

/**
 * Imports CSV files or folders. `symbol` overrides the file name and is allowed only for a single file.
 * Throws InputError for bad usage (missing path, --symbol with several files); per-file problems are in the
 * summaries.
 */
export function importPaths(store: PriceStore, paths: readonly string[], opts: ImportOptions = {}): ImportSummary[] {
  return importGroups(store, batches(importFiles(paths, opts), opts.batchBytes), opts)
}

/** Batches of files, each parsed in this thread and then stored in one commit. */
function importGroups(store: PriceStore, groups: readonly string[][], opts: ImportOptions): ImportSummary[] {
  return groups.flatMap((group) =>
    storeBatch(
      store,
      group.map((f) => readPriceFile(f, opts)),
      opts,
    ),
  )
}

/**
 * importPaths with the parsing on a worker thread (./price-file-thread.ts): each batch of files is parsed while
 * the batch before it is written, and written exactly as importPaths writes it. Runs in this thread when there is
 * a single batch, or no built worker.
 */
export async function importPathsThreaded(
  store: PriceStore,
  paths: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportSummary[]> {
  const groups = batches(importFiles(paths, opts), opts.batchBytes)
  if (groups.length < 2 || !PriceFileThread.available()) return importGroups(store, groups, opts)
  const thread = new PriceFileThread()
  const out: ImportSummary[] = []
  try {
    let next = thread.parse(groups[0], parseOptions(opts))
    for (let i = 0; i < groups.length; i++) {
      const parsed = await next
      if (i + 1 < groups.length) next = thread.parse(groups[i + 1], parseOptions(opts))
      out.push(...storeBatch(store, parsed, opts))
    }
  } finally {
    await thread.close()
  }
  return out
}

/** A batch of parsed files stored in one commit, each file a savepoint of its own. */
function storeBatch(store: PriceStore, parsed: readonly ParsedPriceFile[], opts: ImportOptions): ImportSummary[] {
  return store.batch(() => parsed.map((p) => storeFile(store, p, opts)))
}

const parseOptions = (opts: ImportOptions): PriceFileOptions => ({allowExtreme: opts.allowExtreme, today: opts.today})

/** The files to import; `symbol` is allowed only for a single file, and must be valid. */
function importFiles(paths: readonly string[], opts: ImportOptions): string[] {
  const files = expandCsvPaths(paths)
  if (opts.symbol !== undefined) {
    if (files.length !== 1)
      throw new InputError(
        `--symbol names one symbol, but ${files.length} files were given; import them one at a time or name the files after their symbols`,
      )
    if (!isValidSymbol(opts.symbol)) throw new InputError(`--symbol "${opts.symbol}" is not a valid symbol`)
  }
  return files
}

/** Files per commit, by size: about 16 MB of CSV (some 200,000 rows) is written in one transaction. */
const BATCH_BYTES = 16 * 2 ** 20

function batches(files: string[], limit = BATCH_BYTES): string[][] {
  const out: string[][] = []
  let bytes = Number.POSITIVE_INFINITY
  for (const f of files) {
    let size = 0
    try {
      size = statSync(f).size
    } catch {
      // reading it reports the problem
    }
    if (bytes + size > limit) {
      out.push([])
      bytes = 0
    }
    out[out.length - 1].push(f)
    bytes += size
  }
  return out
}

/** One parsed file merged (or replaced) whole, or rejected with its reason and logged. */
function storeFile(store: PriceStore, parsed: ParsedPriceFile, opts: ImportOptions): ImportSummary {
  const {file, columns: c, skipped} = parsed
  const symbol = opts.symbol !== undefined ? normalizeSymbol(opts.symbol) : symbolFromFile(file)
  const source = `csv:${path.basename(file)}`
  try {
    if (!isValidSymbol(symbol))
      throw new InputError(`${file}: "${symbol}" is not a valid symbol; rename the file or pass --symbol`)
    if (c === null) throw new InputError(parsed.error ?? `${file}: rejected`)
    const at = opts.now?.()
    const {added, filled} = opts.replace
      ? {added: store.replaceHistory(symbol, pricesOfColumns(c), {source, at}), filled: 0}
      : store.mergeColumns(symbol, c, {source, at}, parsed.rounding)
    const rows = c.days.length
    const range = {from: isoOfDay(c.days[0]), to: isoOfDay(c.days[rows - 1])}
    return {file, symbol, ok: true, rows, added, filled, replaced: !!opts.replace, skipped, ...range}
  } catch (err) {
    // A damaged or unwritable store is no problem of this file: stop the import.
    if (!(err instanceof InputError)) throw err
    const message = err instanceof MergeConflictError ? conflictMessage(file, err) : err.message
    store.logFetch({symbol, source, action: 'error', ok: false, rows: 0, message})
    return {...rejected(file, symbol), error: message}
  }
}

function rejected(file: string, symbol: string): ImportSummary {
  return {file, symbol, ok: false, rows: 0, added: 0, filled: 0, replaced: false, skipped: 0, from: null, to: null}
}

/** A file that disagrees with the store: the first differing date, column and both values, and the way out. */
function conflictMessage(file: string, err: MergeConflictError): string {
  const {date, field, stored, incoming} = err.conflict
  return (
    `${file}: disagrees with the stored ${err.symbol} on ${date}, column ${COLUMN_NAME[field]}: stored ${stored}, this file ${incoming} ` +
    `(another adjustment basis?); nothing imported. Pass --replace to replace the stored history of ${err.symbol} with this file`
  )
}
