import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {REPO} from './shared.js'

export const BIN = path.join(REPO, 'bin', 'run.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the built CLI as a user would (node bin/run.js ...), with its own cache folder unless given; `bin`: another
 * copy's bin/run.js.
 */
export function runCli(
  args: string[],
  opts: {cacheDir?: string; input?: string; env?: Record<string, string>; cwd?: string; bin?: string} = {},
): CliRun {
  // Output does not depend on the terminal the tests run in ($COLUMNS fits it to a width).
  const env: Record<string, string | undefined> = {...process.env, NO_COLOR: '1', COLUMNS: '', ...opts.env}
  if (opts.cacheDir) env.AFTERSHOCK_CACHE_DIR = opts.cacheDir
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env,
    input: opts.input,
    encoding: 'utf8',
    timeout: 120_000,
    // a full study result is over a megabyte of JSON
    maxBuffer: 64 * 1024 * 1024,
  })
  return {code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr}
}

export function tempDir(prefix = 'aftershock-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}
