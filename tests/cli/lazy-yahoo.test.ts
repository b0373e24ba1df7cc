// yahoo-finance2 loads slowly: no command may import it statically; the context imports it when the network
// is used. This walks the static imports (not `import type`, not `await import(...)`) from each command.
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {REPO} from '../helpers/shared.js'

const STATIC_IMPORT = /^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm

/** Every module and package reached by static imports from `file` (a .ts file of src/). */
function reach(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    const spec = m[1]
    if (!spec.startsWith('.')) seen.add(`package:${spec}`)
    else {
      const ts = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts')
      if (existsSync(ts)) reach(ts, seen)
    }
  }
  return seen
}

function commandFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? commandFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  )
}

describe('the Yahoo client is lazy', () => {
  it('no command imports yahoo-finance2 statically', () => {
    const files = commandFiles(path.join(REPO, 'src', 'commands'))
    expect(files.length).toBeGreaterThan(5)
    for (const f of files) expect(reach(f).has('package:yahoo-finance2'), path.relative(REPO, f)).toBe(false)
  })

  it('the walk does find it where it is imported', () => {
    expect(reach(path.join(REPO, 'src', 'sources', 'fetch-symbols.ts')).has('package:yahoo-finance2')).toBe(true)
  })
})
