/** Writing one file so that a reader never sees it half written: a temporary file beside it, then a rename. */
import {closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import path from 'node:path'
import {InputError} from '../errors.js'

/** Writes `bytes` to `file` atomically; a path that cannot be written is bad input naming it (`flag` if given). */
export function writeFileAtomic(file: string, bytes: Buffer | string, flag = 'the output file'): void {
  writeAtomic(file, flag, (tmp) => writeFileSync(tmp, bytes))
}

/**
 * Writes the pieces of text (CSV lines) to `file` atomically, a piece at a time, so a table larger than memory
 * would hold as one string is still written whole or not at all.
 */
export function writePiecesAtomic(file: string, pieces: Iterable<string>, flag = 'the output file'): void {
  writeAtomic(file, flag, (tmp) => {
    const fd = openSync(tmp, 'w')
    try {
      let buf: string[] = []
      let size = 0
      for (const p of pieces) {
        buf.push(p)
        size += p.length
        if (size >= 1 << 16) {
          writeAll(fd, buf.join(''))
          buf = []
          size = 0
        }
      }
      if (size > 0) writeAll(fd, buf.join(''))
    } finally {
      closeSync(fd)
    }
  })
}

/** All of the text's bytes (writeSync may write fewer than asked). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8')
  let off = 0
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off)
}

/** Removes a temporary file if it is there (its folder may not even be one). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, {force: true})
  } catch {
    // nothing was written there
  }
}

function writeAtomic(file: string, flag: string, write: (tmp: string) => void): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`)
  try {
    mkdirSync(path.dirname(file), {recursive: true})
    write(tmp)
    renameSync(tmp, file)
  } catch (error) {
    removeQuietly(tmp)
    throw new InputError(`${flag} ${file}: cannot be written (${(error as Error).message}); give a writable path`)
  }
}
