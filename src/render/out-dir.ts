/**
 * Checks of a report's output folder before anything is written: every way the folder, its parents or the
 * files inside it could make the write fail half-way is found first and named with its path (exit 2: a path the
 * user gave that cannot be used).
 */
import {accessSync, constants, statSync, type Stats} from 'node:fs'
import path from 'node:path'
import {AftershockError, InputError} from '../errors.js'

function statOf(p: string): Stats | undefined {
  try {
    return statSync(p)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    // ENOTDIR: a parent is a file, reported by the walk up from the target.
    if (code === 'ENOTDIR') return undefined
    throw err
  }
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK | constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The nearest existing folder at or above `p`; a regular file on the way up is bad input. */
function nearestFolder(flag: string, p: string): string {
  for (let dir = p; ; dir = path.dirname(dir)) {
    const st = statOf(dir)
    if (st?.isDirectory()) return dir
    if (st) throw new InputError(`${flag}: ${dir} is a file, not a folder; give an --out whose parents are folders`)
    if (path.dirname(dir) === dir) return dir
  }
}

/**
 * Throws an InputError naming the path when the report cannot be written to `outDir` (given as `given`) with the
 * files `rels` (paths relative to the folder, e.g. charts/a.svg): a file where a folder must be, a folder where a
 * file must be, or a folder that cannot be written.
 */
export function checkOutDir(outDir: string, given: string, rels: readonly string[]): void {
  const flag = `--out ${given}`
  const st = statOf(outDir)
  if (st && !st.isDirectory()) throw new InputError(`${flag}: exists and is not a folder; give a folder path`)
  // The report is first written into a temporary folder beside the target.
  const parent = nearestFolder(flag, path.dirname(outDir))
  if (!writable(parent))
    throw new InputError(`${flag}: cannot write in ${parent} (permission denied); give an --out in a writable folder`)
  if (!st) return
  if (!writable(outDir)) throw new InputError(`${flag}: the folder is not writable; give a writable folder`)
  const dirs = new Set(rels.map((r) => path.dirname(r)).filter((d) => d !== '.'))
  for (const d of dirs) {
    const ds = statOf(path.join(outDir, d))
    if (ds && !ds.isDirectory())
      throw new InputError(
        `${flag}: ${path.join(outDir, d)} is a file, but the report puts files in a folder ${d}/ there; move it away`,
      )
    if (ds && !writable(path.join(outDir, d)))
      throw new InputError(`${flag}: the folder ${path.join(outDir, d)} is not writable; give a writable folder`)
  }
  for (const r of rels) {
    const fs = statOf(path.join(outDir, r))
    if (fs?.isDirectory())
      throw new InputError(
        `${flag}: ${path.join(outDir, r)} is a folder, but the report writes a file there; move it away`,
      )
  }
}

/** An error met while writing the report anyway (a full disk, a race): named with the path, exit 1. */
export function writeFailure(given: string, err: unknown): AftershockError {
  if (err instanceof AftershockError) return err
  const e = err as NodeJS.ErrnoException
  const where = e.path ? ` (${e.path})` : ''
  return new AftershockError(
    `--out ${given}: cannot write the report${where}: ${e.code ?? e.message}; nothing was replaced`,
  )
}
