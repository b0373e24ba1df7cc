import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCommand} from '../../src/cli/run-command.js'
import Prices from '../../src/commands/prices.js'
import {tempDir} from '../helpers/cli.js'

describe('runCommand', () => {
  it('captures stdout, stderr and the exit code, and leaves the process exit code alone', async () => {
    const before = process.exitCode
    const r = await runCommand(Prices, ['NOPE'], {cacheDir: path.join(tempDir(), 'cache')})
    expect(r).toMatchObject({code: 1, stdout: ''})
    expect(r.stderr).toMatch(/^Error: no price store at /)
    expect(process.exitCode).toBe(before)
  })

  it('the cache folder comes from the options, as $AFTERSHOCK_CACHE_DIR would give it', async () => {
    const cacheDir = path.join(tempDir(), 'cache')
    const r = await runCommand(Prices, ['NOPE', '--json'], {cacheDir})
    expect(JSON.parse(r.stdout).error.message).toContain(path.join(cacheDir, 'aftershock.sqlite'))
  })
})
