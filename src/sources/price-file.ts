/**
 * One price CSV read and parsed into columns (../store/price-columns.ts), or the reason it cannot be imported:
 * the step an import can run on another thread while the store writes the files before it.
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../errors.js'
import type {Rounding} from '../store/merge.js'
import {columnsOfPrices, type PriceColumns} from '../store/price-columns.js'
import {parsePriceCsv} from './csv.js'

export interface PriceFileOptions {
  /** Accept prices and dates outside the plausible limits (csv.ts). */
  allowExtreme?: boolean
  /** Today's date for the date limit (tests fix it). */
  today?: string
}

export interface ParsedPriceFile {
  file: string
  /** The rows, ascending by date; null when the file was rejected. */
  columns: PriceColumns | null
  /** Rows skipped because they carried no price at all. */
  skipped: number
  /** The file's printed precision per column (merge tolerance). */
  rounding: Rounding
  /** Why the file cannot be imported (`FILE:LINE: reason`), when it cannot. */
  error?: string
}

/** Reads and parses `file`; a bad file comes back with its error, anything else (a bug) throws. */
export function readPriceFile(file: string, opts: PriceFileOptions = {}): ParsedPriceFile {
  try {
    // The bytes, not the text: the parser reads a plain line's bytes in place, and a file's text would pass
    // through the engine's heap.
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (err) {
      throw new InputError(`${file}: cannot read: ${(err as Error).message}`)
    }
    const {bars, skipped, rounding} = parsePriceCsv(bytes, file, opts)
    if (bars.length === 0)
      throw new InputError(
        skipped > 0
          ? `${file}: all ${skipped} data rows lack a price (every cell empty or null); nothing to import`
          : `${file}: no data rows below the header`,
      )
    return {file, columns: columnsOfPrices(bars), skipped, rounding}
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    return {file, columns: null, skipped: 0, rounding: {}, error: err.message}
  }
}
