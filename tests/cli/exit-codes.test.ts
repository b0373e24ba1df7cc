// The exit codes are documented once, in docs/cli-data.md; its table must say what the code says.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT, EXIT_MEANINGS} from '../../src/errors.js'
import {REPO} from '../helpers/shared.js'

/** The rows `| code | meaning |` of the table under a `### Exit codes` heading. */
function exitTable(markdown: string): Array<[number, string]> {
  const section = markdown.split(/^### Exit codes$/m)[1]?.split(/^#{2,3} /m)[0] ?? ''
  return [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]])
}

describe('exit codes', () => {
  it('docs/cli-data.md lists every code of EXIT with the meaning EXIT_MEANINGS gives it', () => {
    const rows = exitTable(readFileSync(path.join(REPO, 'docs', 'cli-data.md'), 'utf8'))
    expect(rows.map(([code]) => code)).toEqual(Object.values(EXIT))
    expect(Object.fromEntries(rows)).toEqual(EXIT_MEANINGS)
  })

  it('the README points to that table instead of keeping a second one', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')
    expect(exitTable(readme)).toEqual([])
    expect(readme).toMatch(/docs\/cli-data\.md#exit-codes/)
  })
})
