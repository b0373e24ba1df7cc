// The built CLI's scalable outputs of `study run`, as a user pipes them: --jsonl lines, --json --detail,
// --csv-dir files, and a --json document read slowly through a pipe (stdout backpressure) arriving whole.
import {spawn} from 'node:child_process'
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, runCli, tempDir} from '../helpers/cli.js'
import {REPO} from '../helpers/shared.js'
import {schemaErrors} from '../cli/run.js'

/** stdout of the CLI read by a consumer that pauses after every chunk. */
function slowStdout(args: string[]): Promise<{code: number | null; text: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd: REPO, stdio: ['ignore', 'pipe', 'ignore']})
    const parts: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => {
      parts.push(b)
      child.stdout.pause()
      setTimeout(() => child.stdout.resume(), 2)
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code, text: Buffer.concat(parts).toString('utf8')}))
  })
}

describe('aftershock study run: outputs that scale', () => {
  it('--json through a slow pipe is the same document as read at once', async () => {
    const fast = runCli(['study', 'run', 'deepseek-r1', '--json'])
    expect(fast.code, fast.stderr).toBe(0)
    const slow = await slowStdout(['study', 'run', 'deepseek-r1', '--json'])
    expect(slow.code).toBe(0)
    expect(slow.text).toBe(fast.stdout)
  })

  it('--jsonl: one valid line per security row of the --json result', () => {
    const doc = JSON.parse(runCli(['study', 'run', 'nvda-earnings', '--json']).stdout)
    const r = runCli(['study', 'run', 'nvda-earnings', '--jsonl'])
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(doc.securities.length)
    for (const l of lines) expect(schemaErrors('study-security-line', JSON.parse(l))).toEqual([])
  })

  it('--json --detail summary: a valid document without security rows', () => {
    const r = runCli(['study', 'run', 'nvda-earnings', '--json', '--detail', 'summary'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(schemaErrors('study-result', doc)).toEqual([])
    expect(doc).toMatchObject({detail: 'summary', securities: []})
  })

  it('--csv-dir: the tables and _columns.csv, the table on stdout as without it', () => {
    const dir = path.join(tempDir(), 'out')
    const r = runCli(['study', 'run', 'covid-2020', '--csv-dir', dir])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(runCli(['study', 'run', 'covid-2020']).stdout)
    const files = readdirSync(dir)
    expect(files).toEqual(expect.arrayContaining(['_columns.csv', 'security-window.csv', 'group-window.csv']))
    expect(files.every((f) => f.endsWith('.csv'))).toBe(true)
  })
})
