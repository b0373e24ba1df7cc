// Runs every case of the bad-input corpus (./cases.ts) in-process through the CLI's commands: each ends with its
// exit code and a message naming what is wrong, never a raw escape or a stack trace.
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {run} from '../cli/run.js'
import {tempDir} from '../helpers/cli.js'
import {PRICES_DIR, REPO} from '../helpers/shared.js'
import {CASES} from './cases.js'

const FILES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'files')

/** The case's argv with its placeholders filled in. */
function argvOf(argv: string[], tmp: string): string[] {
  return argv.map((a) =>
    a
      .replace('{files}', FILES)
      .replace('{tmp}', tmp)
      .replace('{studies}', path.join(REPO, 'studies'))
      .replace('{prices}', PRICES_DIR),
  )
}

/** The message of a run: the error document's under --json, else stderr. */
function messageOf(argv: string[], r: {stdout: string; stderr: string}): string {
  if (!argv.includes('--json')) return r.stderr
  const doc = JSON.parse(r.stdout) as {error?: {message: string}}
  return doc.error?.message ?? ''
}

describe('the bad-input corpus', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const tmp = tempDir()
    const cacheDir = path.join(tmp, 'cache')
    for (const b of c.before ?? []) {
      const first = await run(argvOf(b, tmp), {cacheDir})
      expect(first.code, first.stderr).toBe(0)
    }
    const argv = argvOf(c.argv, tmp)
    const r = await run(argv, {cacheDir})
    const message = messageOf(argv, r)
    expect(r.code, message).toBe(c.code)
    expect(message).toMatch(new RegExp(c.message))
    expect(message).not.toMatch(/\n\s+at .*:\d+:\d+/)
    if (c.not) expect(message).not.toMatch(new RegExp(c.not))
  })
})
