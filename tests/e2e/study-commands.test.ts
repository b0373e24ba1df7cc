import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

const GOOD = `name: cli-study
title: CLI study
benchmark: SPY
estimation: { from: -260, to: -11 }
windows: [[0, 0], [-1, 1]]
events:
  - { id: a, date: 2025-01-27 }
groups:
  chips: { symbols: [NVDA, AMD] }
  cloud: { symbols: [MSFT] }
`

let dir: string
beforeAll(() => {
  dir = tempDir()
  mkdirSync(path.join(dir, 'studies'))
  writeFileSync(path.join(dir, 'studies', 'cli-study.yaml'), GOOD)
  writeFileSync(path.join(dir, 'bad.yaml'), GOOD.replace('[-1, 1]', '[1, -1]') + '  chips: { symbols: [AVGO] }\n')
})

describe('aftershock study validate', () => {
  it('prints ok with the counts for a good file (by path or by name)', () => {
    const r = runCli(['study', 'validate', 'studies/cli-study.yaml'], {cwd: dir})
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('ok: cli-study (1 event, 2 groups, 3 securities)')
    expect(runCli(['study', 'validate', 'cli-study'], {cwd: dir}).code).toBe(0)
  })

  it('validates the bundled covid-2020 study', () => {
    const r = runCli(['study', 'validate', 'covid-2020'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('ok: covid-2020 (1 event, 1 group, 7 securities)')
  })

  it('lists every error with file:line: field on stderr and exits 2', () => {
    const r = runCli(['study', 'validate', 'bad.yaml'], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('bad.yaml:11: groups.chips: duplicate key "chips" (already given on line 9)')
    expect(r.stderr).toContain('bad.yaml:5: windows[1]: window [1, -1] ends before it starts')
  })

  it('--json prints {valid, errors, summary} and exits 2 when invalid', () => {
    const bad = runCli(['study', 'validate', 'bad.yaml', '--json'], {cwd: dir})
    expect(bad.code).toBe(2)
    const doc = JSON.parse(bad.stdout) as {
      valid: boolean
      errors: Array<{file: string; line: number; path: string; message: string}>
      summary: unknown
    }
    expect(doc.valid).toBe(false)
    expect(doc.summary).toBeNull()
    expect(doc.errors.map((e) => [e.file, e.line, e.path])).toEqual([
      ['bad.yaml', 5, 'windows[1]'],
      ['bad.yaml', 11, 'groups.chips'],
    ])
    const good = runCli(['study', 'validate', 'cli-study', '--json'], {cwd: dir})
    expect(good.code).toBe(0)
    expect(JSON.parse(good.stdout)).toEqual({
      valid: true,
      file: path.join('studies', 'cli-study.yaml'),
      errors: [],
      summary: {name: 'cli-study', title: 'CLI study', events: 1, groups: 2, securities: 3},
    })
  })

  it('a missing study is bad input (exit 2), also under --json', () => {
    const r = runCli(['study', 'validate', 'nope'], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/study "nope" not found/)
    const j = runCli(['study', 'validate', 'nope', '--json'], {cwd: dir})
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout)).toMatchObject({valid: false, summary: null, errors: [{file: 'nope', line: null}]})
  })
})

describe('aftershock study list', () => {
  it('shows the studies of ./studies as a table', () => {
    const r = runCli(['study', 'list'], {cwd: dir})
    expect(r.code).toBe(0)
    const row = r.stdout.split('\n').find((l) => l.includes('cli-study'))
    expect(
      row
        ?.split('│')
        .map((c) => c.trim())
        .filter(Boolean),
    ).toEqual(['cli-study', 'CLI study', '1', '2', '3'])
  })

  it('--json lists name, file, title and counts', () => {
    const r = runCli(['study', 'list', '--json'], {cwd: dir})
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as {dir: string; studies: Array<Record<string, unknown>>}
    expect(doc.dir).toBe(path.join(dir, 'studies'))
    expect(doc.studies).toEqual([
      {
        name: 'cli-study',
        file: path.join(dir, 'studies', 'cli-study.yaml'),
        title: 'CLI study',
        events: 1,
        groups: 2,
        securities: 3,
        error: null,
      },
    ])
  })

  it('falls back to the bundled studies outside a project', () => {
    const r = runCli(['study', 'list', '--json'], {cwd: tempDir()})
    expect(r.code).toBe(0)
    const names = (JSON.parse(r.stdout) as {studies: Array<{name: string}>}).studies.map((s) => s.name)
    expect(names).toContain('covid-2020')
  })
})
