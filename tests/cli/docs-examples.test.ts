// After `npm ci` the CLI is not on PATH: the command examples must run it through npx.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {REPO} from '../helpers/shared.js'

/** Lines of the ```sh blocks of a Markdown text. */
function shellLines(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split('\n'))
}

describe('command examples', () => {
  it("docs/cli-data.md and the README's Commands section call `npx aftershock`, never a bare `aftershock`", () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')
    const commands = readme.split(/^## Commands$/m)[1].split(/^## /m)[0]
    const docs = readFileSync(path.join(REPO, 'docs', 'cli-data.md'), 'utf8')
    const lines = [...shellLines(commands), ...shellLines(docs)].filter((l) => /\baftershock /.test(l))
    expect(lines.length).toBeGreaterThan(10)
    for (const l of lines) expect(l.replace(/npx aftershock /g, ''), l).not.toMatch(/(^|[|;&]\s*)aftershock /)
  })
})
