/**
 * A worker thread that parses price files (./price-file-worker.ts) while the caller writes the ones before them:
 * on two cores an import's parsing and its SQLite writes overlap. Only the built CLI has the worker's .js file;
 * `available()` says whether it is there (run from the TypeScript sources, the import parses in its own thread).
 */
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {AftershockError} from '../errors.js'
import type {ParsedPriceFile, PriceFileOptions} from './price-file.js'

const ENTRY = new URL('./price-file-worker.js', import.meta.url)

export class PriceFileThread {
  private readonly worker = new Worker(ENTRY)
  private closing = false

  static available(): boolean {
    return ENTRY.protocol === 'file:' && existsSync(fileURLToPath(ENTRY))
  }

  /** The parsed files, in the order given. */
  parse(files: string[], opts: PriceFileOptions): Promise<ParsedPriceFile[]> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.worker.off('message', onMessage)
        this.worker.off('error', onError)
        this.worker.off('exit', onExit)
      }
      const onMessage = (m: {parsed?: ParsedPriceFile[]; fatal?: string}): void => {
        done()
        if (m.parsed) resolve(m.parsed)
        else reject(new AftershockError(`the price-file parser failed: ${m.fatal}`))
      }
      const onError = (err: Error): void => {
        done()
        reject(err)
      }
      // Closed while parsing (the import stopped on an error of its own): nothing waits for these files.
      const onExit = (code: number): void => {
        done()
        if (this.closing) resolve([])
        else reject(new AftershockError(`the price-file parser stopped (exit code ${code})`))
      }
      this.worker.on('message', onMessage)
      this.worker.on('error', onError)
      this.worker.on('exit', onExit)
      this.worker.postMessage({files, opts})
    })
  }

  close(): Promise<number> {
    this.closing = true
    return this.worker.terminate()
  }
}
