/**
 * Worker-thread entry: parses the price files each message names (./price-file.ts) and posts the columns back
 * without copying them (transferred). A file's own problem travels as its error; a failure of the parser itself
 * as `fatal`, which the import rethrows.
 */
import {parentPort} from 'node:worker_threads'
import {buffersOf} from '../store/price-columns.js'
import {type PriceFileOptions, readPriceFile} from './price-file.js'

interface Request {
  files: string[]
  opts: PriceFileOptions
}

parentPort?.on('message', ({files, opts}: Request) => {
  try {
    const parsed = files.map((f) => readPriceFile(f, opts))
    const transfer = parsed.flatMap((p) => (p.columns ? buffersOf(p.columns) : []))
    parentPort?.postMessage({parsed}, transfer)
  } catch (err) {
    parentPort?.postMessage({fatal: (err as Error).stack ?? String(err)})
  }
})
