/** Writing one file so that a reader never sees it half written: a temporary file beside it, then a rename. */
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {InputError} from '../errors.js'

/** Writes `bytes` to `file` atomically; a path that cannot be written is bad input naming it (`flag` if given). */
export function writeFileAtomic(file: string, bytes: Buffer | string, flag = 'the output file'): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`)
  try {
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(tmp, bytes)
    renameSync(tmp, file)
  } catch (error) {
    rmSync(tmp, {force: true})
    throw new InputError(`${flag} ${file}: cannot be written (${(error as Error).message}); give a writable path`)
  }
}
