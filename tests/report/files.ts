import {readdirSync} from 'node:fs'
import path from 'node:path'

/** Every file under `dir`, as sorted paths relative to it. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, {withFileTypes: true})
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort()
}
